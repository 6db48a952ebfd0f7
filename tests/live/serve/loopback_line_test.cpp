// A LoopbackLine carries requests over one keep-alive connection to a server
// on the same io_context, in order, and hands each exactly one answer: the
// server's, byte for byte; a 503 naming the cause when none came after one
// more try on a new connection; a 503 for what close() finds queued. A
// connection the server closed while idle is reopened without losing the
// request, and abandon() drops queued requests without answering them.
#include "sim/live/serve/loopback_line.h"

#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "sim/live/http_server.h"

namespace msgsim::live {
namespace {

using Clock = std::chrono::steady_clock;

// Runs `io` until `done` holds or `limit` passes; true iff `done` held.
bool run_until(boost::asio::io_context& io, const std::function<bool()>& done,
               std::chrono::milliseconds limit = std::chrono::milliseconds(5'000)) {
  const auto deadline = Clock::now() + limit;
  while (!done() && Clock::now() < deadline) {
    io.restart();
    io.run_for(std::chrono::milliseconds(5));
  }
  return done();
}

stack::HttpRequest request_to(std::string target, std::string body) {
  stack::HttpRequest request;
  request.target = std::move(target);
  request.body = std::move(body);
  request.set_header("Content-Type", "application/json");
  request.set_header("X-Signature", "sha256=00ff");
  return request;
}

class LoopbackLineTest : public ::testing::Test {
 protected:
  void start_server(HttpServerOptions options = {}) {
    options.port = 0;
    server_ = std::make_unique<HttpServer>(io_, options);
    server_->add_prefix_route("POST", "/api/", [this](const stack::HttpRequest& request) {
      seen_.push_back(request);
      const int status = request.body == "refuse" ? 409 : 200;
      return stack::HttpResponse{status, "application/json", "{\"echo\":\"" + request.body + "\"}"};
    });
    ASSERT_TRUE(server_->start().is_ok());
  }

  std::shared_ptr<LoopbackLine> line_to(std::uint16_t port, LoopbackLineOptions options = {}) {
    options.server = boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port);
    options.host = "127.0.0.1:" + std::to_string(port);
    return std::make_shared<LoopbackLine>(io_, std::move(options));
  }

  boost::asio::io_context io_;
  std::unique_ptr<HttpServer> server_;
  std::vector<stack::HttpRequest> seen_;
};

// Fifty requests posted at once reach the server in order with their
// headers, the line's prefix and User-Agent, and each handler gets its own
// answer, in order; the counts and round trips say the same.
TEST_F(LoopbackLineTest, RequestsArriveInOrderAndEachGetsItsOwnAnswer) {
  start_server();
  LoopbackLineOptions options;
  options.target_prefix = "/api";
  options.user_agent = "msgsim-stack";
  auto line = line_to(server_->port(), options);
  std::vector<std::string> answers;
  for (int i = 0; i < 50; ++i) {
    const std::string body = i == 7 ? "refuse" : "n" + std::to_string(i) + " caf\xc3\xa9";
    line->post(request_to("/call?i=" + std::to_string(i), body),
               [&answers](const stack::HttpResponse& answer) {
                 answers.push_back(std::to_string(answer.status) + " " + answer.content_type + " " + answer.body);
               });
  }
  EXPECT_EQ(line->pending(), 50u);
  ASSERT_TRUE(run_until(io_, [&] { return answers.size() == 50; }));
  ASSERT_EQ(seen_.size(), 50u);
  for (int i = 0; i < 50; ++i) {
    const std::string body = i == 7 ? "refuse" : "n" + std::to_string(i) + " caf\xc3\xa9";
    EXPECT_EQ(seen_[i].target, "/api/call?i=" + std::to_string(i));
    EXPECT_EQ(seen_[i].body, body);
    EXPECT_EQ(seen_[i].header("X-Signature"), "sha256=00ff");
    EXPECT_EQ(seen_[i].header("User-Agent"), "msgsim-stack");
    EXPECT_EQ(seen_[i].header("Host"), "127.0.0.1:" + std::to_string(server_->port()));
    EXPECT_EQ(answers[i], std::to_string(i == 7 ? 409 : 200) + " application/json {\"echo\":\"" + body + "\"}");
  }
  EXPECT_EQ(line->pending(), 0u);
  EXPECT_EQ(line->counts().queued, 50u);
  EXPECT_EQ(line->counts().answered_2xx, 49u);
  EXPECT_EQ(line->counts().answered_4xx, 1u);
  EXPECT_EQ(line->counts().failed, 0u);
  EXPECT_EQ(line->counts().retried, 0u);
  EXPECT_EQ(line->counts().round_trip.count(), 50u);
  EXPECT_EQ(server_->connections_accepted(), 1u) << "one kept-alive connection";
}

// With a window of 4, twenty requests still reach the server in order on
// one connection and are answered in order.
TEST_F(LoopbackLineTest, ASmallWindowKeepsTheOrder) {
  start_server();
  LoopbackLineOptions options;
  options.window = 4;
  auto line = line_to(server_->port(), options);
  std::vector<std::string> answered;
  for (int i = 0; i < 20; ++i) {
    line->post(request_to("/api/w", std::to_string(i)),
               [&answered](const stack::HttpResponse& answer) { answered.push_back(answer.body); });
  }
  ASSERT_TRUE(run_until(io_, [&] { return answered.size() == 20; }));
  for (int i = 0; i < 20; ++i) {
    EXPECT_EQ(seen_[i].body, std::to_string(i));
    EXPECT_EQ(answered[i], "{\"echo\":\"" + std::to_string(i) + "\"}");
  }
  EXPECT_EQ(server_->connections_accepted(), 1u);
}

// The server closes the line's connection after 50 ms idle; the next
// request is written on a new connection and answered, counted as a
// reopen, not a retry: it still has both its tries.
TEST_F(LoopbackLineTest, AConnectionTheServerClosedWhileIdleIsReopened) {
  HttpServerOptions options;
  options.read_timeout = std::chrono::milliseconds(50);
  start_server(options);
  auto line = line_to(server_->port());
  int answered = 0;
  line->post(request_to("/api/a", "first"), [&answered](const stack::HttpResponse& answer) {
    EXPECT_EQ(answer.status, 200);
    ++answered;
  });
  ASSERT_TRUE(run_until(io_, [&] { return answered == 1; }));
  ASSERT_TRUE(run_until(io_, [&] { return server_->connections_open() == 0; }));
  line->post(request_to("/api/b", "second"), [&answered](const stack::HttpResponse& answer) {
    EXPECT_EQ(answer.status, 200) << answer.body;
    ++answered;
  });
  ASSERT_TRUE(run_until(io_, [&] { return answered == 2; }));
  ASSERT_EQ(seen_.size(), 2u);
  EXPECT_EQ(seen_[1].body, "second");
  EXPECT_EQ(line->counts().answered_2xx, 2u);
  EXPECT_EQ(line->counts().failed, 0u);
  EXPECT_EQ(line->counts().retried, 0u);
  EXPECT_EQ(line->counts().reopened, 1u);
  EXPECT_EQ(server_->connections_accepted(), 2u);
}

// Nobody listens on the port: the request is tried twice, then answered 503
// naming the cause, and the line goes on with the next one.
TEST_F(LoopbackLineTest, ARequestNobodyAnswersGetsA503AfterOneMoreTry) {
  std::uint16_t closed_port = 0;
  {
    boost::asio::ip::tcp::acceptor probe(io_, {boost::asio::ip::make_address("127.0.0.1"), 0});
    closed_port = probe.local_endpoint().port();
  }
  auto line = line_to(closed_port);
  std::vector<stack::HttpResponse> answers;
  for (int i = 0; i < 2; ++i) {
    line->post(request_to("/api/x", "x"), [&answers](const stack::HttpResponse& answer) { answers.push_back(answer); });
  }
  ASSERT_TRUE(run_until(io_, [&] { return answers.size() == 2; }));
  for (const stack::HttpResponse& answer : answers) {
    EXPECT_EQ(answer.status, 503);
    EXPECT_NE(answer.body.find("no answer over loopback"), std::string::npos) << answer.body;
  }
  EXPECT_EQ(line->counts().failed, 2u);
  EXPECT_EQ(line->counts().retried, 2u);
  EXPECT_EQ(line->counts().round_trip.count(), 0u);
}

// A server that accepts but never answers: the request times out twice
// (exchange_timeout each) and is answered 503.
TEST_F(LoopbackLineTest, ASilentServerTimesOut) {
  boost::asio::ip::tcp::acceptor silent(io_, {boost::asio::ip::make_address("127.0.0.1"), 0});
  std::vector<boost::asio::ip::tcp::socket> held;
  std::function<void()> accept_next = [&] {
    silent.async_accept([&](const boost::system::error_code& error, boost::asio::ip::tcp::socket socket) {
      if (error) return;
      held.push_back(std::move(socket));
      accept_next();
    });
  };
  accept_next();
  LoopbackLineOptions options;
  options.exchange_timeout = std::chrono::milliseconds(100);
  auto line = line_to(silent.local_endpoint().port(), options);
  std::optional<stack::HttpResponse> answer;
  const auto posted = Clock::now();
  line->post(request_to("/api/x", "x"), [&answer](const stack::HttpResponse& got) { answer = got; });
  ASSERT_TRUE(run_until(io_, [&] { return answer.has_value(); }));
  EXPECT_EQ(answer->status, 503);
  EXPECT_GE(Clock::now() - posted, std::chrono::milliseconds(200));
  EXPECT_EQ(line->counts().failed, 1u);
  EXPECT_EQ(held.size(), 2u) << "the second try came on a new connection";
}

// close() answers everything still queued with a 503 and every later post
// at once; abandon() drops queued requests without running their handlers.
TEST_F(LoopbackLineTest, CloseAnswersWhatIsQueuedAndAbandonDropsIt) {
  start_server();
  auto closing = line_to(server_->port());
  int closed_answers = 0;
  for (int i = 0; i < 3; ++i) {
    closing->post(request_to("/api/c", "c"), [&closed_answers](const stack::HttpResponse& answer) {
      EXPECT_EQ(answer.status, 503);
      ++closed_answers;
    });
  }
  closing->close();
  EXPECT_EQ(closed_answers, 3);
  closing->post(request_to("/api/c", "late"), [&closed_answers](const stack::HttpResponse& answer) {
    EXPECT_EQ(answer.status, 503);
    ++closed_answers;
  });
  EXPECT_EQ(closed_answers, 4) << "a closed line answers at once";
  EXPECT_EQ(closing->counts().failed, 4u);

  auto abandoned = line_to(server_->port());
  int abandoned_answers = 0;
  for (int i = 0; i < 3; ++i) {
    abandoned->post(request_to("/api/d", "d"), [&abandoned_answers](const stack::HttpResponse&) { ++abandoned_answers; });
  }
  abandoned->abandon();
  run_until(io_, [] { return false; }, std::chrono::milliseconds(100));
  EXPECT_EQ(abandoned_answers, 0);
  EXPECT_EQ(abandoned->pending(), 0u);
}

// What runs before each answer (the pacer's catch-up in live mode) runs
// once per answer, before its handler.
TEST_F(LoopbackLineTest, TheHookBeforeAnswersRunsBeforeEachHandler) {
  start_server();
  LoopbackLineOptions options;
  options.target_prefix = "/api";
  auto line = line_to(server_->port(), options);
  std::vector<std::string> order;
  line->set_before_answer([&order] { order.push_back("before"); });
  for (int i = 0; i < 2; ++i) {
    line->post(request_to("/h", "h"), [&order](const stack::HttpResponse&) { order.push_back("answer"); });
  }
  ASSERT_TRUE(run_until(io_, [&] { return order.size() == 4; }));
  EXPECT_EQ(order, (std::vector<std::string>{"before", "answer", "before", "answer"}));
}

}  // namespace
}  // namespace msgsim::live
