// Runs a `msgsim serve` session (ServeSession) on its own io_context thread
// for a test, on an ephemeral loopback port, while the test thread plays the
// HTTP clients (testers, external webhook senders, a Prometheus scraper).
#pragma once

#include <gtest/gtest.h>

#include <future>
#include <memory>
#include <string>
#include <thread>

#include "sim/harness/scenario_loader.h"
#include "sim/harness/support_check.h"
#include "sim/live/http_client.h"
#include "sim/live/serve/serve_session.h"

namespace msgsim::live::testing {

class ServingSession {
 public:
  ~ServingSession() { stop(); }

  // Loads `scenario_file` (relative to the source tree) and opens and starts
  // the session; the io thread runs until stop().
  ::testing::AssertionResult start(const std::string& scenario_file, ServeOptions options) {
    runtime::Result<harness::Scenario> loaded =
        harness::load_scenario_file(std::string(MSGSIM_SOURCE_DIR) + "/" + scenario_file);
    if (!loaded.is_ok()) return ::testing::AssertionFailure() << loaded.status().message();
    scenario_ = std::make_unique<harness::Scenario>(loaded.take());
    runtime::Status supported = harness::check_supported(*scenario_);
    if (!supported.is_ok()) return ::testing::AssertionFailure() << supported.message();
    options.port = 0;
    runtime::Result<std::unique_ptr<ServeSession>> opened = ServeSession::open(io_, *scenario_, std::move(options));
    if (!opened.is_ok()) return ::testing::AssertionFailure() << opened.status().message();
    session_ = opened.take();
    session_->start([] {});
    thread_ = std::thread([this] { io_.run(); });
    return ::testing::AssertionSuccess();
  }

  // Runs `work` on the session's thread and returns its result.
  template <typename Work>
  auto on_io(Work work) -> decltype(work()) {
    std::packaged_task<decltype(work())()> task(std::move(work));
    auto result = task.get_future();
    boost::asio::post(io_, [&task] { task(); });
    return result.get();
  }

  // Stops the session as SIGINT would and waits until its thread is done.
  void stop() {
    if (!thread_.joinable()) return;
    boost::asio::post(io_, [this] { session_->request_stop(); });
    thread_.join();
  }

  ServeSession& session() { return *session_; }
  const harness::Scenario& scenario() const { return *scenario_; }
  HttpClientOptions client_options() const {
    HttpClientOptions options;
    options.port = session_->port();
    return options;
  }

 private:
  boost::asio::io_context io_;
  std::unique_ptr<harness::Scenario> scenario_;
  std::unique_ptr<ServeSession> session_;
  std::thread thread_;
};

}  // namespace msgsim::live::testing
