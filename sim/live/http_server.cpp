#include "sim/live/http_server.h"

#include <vector>

#include "sim/live/http_connection.h"

namespace msgsim::live {

namespace net = boost::asio;

namespace {

constexpr auto kAcceptRetry = std::chrono::milliseconds(50);

}  // namespace

HttpServer::HttpServer(net::io_context& io, HttpServerOptions options)
    : acceptor_(io), accept_retry_(io), core_(std::make_shared<ServerCore>()) {
  core_->options = std::move(options);
}

HttpServer::~HttpServer() { stop(); }

void HttpServer::add_route(std::string method, std::string path, HttpHandler handler) {
  core_->router.add_exact(std::move(method), std::move(path), RouteTarget{std::move(handler), nullptr});
}

void HttpServer::add_prefix_route(std::string method, std::string prefix, HttpHandler handler) {
  core_->router.add_prefix(std::move(method), std::move(prefix), RouteTarget{std::move(handler), nullptr});
}

void HttpServer::add_event_stream(std::string path, std::shared_ptr<EventStream> stream) {
  core_->streams.push_back(stream);
  core_->router.add_exact("GET", std::move(path), RouteTarget{nullptr, std::move(stream)});
}

void HttpServer::add_static_files(std::string prefix, StaticFiles files) {
  HttpHandler handler = files.handler(prefix);
  add_prefix_route("GET", std::move(prefix), std::move(handler));
}

runtime::Status HttpServer::start() {
  const std::string where = core_->options.bind_address + ":" + std::to_string(core_->options.port);
  boost::system::error_code error;
  const net::ip::address address = net::ip::make_address(core_->options.bind_address, error);
  if (error) {
    return runtime::Status(runtime::StatusCode::kInvalidInput,
                           "cannot listen on " + where + ": '" + core_->options.bind_address + "' is not an IP address");
  }
  const net::ip::tcp::endpoint endpoint(address, core_->options.port);
  auto failed = [&](const char* step) {
    boost::system::error_code ignored;
    acceptor_.close(ignored);
    return runtime::Status(runtime::StatusCode::kUnavailable,
                           "cannot listen on " + where + ": " + step + ": " + error.message());
  };
  acceptor_.open(endpoint.protocol(), error);
  if (error) return failed("open");
  acceptor_.set_option(net::socket_base::reuse_address(true), error);
  if (error) return failed("reuse_address");
  acceptor_.bind(endpoint, error);
  if (error) return failed("bind");
  acceptor_.listen(net::socket_base::max_listen_connections, error);
  if (error) return failed("listen");
  port_ = acceptor_.local_endpoint(error).port();
  core_->stopped = false;
  accept_next();
  return runtime::Status::ok();
}

void HttpServer::accept_next() {
  // Handlers hold the core, not the server: after stop() they only see
  // `stopped` (the server may be gone by then).
  acceptor_.async_accept([this, core = core_](const boost::system::error_code& error, net::ip::tcp::socket socket) {
    if (core->stopped) return;
    if (error) {
      // Out of descriptors and the like: try again shortly instead of spinning.
      accept_retry_.expires_after(kAcceptRetry);
      accept_retry_.async_wait([this, core](const boost::system::error_code& wait_error) {
        if (!core->stopped && !wait_error) accept_next();
      });
      return;
    }
    ++core->accepted;
    // Answers leave when written: with Nagle's algorithm a second answer
    // would wait for the client's delayed ACK (40 ms on Linux).
    boost::system::error_code ignored;
    socket.set_option(net::ip::tcp::no_delay(true), ignored);
    auto connection = std::make_shared<HttpConnection>(std::move(socket), core);
    if (core->open > core->options.connections_max) {
      connection->refuse_busy();
    } else {
      connection->start();
    }
    accept_next();
  });
}

void HttpServer::stop() {
  if (core_->stopped) return;
  core_->stopped = true;
  boost::system::error_code ignored;
  acceptor_.close(ignored);
  accept_retry_.cancel();
  std::vector<std::shared_ptr<HttpConnection>> open;
  for (const auto& [id, connection] : core_->connections) {
    if (std::shared_ptr<HttpConnection> alive = connection.lock()) open.push_back(std::move(alive));
  }
  for (const std::shared_ptr<HttpConnection>& connection : open) connection->close();
  for (const std::shared_ptr<EventStream>& stream : core_->streams) stream->close_all();
}

std::uint64_t HttpServer::connections_accepted() const { return core_->accepted.load(); }
std::uint64_t HttpServer::requests_received() const { return core_->requests.load(); }
std::uint64_t HttpServer::requests_refused() const { return core_->refused.load(); }
std::size_t HttpServer::connections_open() const { return core_->open.load(); }

}  // namespace msgsim::live
