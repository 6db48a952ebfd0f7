#include "sim/live/blocking_connection.h"

namespace msgsim::live {

namespace net = boost::asio;

runtime::Status BlockingConnection::connect(const std::string& host, std::uint16_t port, Clock::time_point deadline) {
  close();
  buffer_.clear();
  peer_ = host + ":" + std::to_string(port);
  net::ip::tcp::resolver resolver(io_);
  boost::system::error_code error;
  const net::ip::tcp::resolver::results_type endpoints = resolver.resolve(host, std::to_string(port), error);
  if (error) {
    last_error_ = error;
    return runtime::Status(runtime::StatusCode::kUnavailable, peer_ + ": cannot resolve: " + error.message());
  }
  return run([&](auto handler) { net::async_connect(socket_, endpoints, std::move(handler)); }, deadline, "connect");
}

runtime::Status BlockingConnection::write(std::string_view bytes, Clock::time_point deadline) {
  return run([&](auto handler) { net::async_write(socket_, net::buffer(bytes.data(), bytes.size()), std::move(handler)); },
             deadline, "write");
}

void BlockingConnection::close() {
  boost::system::error_code ignored;
  socket_.shutdown(net::ip::tcp::socket::shutdown_both, ignored);
  socket_.close(ignored);
}

runtime::Status BlockingConnection::wait(boost::system::error_code& result, Clock::time_point deadline,
                                         std::string_view what, bool keep_on_timeout) {
  io_.restart();
  while (result == net::error::would_block) {
    if (io_.run_one_until(deadline) == 0) break;
  }
  if (result == net::error::would_block) {
    // Abandon the operation and let its handler run before `result` dies.
    if (keep_on_timeout) {
      boost::system::error_code ignored;
      socket_.cancel(ignored);
    } else {
      close();
    }
    io_.restart();
    io_.run();
    last_error_ = net::error::would_block;
    return runtime::Status(runtime::StatusCode::kUnavailable, peer_ + ": " + std::string(what) + ": timed out");
  }
  last_error_ = result;
  if (result) {
    return runtime::Status(runtime::StatusCode::kUnavailable,
                           peer_ + ": " + std::string(what) + ": " + result.message());
  }
  return runtime::Status::ok();
}

}  // namespace msgsim::live
