// A synchronous HTTP/1.1 client for loopback servers (Boost.Beast): what the
// live fakes use to deliver webhooks, load benchmarks use to drive the
// server, and tests use to talk to it. Keeps its connection alive between
// requests; when a kept-alive connection turns out closed by the server
// before any answer came, it reconnects and sends once more.
// One thread at a time; never on the thread running the server it calls.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "sim/live/blocking_connection.h"
#include "sim/runtime/status.h"
#include "sim/stack/wire/http_message.h"

namespace msgsim::live {

struct HttpClientOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 0;
  // For one request: connecting, writing and reading the whole answer.
  std::chrono::milliseconds timeout{5'000};
  // Longer answers are an error.
  std::size_t body_limit_bytes = 64u << 20;
};

class HttpClient {
 public:
  explicit HttpClient(HttpClientOptions options) : options_(std::move(options)) {}

  // Sends `request` and returns the answer, whatever its status. Sets Host
  // and Content-Length; keeps the request's other headers. kUnavailable
  // naming host:port and the cause when no answer came (refused, reset,
  // timed out, over the body limit).
  runtime::Result<stack::HttpResponse> send(const stack::HttpRequest& request);
  runtime::Result<stack::HttpResponse> get(std::string target);
  runtime::Result<stack::HttpResponse> post(std::string target, std::string body,
                                            std::string content_type = "application/json");

  // Writes `bytes` exactly as given on a new connection and reads one
  // answer, then closes: for testing how a server treats malformed input.
  runtime::Result<stack::HttpResponse> send_raw(std::string_view bytes);

  // True iff a kept-alive connection is open (the last answer did not say
  // Connection: close).
  bool connected() const { return connection_.is_open(); }
  // Connections opened so far: 1 for any number of kept-alive requests.
  std::uint64_t connections_opened() const { return connections_opened_; }
  void close() { connection_.close(); }

 private:
  runtime::Result<stack::HttpResponse> exchange(const stack::HttpRequest& request,
                                                BlockingConnection::Clock::time_point deadline);
  runtime::Status ensure_connected(BlockingConnection::Clock::time_point deadline);
  runtime::Result<stack::HttpResponse> read_response(BlockingConnection::Clock::time_point deadline);

  HttpClientOptions options_;
  BlockingConnection connection_;
  std::uint64_t connections_opened_ = 0;
};

}  // namespace msgsim::live
