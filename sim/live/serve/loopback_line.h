// One keep-alive HTTP/1.1 connection from this process to a server on
// loopback, carrying requests in the order they were posted and handing each
// its answer when it arrives: live mode's carrier for both directions of a
// provider boundary (a fake's webhooks to the stack's server, the stack's
// send-API calls to the providers' server). Both servers run on the same
// io_context as the line, so the line never blocks: post() queues, and the
// answer comes back as an asynchronous completion on that thread.
//
// Requests are pipelined (HTTP/1.1): up to `window` are written ahead of
// their answers, together in one write when several wait (a request posted
// is written once the handler that posted it has returned, with whatever
// else that handler posted), and the answers are read back in order, so a
// channel's requests reach the server in order and a busy line costs a few
// system calls per batch, not per request. A
// connection that breaks or times out before an answer is reopened and the
// unanswered requests written once more (the receivers absorb a duplicate
// by the provider's id); the oldest of them is given up after its second
// failure and answered with a 503 naming the cause, and so is what close()
// finds queued. A kept-alive connection the server closed while idle fails
// on the next request without a byte of answer: that is a reopen, which
// costs the request none of its two tries. Every request gets exactly one answer, unless abandon() drops it
// with its owner.
//
// Single-threaded: every member runs on the io_context's thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim/harness/histogram.h"
#include "sim/live/beast.h"
#include "sim/stack/ids.h"
#include "sim/stack/wire/wire_transport.h"

namespace msgsim::live {

struct LoopbackLineOptions {
  boost::asio::ip::tcp::endpoint server;
  std::string host;           // the Host header to send ("127.0.0.1:8080")
  std::string target_prefix;  // put before each request's target ("/providers/sms-us"); "" = none
  std::string user_agent;     // the User-Agent header; "" = none
  std::chrono::milliseconds connect_timeout{5'000};
  // From the request's first byte written to its answer's last byte read.
  std::chrono::milliseconds exchange_timeout{15'000};
  std::size_t answer_body_bytes_max = 1 << 20;
  // Requests written ahead of their answers, at most.
  std::size_t window = 64;
};

// What one line's requests got back.
struct LoopbackLineCounts {
  std::uint64_t queued = 0;  // requests posted
  std::uint64_t answered_2xx = 0;
  std::uint64_t answered_401 = 0;
  std::uint64_t answered_4xx = 0;  // other 4xx (400 malformed, 413 too large, 404, a provider's refusal)
  std::uint64_t answered_5xx = 0;  // the server's own 5xx answers
  std::uint64_t failed = 0;        // no answer: after a resend, or closed before it came (answered 503)
  std::uint64_t retried = 0;       // written once more on a new connection after a failure
  // Kept-alive connections found closed by the server (idle) when the next
  // request went out: reopened and the request written again, not a retry.
  std::uint64_t reopened = 0;
  harness::Histogram round_trip;   // wall nanoseconds, posted to answered, per answered request
};

class LoopbackLine : public std::enable_shared_from_this<LoopbackLine> {
 public:
  using AnswerHandler = stack::WireTransport::AnswerHandler;

  LoopbackLine(boost::asio::io_context& io, LoopbackLineOptions options);

  // Queues `request` (its target gets the options' prefix; Host, User-Agent
  // and Content-Length are set here). `on_answer` runs once on the io thread
  // with the server's answer or a 503 (above); only on a closed line does it
  // run inside post().
  void post(stack::HttpRequest request, AnswerHandler on_answer);
  // Runs before each answer is handed over (e.g. the pacer's catch-up, so
  // that what the answer changes happens at the current simulated time).
  void set_before_answer(std::function<void()> before) { before_answer_ = std::move(before); }

  // Requests queued or in flight.
  std::size_t pending() const { return queue_.size(); }
  const LoopbackLineCounts& counts() const { return counts_; }
  bool closed() const { return closed_; }

  // Answers every queued request 503 (counted as failed), closes the
  // connection, and answers later posts 503 at once. Idempotent.
  void close();
  // As close(), but drops the queued requests' handlers without running
  // them: their owner is going away.
  void abandon();

 private:
  struct Pending {
    std::string bytes;  // the request as written on the wire
    AnswerHandler on_answer;
    std::chrono::steady_clock::time_point posted;
  };

  std::string serialize(const stack::HttpRequest& request) const;
  // Connects when needed, then writes what the window allows.
  void pump();
  void connect();
  void write_batch();
  void read_next();
  void on_answer();
  void on_failure(const boost::beast::error_code& error);
  void answer_front(stack::HttpResponse response);
  void drop_connection();

  LoopbackLineOptions options_;
  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
  std::optional<boost::beast::http::response_parser<boost::beast::http::string_body>> parser_;
  std::deque<Pending> queue_;  // oldest first; the first `written_` are on the wire
  std::vector<boost::asio::const_buffer> batch_;  // what the write in progress writes
  std::function<void()> before_answer_;
  LoopbackLineCounts counts_;
  std::size_t written_ = 0;
  bool connecting_ = false;
  bool connected_ = false;
  bool writing_ = false;
  bool reading_ = false;
  bool closed_ = false;
  bool pump_posted_ = false;  // a pump() is posted to the io_context
  // Bumped when the connection is dropped: completions of an older
  // connection's operations find it changed and do nothing.
  std::uint64_t connection_ = 0;
  int attempts_ = 0;  // failures seen while the front request was unanswered
  std::uint64_t answers_on_connection_ = 0;  // answers the current connection carried
};

// The answer a line gives a request that got none: 503, naming the cause.
stack::HttpResponse no_answer(const std::string& cause);

// A line and the channel it carries for; a channel may have several (its
// webhooks and its partner's calls; its send calls and its partner's events).
struct ChannelLine {
  stack::ChannelId channel;
  std::shared_ptr<LoopbackLine> line;
};
// The counts of every line of `channel` together (zero without one).
LoopbackLineCounts merged_counts(const std::vector<ChannelLine>& lines, stack::ChannelId channel);
// Requests queued or in flight on every line of `channel`.
std::uint64_t pending_on(const std::vector<ChannelLine>& lines, stack::ChannelId channel);

}  // namespace msgsim::live
