// The provider API server of live mode, called from outside the stack (a
// tester's curl) while no stack call waits: the call is parsed on the
// server's thread, run on the simulation thread by the drain posted to its
// io_context, and answered; what needs no simulation state (wrong path or
// method, malformed or oversized requests) the server answers itself.
#include "sim/live/serve/provider_api_server.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <string>
#include <thread>

#include "sim/live/http_client.h"
#include "sim/live/serve/loopback_sends.h"

namespace msgsim::live {
namespace {

// A stand-in send API: answers 201 with the path and body it was given.
class EchoApi final : public stack::WireTransport {
 public:
  stack::HttpResponse exchange(const stack::HttpRequest& request) override {
    ++calls;
    return stack::HttpResponse{201, "application/json", "{\"path\":\"" + std::string(request.path()) + "\"}"};
  }
  int calls = 0;
};

class ProviderApiServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    LoopbackSendsOptions options;
    options.server.body_limit_bytes = 256;
    sends_ = std::make_unique<LoopbackSends>(simulation_, [this] { ++catch_ups_; }, options);
    ASSERT_TRUE(sends_->start().is_ok());
    transport_ = sends_->make(stack::ChannelId(0), "sms-us", api_);
  }

  // Runs `client` on its own thread while this thread plays the simulation
  // thread (runs the simulation io_context) until the client is done.
  void while_simulating(const std::function<void(HttpClient&)>& client) {
    std::atomic<bool> done = false;
    std::thread caller([&] {
      HttpClientOptions options;
      options.port = sends_->port();
      HttpClient http(options);
      client(http);
      done = true;
    });
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (!done && std::chrono::steady_clock::now() < deadline) simulation_.run_one_for(std::chrono::milliseconds(10));
    caller.join();
  }

  boost::asio::io_context simulation_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_{simulation_.get_executor()};
  int catch_ups_ = 0;
  EchoApi api_;
  std::unique_ptr<LoopbackSends> sends_;
  std::unique_ptr<stack::WireTransport> transport_;
};

stack::HttpResponse must(const runtime::Result<stack::HttpResponse>& answer) {
  EXPECT_TRUE(answer.is_ok()) << answer.status().message();
  return answer.is_ok() ? answer.value() : stack::HttpResponse{0, "", ""};
}

// An outside call while the stack is idle reaches the channel's send API on
// the simulation thread (after a catch-up) and its answer comes back.
TEST_F(ProviderApiServerTest, AnOutsideCallWhileIdleIsAnswered) {
  stack::HttpResponse answer;
  while_simulating([&answer](HttpClient& http) {
    answer = must(http.post("/providers/sms-us/2010-04-01/Accounts/AC00/Messages.json?x=1", "To=%2B1&Body=hi",
                            "application/x-www-form-urlencoded"));
  });
  EXPECT_EQ(answer.status, 201);
  EXPECT_EQ(answer.body, "{\"path\":\"/2010-04-01/Accounts/AC00/Messages.json\"}");
  EXPECT_EQ(api_.calls, 1);
  EXPECT_GE(catch_ups_, 1);
  const OutsideSendCalls outside = sends_->outside_calls(stack::ChannelId(0));
  EXPECT_EQ(outside.calls, 1u);
  EXPECT_EQ(outside.answered_2xx, 1u);
  EXPECT_EQ(sends_->counts(stack::ChannelId(0)).calls, 0u) << "not a call of the stack";
}

// Paths outside /providers/<channel>/, other methods, malformed and
// oversized requests are answered by the server; a channel the session
// does not have is answered 404 naming it. None reaches the send API.
TEST_F(ProviderApiServerTest, WhatNoProviderCanTakeIsRefusedWithAReason) {
  std::vector<stack::HttpResponse> answers;
  while_simulating([&answers](HttpClient& http) {
    answers.push_back(must(http.post("/webhooks/sms-us", "x")));
    answers.push_back(must(http.post("/providers/sms-us", "x")));
    answers.push_back(must(http.get("/providers/sms-us/2010-04-01/Accounts/AC00/Messages.json")));
    answers.push_back(must(http.post("/providers/fax-line/v1/send", "x")));
    answers.push_back(must(http.post("/providers/sms-us/v1/send", std::string(300, 'x'))));
    answers.push_back(must(http.send_raw("POST /providers/sms-us/v1 HTTP/1.1\r\nContent-Length: x\r\n\r\n")));
  });
  ASSERT_EQ(answers.size(), 6u);
  EXPECT_EQ(answers[0].status, 404);
  EXPECT_NE(answers[0].body.find("/providers/<channel>/"), std::string::npos) << answers[0].body;
  EXPECT_EQ(answers[1].status, 404);
  EXPECT_EQ(answers[2].status, 405);
  EXPECT_NE(answers[2].body.find("POST"), std::string::npos) << answers[2].body;
  EXPECT_EQ(answers[3].status, 404);
  EXPECT_NE(answers[3].body.find("fax-line"), std::string::npos) << answers[3].body;
  EXPECT_EQ(answers[4].status, 413);
  EXPECT_EQ(answers[5].status, 400);
  EXPECT_EQ(api_.calls, 0);
  EXPECT_EQ(sends_->refused(), 6u);
}

// A stack call and outside calls on the same server: the waiting stack call
// runs the outside ones it finds queued, and every caller gets its own
// answer.
TEST_F(ProviderApiServerTest, StackAndOutsideCallsEachGetTheirOwnAnswer) {
  std::atomic<bool> stop = false;
  std::atomic<bool> outside_done = false;
  std::atomic<int> outside_answers = 0;
  std::thread outside([&] {
    HttpClientOptions options;
    options.port = sends_->port();
    HttpClient http(options);
    while (!stop) {
      const stack::HttpResponse answer = must(http.post("/providers/sms-us/outside", "o"));
      if (answer.status == 201 && answer.body == "{\"path\":\"/outside\"}") ++outside_answers;
    }
    outside_done = true;
  });
  int stack_answers = 0;
  for (int i = 0; i < 200; ++i) {
    stack::HttpRequest request;
    request.target = "/stack/" + std::to_string(i);
    const stack::HttpResponse answer = transport_->exchange(request);
    if (answer.status == 201 && answer.body == "{\"path\":\"/stack/" + std::to_string(i) + "\"}") ++stack_answers;
    simulation_.poll();  // the drains posted for outside calls that found no waiting stack call
  }
  stop = true;
  // The outside caller's last request may still wait for a drain.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!outside_done && std::chrono::steady_clock::now() < deadline) {
    simulation_.run_one_for(std::chrono::milliseconds(10));
  }
  outside.join();
  EXPECT_EQ(stack_answers, 200);
  EXPECT_GT(outside_answers, 0);
  EXPECT_EQ(sends_->outside_calls(stack::ChannelId(0)).calls, static_cast<std::uint64_t>(outside_answers.load()));
  EXPECT_EQ(api_.calls, 200 + outside_answers.load());
}

}  // namespace
}  // namespace msgsim::live
