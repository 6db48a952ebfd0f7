// Runs an HttpServer on its own io_context thread for a test, as live mode
// does (one thread runs the server and everything it calls), while the test
// thread plays the clients. Routes are added before start().
#pragma once

#include <future>
#include <thread>

#include "sim/live/http_client.h"
#include "sim/live/http_server.h"

namespace msgsim::live::testing {

class ServerThread {
 public:
  explicit ServerThread(HttpServerOptions options = {}) : server_(io_, std::move(options)) {}
  ~ServerThread() { stop(); }

  HttpServer& server() { return server_; }
  boost::asio::io_context& io() { return io_; }

  // Starts listening and the serving thread; returns the start status.
  runtime::Status start() {
    runtime::Status started = server_.start();
    if (started.is_ok()) thread_ = std::thread([this] { io_.run(); });
    return started;
  }

  // Runs `work` on the serving thread and returns its result.
  template <typename Work>
  auto on_io(Work work) -> decltype(work()) {
    std::packaged_task<decltype(work())()> task(std::move(work));
    auto result = task.get_future();
    boost::asio::post(io_, [&task] { task(); });
    return result.get();
  }

  void stop() {
    if (!thread_.joinable()) return;
    on_io([this] {
      server_.stop();
      return 0;
    });
    work_.reset();
    io_.stop();
    thread_.join();
  }

  HttpClientOptions client_options() const {
    HttpClientOptions options;
    options.port = server_.port();
    return options;
  }

 private:
  boost::asio::io_context io_;
  // Keeps the serving thread running while the server has nothing to do
  // (stopped early by a test), so on_io() always has a thread to run on.
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_{io_.get_executor()};
  HttpServer server_;
  std::thread thread_;
};

}  // namespace msgsim::live::testing
