#include "sim/live/serve/provider_api_server.h"

#include <vector>

#include "sim/live/serve/provider_api_connection.h"

namespace msgsim::live {

namespace net = boost::asio;

namespace {

constexpr auto kAcceptRetry = std::chrono::milliseconds(50);

}  // namespace

ProviderApiServer::ProviderApiServer(ProviderCallHandOff& hand_off, ProviderApiServerOptions options)
    : core_(std::make_shared<ProviderApiCore>(hand_off, std::move(options))),
      work_(io_.get_executor()),
      acceptor_(io_),
      accept_retry_(io_) {}

ProviderApiServer::~ProviderApiServer() { stop(); }

runtime::Status ProviderApiServer::start() {
  MSGSIM_CHECK_MSG(!thread_.joinable() && port_ == 0, "the provider API server starts once");
  const ProviderApiServerOptions& options = core_->options;
  const std::string where = options.bind_address + ":" + std::to_string(options.port);
  boost::system::error_code error;
  const net::ip::address address = net::ip::make_address(options.bind_address, error);
  if (error) {
    return runtime::Status(runtime::StatusCode::kInvalidInput,
                           "provider API: cannot listen on " + where + ": '" + options.bind_address +
                               "' is not an IP address");
  }
  const net::ip::tcp::endpoint endpoint(address, options.port);
  auto failed = [&](const char* step) {
    boost::system::error_code ignored;
    acceptor_.close(ignored);
    return runtime::Status(runtime::StatusCode::kUnavailable,
                           "provider API: cannot listen on " + where + ": " + step + ": " + error.message());
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
  accept_next();
  thread_ = std::thread([this] { io_.run(); });
  return runtime::Status::ok();
}

// Runs on the server's thread (the first call before it starts).
void ProviderApiServer::accept_next() {
  acceptor_.async_accept([this](const boost::system::error_code& error, net::ip::tcp::socket socket) {
    if (core_->stopped) return;
    if (error) {
      // Out of descriptors and the like: try again shortly instead of spinning.
      accept_retry_.expires_after(kAcceptRetry);
      accept_retry_.async_wait([this](const boost::system::error_code& wait_error) {
        if (!core_->stopped && !wait_error) accept_next();
      });
      return;
    }
    ++core_->accepted;
    auto connection = std::make_shared<ProviderApiConnection>(std::move(socket), *core_);
    if (core_->connections.size() >= core_->options.connections_max) {
      connection->refuse_busy();
    } else {
      connection->start();
    }
    accept_next();
  });
}

void ProviderApiServer::stop() {
  if (!thread_.joinable()) return;
  net::post(io_, [this] {
    core_->stopped = true;
    boost::system::error_code ignored;
    acceptor_.close(ignored);
    accept_retry_.cancel();
    std::vector<std::shared_ptr<ProviderApiConnection>> open;
    for (const auto& [id, connection] : core_->connections) open.push_back(connection);
    for (const auto& connection : open) connection->close();
  });
  work_.reset();
  thread_.join();
}

std::uint64_t ProviderApiServer::connections_accepted() const { return core_->accepted; }
std::uint64_t ProviderApiServer::requests_received() const { return core_->requests; }
std::uint64_t ProviderApiServer::requests_refused() const { return core_->refused; }

}  // namespace msgsim::live
