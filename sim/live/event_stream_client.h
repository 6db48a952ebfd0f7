// The reading side of server-sent events: a parser of the text/event-stream
// format, and a synchronous client that subscribes to a stream and returns
// its events one by one. Tests and load tools use it; so can a live fake
// that watches the console. One thread at a time; never on the thread
// running the server.
#pragma once

#include <chrono>
#include <deque>
#include <memory>
#include <string>
#include <string_view>

#include "sim/live/blocking_connection.h"
#include "sim/live/event_stream.h"
#include "sim/live/http_client.h"
#include "sim/runtime/status.h"

namespace msgsim::live {

// Turns stream bytes, fed in chunks of any size, into events as the format
// says: lines end in \n, \r\n or \r; "field: value" (one space after the
// colon dropped); lines starting with ':' are comments; a blank line
// dispatches the event, if it has data; data lines join with \n.
class ServerSentEventParser {
 public:
  void feed(std::string_view bytes);
  bool has_event() const { return !ready_.empty(); }
  // REQUIRES: has_event().
  ServerSentEvent take();

 private:
  void line(std::string_view text);

  std::string pending_;  // an unfinished line
  bool skip_newline_ = false;  // the last chunk ended in \r: a \n next is its pair
  ServerSentEvent building_;
  bool has_data_ = false;
  std::deque<ServerSentEvent> ready_;
};

class EventStreamClient {
 public:
  // Subscribes: GET `path` on options.host:options.port and waits for the
  // answer's header. kUnavailable when it cannot connect or times out;
  // kInvalidInput when the answer is not 200 text/event-stream.
  static runtime::Result<std::unique_ptr<EventStreamClient>> open(const HttpClientOptions& options,
                                                                  const std::string& path);

  // The next event, waiting at most `timeout`. kUnavailable when none came
  // in time (the subscription stays open) or the server closed the stream.
  runtime::Result<ServerSentEvent> next(std::chrono::milliseconds timeout);
  void close() { connection_.close(); }
  bool is_open() const { return connection_.is_open(); }

 private:
  EventStreamClient() = default;

  BlockingConnection connection_;
  ServerSentEventParser parser_;
};

}  // namespace msgsim::live
