// An HTTP/1.1 server on an io_context (Boost.Beast): live mode's webhook
// endpoints, browser console and /metrics are routes on it.
//
// It serves on the io_context it is given, with no threads of its own: run
// it on the same io_context as the LivePacer and every handler runs between
// simulation events, so handlers may call into the stack without locks (call
// pacer.catch_up() first so the stack sees current time).
//
// Per connection: keep-alive (HTTP/1.1 default, HTTP/1.0 on request),
// `Expect: 100-continue`, a read timeout for each request (an idle kept-alive
// connection is closed after it), and limits. A body over body_limit_bytes
// gets 413 before any handler sees it, headers over header_limit_bytes get
// 431, a request that is not HTTP/1.x (a malformed request line, header or
// chunk) gets 400; each of these closes the connection. Routes: see
// http_router.h; 404 and 405 (with Allow) otherwise. Handler exceptions
// become 500. Connections beyond connections_max get 503.
//
// Threading: construct, add routes, start() and stop() on the thread that
// runs the io_context, or before it runs. The counters may be read from any
// thread.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "sim/live/event_stream.h"
#include "sim/live/http_router.h"
#include "sim/live/static_files.h"
#include "sim/runtime/asio.h"
#include "sim/runtime/status.h"

namespace msgsim::live {

struct HttpServerOptions {
  std::string bind_address = "127.0.0.1";  // an IPv4 or IPv6 literal
  std::uint16_t port = 0;                   // 0 = an ephemeral port; see port()
  std::size_t body_limit_bytes = 1 << 20;
  std::size_t header_limit_bytes = 16 << 10;
  // How long a request may take to arrive, and an idle connection may stay.
  std::chrono::milliseconds read_timeout{10'000};
  std::size_t connections_max = 1024;
};

struct ServerCore;

class HttpServer {
 public:
  explicit HttpServer(boost::asio::io_context& io, HttpServerOptions options = {});
  // Stops the server.
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // `method` and exactly `path` (no query) go to `handler`.
  void add_route(std::string method, std::string path, HttpHandler handler);
  // `method` and every path starting with `prefix` go to `handler`.
  void add_prefix_route(std::string method, std::string prefix, HttpHandler handler);
  // GET `path` subscribes the connection to `stream` (server-sent events).
  void add_event_stream(std::string path, std::shared_ptr<EventStream> stream);
  // GET below `prefix` (ending in '/') serves `files`.
  void add_static_files(std::string prefix, StaticFiles files);

  // Binds and starts accepting. Returns kUnavailable naming the address and
  // the cause when it cannot listen (port taken, address not local).
  runtime::Status start();
  // The port it listens on (the one chosen when options.port was 0);
  // 0 before start().
  std::uint16_t port() const { return port_; }
  // Stops accepting and closes every connection, event-stream subscribers
  // included. Idempotent.
  void stop();

  std::uint64_t connections_accepted() const;
  std::uint64_t requests_received() const;
  // Requests the server answered itself: no route (404, 405), malformed
  // (400), over a limit (413, 431), beyond connections_max (503).
  std::uint64_t requests_refused() const;
  std::size_t connections_open() const;

 private:
  void accept_next();

  boost::asio::ip::tcp::acceptor acceptor_;
  boost::asio::steady_timer accept_retry_;
  std::shared_ptr<ServerCore> core_;
  std::uint16_t port_ = 0;
};

}  // namespace msgsim::live
