// HttpServer on an ephemeral loopback port, driven by the synchronous
// HttpClient: routing, limits, malformed input, keep-alive, concurrency.
#include "sim/live/http_server.h"

#include <gtest/gtest.h>

#include <array>
#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "sim/live/http_client.h"
#include "tests/live/server_thread.h"

namespace msgsim::live {
namespace {

using testing::ServerThread;

stack::HttpResponse text(std::string body) { return stack::HttpResponse{200, "text/plain", std::move(body)}; }

// Exact and prefix routes reach their handlers with the request as sent;
// unknown paths are 404 and known paths under another method 405.
TEST(HttpServer, RoutesRequestsAndAnswers404And405) {
  ServerThread serving;
  serving.server().add_route("GET", "/hello", [](const stack::HttpRequest&) { return text("hi"); });
  serving.server().add_prefix_route("POST", "/webhooks/", [](const stack::HttpRequest& request) {
    return text(std::string(request.path()) + "|" + std::string(request.query()) + "|" +
                std::string(request.header("x-signature")) + "|" + request.body);
  });
  ASSERT_TRUE(serving.start().is_ok());
  ASSERT_NE(serving.server().port(), 0);
  HttpClient client(serving.client_options());

  runtime::Result<stack::HttpResponse> hello = client.get("/hello?ignored=1");
  ASSERT_TRUE(hello.is_ok()) << hello.status().message();
  EXPECT_EQ(hello.value().status, 200);
  EXPECT_EQ(hello.value().body, "hi");
  EXPECT_EQ(hello.value().content_type, "text/plain");

  stack::HttpRequest webhook;
  webhook.target = "/webhooks/sms-us?retry=2";
  webhook.set_header("X-Signature", "abc");
  webhook.body = "{\"text\":\"hello\"}";
  runtime::Result<stack::HttpResponse> routed = client.send(webhook);
  ASSERT_TRUE(routed.is_ok()) << routed.status().message();
  EXPECT_EQ(routed.value().body, "/webhooks/sms-us|retry=2|abc|{\"text\":\"hello\"}");

  runtime::Result<stack::HttpResponse> missing = client.get("/nope");
  ASSERT_TRUE(missing.is_ok());
  EXPECT_EQ(missing.value().status, 404);
  runtime::Result<stack::HttpResponse> wrong_method = client.post("/hello", "{}");
  ASSERT_TRUE(wrong_method.is_ok());
  EXPECT_EQ(wrong_method.value().status, 405);
  runtime::Result<stack::HttpResponse> wrong_prefix_method = client.get("/webhooks/sms-us");
  ASSERT_TRUE(wrong_prefix_method.is_ok());
  EXPECT_EQ(wrong_prefix_method.value().status, 405);
}

// A body over the limit is answered 413 and never reaches the handler,
// whether it is sent at once or announced with Expect: 100-continue.
TEST(HttpServer, OversizedBodyGets413WithoutReachingTheHandler) {
  ServerThread serving(HttpServerOptions{.body_limit_bytes = 1024});
  std::atomic<int> handled{0};
  serving.server().add_route("POST", "/in", [&](const stack::HttpRequest& request) {
    ++handled;
    return text(std::to_string(request.body.size()));
  });
  ASSERT_TRUE(serving.start().is_ok());
  HttpClient client(serving.client_options());

  runtime::Result<stack::HttpResponse> small = client.post("/in", std::string(1024, 'x'));
  ASSERT_TRUE(small.is_ok()) << small.status().message();
  EXPECT_EQ(small.value().status, 200);
  EXPECT_EQ(small.value().body, "1024");

  runtime::Result<stack::HttpResponse> big = client.post("/in", std::string(64 * 1024, 'x'));
  ASSERT_TRUE(big.is_ok()) << big.status().message();
  EXPECT_EQ(big.value().status, 413);

  runtime::Result<stack::HttpResponse> announced = client.send_raw(
      "POST /in HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\nExpect: 100-continue\r\n\r\n");
  ASSERT_TRUE(announced.is_ok()) << announced.status().message();
  EXPECT_EQ(announced.value().status, 413);
  EXPECT_EQ(handled.load(), 1);

  // The client is still usable after the server closed the refused connection.
  runtime::Result<stack::HttpResponse> again = client.post("/in", "ok");
  ASSERT_TRUE(again.is_ok()) << again.status().message();
  EXPECT_EQ(again.value().body, "2");
}

// Requests that are not HTTP/1.x get 400 and never reach a handler.
TEST(HttpServer, MalformedRequestsGet400) {
  ServerThread serving;
  std::atomic<int> handled{0};
  serving.server().add_prefix_route("GET", "/", [&](const stack::HttpRequest&) {
    ++handled;
    return text("root");
  });
  ASSERT_TRUE(serving.start().is_ok());
  HttpClient client(serving.client_options());
  for (const char* raw : {"GARBAGE\r\n\r\n", "GET / HTTP/9.9\r\n\r\n", "GET /\r\n\r\n",
                          "GET / HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n",
                          "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n"}) {
    runtime::Result<stack::HttpResponse> answer = client.send_raw(raw);
    ASSERT_TRUE(answer.is_ok()) << raw << ": " << answer.status().message();
    EXPECT_EQ(answer.value().status, 400) << raw;
  }
  EXPECT_EQ(handled.load(), 0);
  runtime::Result<stack::HttpResponse> fine = client.get("/");
  ASSERT_TRUE(fine.is_ok());
  EXPECT_EQ(fine.value().body, "root");
}

// Several requests on one client share one connection; Connection: close
// ends it after the answer.
TEST(HttpServer, KeepAliveServesSeveralRequestsOnOneConnection) {
  ServerThread serving;
  int count = 0;  // touched only on the serving thread
  serving.server().add_route("GET", "/count", [&](const stack::HttpRequest&) { return text(std::to_string(++count)); });
  ASSERT_TRUE(serving.start().is_ok());
  HttpClient client(serving.client_options());
  for (int i = 1; i <= 10; ++i) {
    runtime::Result<stack::HttpResponse> answer = client.get("/count");
    ASSERT_TRUE(answer.is_ok()) << answer.status().message();
    EXPECT_EQ(answer.value().body, std::to_string(i));
    EXPECT_TRUE(client.connected());
  }
  EXPECT_EQ(client.connections_opened(), 1u);
  EXPECT_EQ(serving.server().connections_accepted(), 1u);
  EXPECT_EQ(serving.server().requests_received(), 10u);

  stack::HttpRequest closing;
  closing.method = "GET";
  closing.target = "/count";
  closing.set_header("Connection", "close");
  runtime::Result<stack::HttpResponse> last = client.send(closing);
  ASSERT_TRUE(last.is_ok());
  EXPECT_EQ(last.value().body, "11");
  EXPECT_FALSE(client.connected());
}

// What a raw client reads on one connection after writing `bytes` at once,
// until the server closes it.
std::string exchange_raw(std::uint16_t port, const std::string& bytes) {
  boost::asio::io_context io;
  boost::asio::ip::tcp::socket socket(io);
  socket.connect({boost::asio::ip::make_address("127.0.0.1"), port});
  boost::asio::write(socket, boost::asio::buffer(bytes));
  std::string answers;
  boost::system::error_code error;
  std::array<char, 4096> chunk{};
  while (!error) {
    const std::size_t got = socket.read_some(boost::asio::buffer(chunk), error);
    answers.append(chunk.data(), got);
  }
  return answers;
}

// Pipelined requests written at once (the last asking to close) are each
// answered, in order, with their own status and body; an HTTP/1.0 request
// that asks to stay open is told so, and Expect: 100-continue behind other
// requests still comes after their answers.
TEST(HttpServer, PipelinedRequestsAreAnsweredInOrder) {
  ServerThread serving;
  serving.server().add_route("POST", "/echo", [](const stack::HttpRequest& request) { return text(request.body); });
  ASSERT_TRUE(serving.start().is_ok());
  const std::string pipelined =
      "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nfirst"
      "GET /nowhere HTTP/1.1\r\nHost: x\r\n\r\n"
      "POST /echo HTTP/1.0\r\nConnection: keep-alive\r\nContent-Length: 6\r\n\r\nsecond"
      "POST /echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\nthird"
      "POST /echo HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 4\r\n\r\nlast";
  const std::string answers = exchange_raw(serving.server().port(), pipelined);
  const std::vector<std::string> expected = {
      "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nfirst",
      "HTTP/1.1 404 Not Found\r\n",
      "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 6\r\nConnection: keep-alive\r\n\r\nsecond",
      "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nthird",
      "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 4\r\nConnection: close\r\n\r\nlast"};
  std::size_t at = 0;
  for (const std::string& answer : expected) {
    const std::size_t found = answers.find(answer, at);
    ASSERT_NE(found, std::string::npos) << "missing, in order: " << answer << "\nin: " << answers;
    at = found + answer.size();
  }
  EXPECT_EQ(at, answers.size()) << "nothing after the last answer";
  EXPECT_EQ(serving.server().requests_received(), 5u);
  EXPECT_EQ(serving.server().connections_accepted(), 1u);
}

// An idle kept-alive connection is closed after the read timeout; the client
// notices and sends its next request on a new connection.
TEST(HttpServer, IdleConnectionIsClosedAfterTheReadTimeout) {
  ServerThread serving(HttpServerOptions{.read_timeout = std::chrono::milliseconds(100)});
  serving.server().add_route("GET", "/", [](const stack::HttpRequest&) { return text("ok"); });
  ASSERT_TRUE(serving.start().is_ok());
  HttpClient client(serving.client_options());
  ASSERT_TRUE(client.get("/").is_ok());
  std::this_thread::sleep_for(std::chrono::milliseconds(400));
  runtime::Result<stack::HttpResponse> after = client.get("/");
  ASSERT_TRUE(after.is_ok()) << after.status().message();
  EXPECT_EQ(after.value().body, "ok");
  EXPECT_EQ(client.connections_opened(), 2u);
  EXPECT_EQ(serving.server().connections_accepted(), 2u);
}

// Expect: 100-continue within the limit gets the body invited and answered.
TEST(HttpServer, ExpectContinueInvitesTheBody) {
  ServerThread serving;
  serving.server().add_route("POST", "/in", [](const stack::HttpRequest& request) { return text(request.body); });
  ASSERT_TRUE(serving.start().is_ok());
  HttpClient client(serving.client_options());
  stack::HttpRequest request;
  request.target = "/in";
  request.set_header("Expect", "100-continue");
  request.body = "payload";
  runtime::Result<stack::HttpResponse> answer = client.send(request);
  ASSERT_TRUE(answer.is_ok()) << answer.status().message();
  EXPECT_EQ(answer.value().status, 200);
  EXPECT_EQ(answer.value().body, "payload");
}

// A handler that throws or answers nonsense gives 500; the server goes on.
TEST(HttpServer, HandlerFailuresBecome500) {
  ServerThread serving;
  serving.server().add_route("GET", "/throw", [](const stack::HttpRequest&) -> stack::HttpResponse {
    throw std::runtime_error("boom");
  });
  serving.server().add_route("GET", "/bad", [](const stack::HttpRequest&) { return stack::HttpResponse{42, "", ""}; });
  serving.server().add_route("GET", "/ok", [](const stack::HttpRequest&) { return text("fine"); });
  ASSERT_TRUE(serving.start().is_ok());
  HttpClient client(serving.client_options());
  EXPECT_EQ(client.get("/throw").value().status, 500);
  EXPECT_EQ(client.get("/bad").value().status, 500);
  EXPECT_EQ(client.get("/ok").value().body, "fine");
}

// Clients on several threads at once are all answered correctly, each on
// its own kept-alive connection.
TEST(HttpServer, ConcurrentClientsAreAllServed) {
  ServerThread serving;
  serving.server().add_prefix_route("POST", "/echo/", [](const stack::HttpRequest& request) {
    return text(std::string(request.path()) + ":" + request.body);
  });
  ASSERT_TRUE(serving.start().is_ok());
  constexpr int kClients = 4;
  constexpr int kRequests = 50;
  std::atomic<int> correct{0};
  std::vector<std::thread> clients;
  for (int c = 0; c < kClients; ++c) {
    clients.emplace_back([&, c] {
      HttpClient client(serving.client_options());
      for (int r = 0; r < kRequests; ++r) {
        const std::string path = "/echo/" + std::to_string(c);
        runtime::Result<stack::HttpResponse> answer = client.post(path, std::to_string(r));
        if (answer.is_ok() && answer.value().body == path + ":" + std::to_string(r)) ++correct;
      }
    });
  }
  for (std::thread& client : clients) client.join();
  EXPECT_EQ(correct.load(), kClients * kRequests);
  EXPECT_EQ(serving.server().requests_received(), static_cast<std::uint64_t>(kClients * kRequests));
  EXPECT_EQ(serving.server().connections_accepted(), static_cast<std::uint64_t>(kClients));
}

// Failing to listen names the address; the server does not start.
TEST(HttpServer, ListenFailuresNameTheAddress) {
  ServerThread first;
  ASSERT_TRUE(first.start().is_ok());
  boost::asio::io_context io;
  HttpServer taken(io, HttpServerOptions{.port = first.server().port()});
  runtime::Status status = taken.start();
  ASSERT_FALSE(status.is_ok());
  EXPECT_EQ(status.code(), runtime::StatusCode::kUnavailable);
  EXPECT_NE(status.message().find("127.0.0.1:" + std::to_string(first.server().port())), std::string::npos)
      << status.message();

  HttpServer nonsense(io, HttpServerOptions{.bind_address = "not-an-address"});
  status = nonsense.start();
  ASSERT_FALSE(status.is_ok());
  EXPECT_EQ(status.code(), runtime::StatusCode::kInvalidInput);
  EXPECT_NE(status.message().find("not-an-address"), std::string::npos);
}

// Static files mounted under a prefix are served with their content types.
TEST(HttpServer, ServesStaticFilesUnderAPrefix) {
  ServerThread serving;
  serving.server().add_static_files(
      "/ui/", StaticFiles::from_map({{"index.html", {"text/html; charset=utf-8", "<h1>console</h1>"}},
                                     {"js/app.js", {"text/javascript; charset=utf-8", "let x = 1;"}}}));
  ASSERT_TRUE(serving.start().is_ok());
  HttpClient client(serving.client_options());
  runtime::Result<stack::HttpResponse> index = client.get("/ui/");
  ASSERT_TRUE(index.is_ok());
  EXPECT_EQ(index.value().status, 200);
  EXPECT_EQ(index.value().body, "<h1>console</h1>");
  EXPECT_EQ(index.value().content_type, "text/html; charset=utf-8");
  EXPECT_EQ(client.get("/ui/js/app.js").value().body, "let x = 1;");
  EXPECT_EQ(client.get("/ui/../secret").value().status, 404);
  EXPECT_EQ(client.get("/ui/missing.css").value().status, 404);
}

// A client with nobody listening gets a clear error, not a hang or a crash.
TEST(HttpClient, RefusedConnectionIsAnError) {
  std::uint16_t closed_port = 0;
  {
    ServerThread serving;
    ASSERT_TRUE(serving.start().is_ok());
    closed_port = serving.server().port();
  }
  HttpClientOptions options;
  options.port = closed_port;
  HttpClient client(options);
  runtime::Result<stack::HttpResponse> answer = client.get("/");
  ASSERT_FALSE(answer.is_ok());
  EXPECT_EQ(answer.status().code(), runtime::StatusCode::kUnavailable);
  EXPECT_NE(answer.status().message().find(std::to_string(closed_port)), std::string::npos);
}

}  // namespace
}  // namespace msgsim::live
