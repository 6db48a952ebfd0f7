// Server-sent events (the text/event-stream format browsers read with
// EventSource): one EventStream is one route that keeps each subscriber's
// connection open and sends it every event published after it subscribed.
//
// publish() never blocks and never waits for a subscriber: each event is
// formatted once and queued to every subscriber, whose socket writes it when
// it can. A subscriber whose unsent queue would pass `queue_bytes_max` (it
// reads too slowly, or not at all) is dropped: its connection is closed and
// dropped_total() counts it. Subscribers that disconnect are forgotten.
//
// Owned through a shared_ptr (the server's route holds one). Single-threaded:
// every member runs on the io_context thread that runs the subscribers'
// sockets (the server's), e.g. from an HTTP handler or a simulation event.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sim/runtime/asio.h"

namespace msgsim::live {

struct ServerSentEvent {
  std::string event;  // the `event:` line; empty = none (the client's "message")
  std::string data;   // one `data:` line per line
  std::string id;     // the `id:` line; empty = none
};

// The wire text of `event`, ending with the blank line that dispatches it.
// Line breaks inside `event` and `id` are dropped so they cannot inject
// fields; `data` is split into one data line per line (\n, \r\n or \r).
std::string format_server_sent_event(const ServerSentEvent& event);

struct EventStreamOptions {
  // The most unsent bytes one subscriber may have queued before it is dropped.
  std::size_t queue_bytes_max = 1 << 20;
  // The most subscribers at once; more are answered 503 and closed.
  std::size_t subscribers_max = 256;
  // SO_SNDBUF of each subscriber's socket; 0 = the system's (auto-tuned, up
  // to megabytes). A small buffer bounds the memory a stuck client holds and
  // makes the queue limit apply sooner.
  std::size_t socket_send_buffer_bytes = 0;
};

class EventSubscriber;

class EventStream {
 public:
  explicit EventStream(EventStreamOptions options = {});
  ~EventStream();
  EventStream(const EventStream&) = delete;
  EventStream& operator=(const EventStream&) = delete;

  // Sends `event` to every current subscriber.
  void publish(const ServerSentEvent& event);
  void publish(std::string_view event, std::string_view data) {
    publish(ServerSentEvent{std::string(event), std::string(data), {}});
  }
  // Sends a comment line (": text"), which clients ignore: keeps idle
  // connections alive through proxies.
  void publish_comment(std::string_view text);

  // Takes over `socket`, a connection whose GET request named this stream:
  // answers 200 text/event-stream and keeps it for later events.
  void subscribe(boost::asio::ip::tcp::socket socket);
  // Closes every subscriber's connection.
  void close_all();

  std::size_t subscriber_count() const;
  std::uint64_t published_total() const { return published_total_; }
  std::uint64_t dropped_total() const { return dropped_total_; }

 private:
  void send(const std::shared_ptr<const std::string>& text);
  void forget_closed();

  EventStreamOptions options_;
  std::vector<std::shared_ptr<EventSubscriber>> subscribers_;
  std::uint64_t published_total_ = 0;
  std::uint64_t dropped_total_ = 0;
};

}  // namespace msgsim::live
