// A TCP client connection whose operations block the calling thread until
// they finish or a deadline passes: the base of the synchronous HTTP and
// event-stream clients. It owns a private io_context that runs only inside
// its calls, so any thread may use it except one running the handlers of
// the server it talks to (that would deadlock). One thread at a time.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "sim/live/beast.h"
#include "sim/runtime/status.h"

namespace msgsim::live {

class BlockingConnection {
 public:
  using Clock = std::chrono::steady_clock;

  BlockingConnection() : socket_(io_) {}
  BlockingConnection(const BlockingConnection&) = delete;
  BlockingConnection& operator=(const BlockingConnection&) = delete;

  // Connects to host:port (an IP literal or a name such as localhost).
  // kUnavailable naming host:port and the cause when it cannot.
  runtime::Status connect(const std::string& host, std::uint16_t port, Clock::time_point deadline);

  // Runs the asynchronous operation that `initiate` starts on socket() (it
  // is given the completion handler) until it completes or `deadline`
  // passes. On error or timeout returns kUnavailable with `what` and the
  // cause; a timeout closes the connection unless `keep_on_timeout`.
  template <typename Initiate>
  runtime::Status run(Initiate&& initiate, Clock::time_point deadline, std::string_view what,
                      bool keep_on_timeout = false) {
    boost::system::error_code result = boost::asio::error::would_block;
    initiate([&result](const boost::system::error_code& error, auto&&...) { result = error; });
    return wait(result, deadline, what, keep_on_timeout);
  }

  runtime::Status write(std::string_view bytes, Clock::time_point deadline);

  bool is_open() const { return socket_.is_open(); }
  void close();

  boost::asio::ip::tcp::socket& socket() { return socket_; }
  // Bytes read past the end of the last message, kept for the next read.
  boost::beast::flat_buffer& buffer() { return buffer_; }
  // The last operation's error (also after a timeout: would_block).
  const boost::system::error_code& last_error() const { return last_error_; }

 private:
  runtime::Status wait(boost::system::error_code& result, Clock::time_point deadline, std::string_view what,
                       bool keep_on_timeout);

  boost::asio::io_context io_;
  boost::asio::ip::tcp::socket socket_;
  boost::beast::flat_buffer buffer_;
  boost::system::error_code last_error_;
  std::string peer_;  // host:port, for messages
};

}  // namespace msgsim::live
