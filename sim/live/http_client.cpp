#include "sim/live/http_client.h"

#include <optional>

namespace msgsim::live {

namespace beast = boost::beast;
namespace http = boost::beast::http;
namespace net = boost::asio;

namespace {

// The server closed a kept-alive connection before reading the request:
// nothing was answered, so sending again on a new connection is safe.
bool closed_before_answer(const boost::system::error_code& error) {
  return error == http::error::end_of_stream || error == net::error::eof || error == net::error::connection_reset ||
         error == net::error::broken_pipe;
}

}  // namespace

runtime::Result<stack::HttpResponse> HttpClient::send(const stack::HttpRequest& request) {
  const auto deadline = BlockingConnection::Clock::now() + options_.timeout;
  const bool reused = connection_.is_open();
  runtime::Result<stack::HttpResponse> answer = exchange(request, deadline);
  if (!answer.is_ok() && reused && closed_before_answer(connection_.last_error())) {
    connection_.close();
    answer = exchange(request, deadline);
  }
  return answer;
}

runtime::Result<stack::HttpResponse> HttpClient::get(std::string target) {
  stack::HttpRequest request;
  request.method = "GET";
  request.target = std::move(target);
  return send(request);
}

runtime::Result<stack::HttpResponse> HttpClient::post(std::string target, std::string body, std::string content_type) {
  stack::HttpRequest request;
  request.method = "POST";
  request.target = std::move(target);
  request.body = std::move(body);
  request.set_header("Content-Type", std::move(content_type));
  return send(request);
}

runtime::Result<stack::HttpResponse> HttpClient::send_raw(std::string_view bytes) {
  const auto deadline = BlockingConnection::Clock::now() + options_.timeout;
  connection_.close();
  runtime::Status status = ensure_connected(deadline);
  if (status.is_ok()) status = connection_.write(bytes, deadline);
  if (!status.is_ok()) return status;
  runtime::Result<stack::HttpResponse> answer = read_response(deadline);
  connection_.close();
  return answer;
}

runtime::Status HttpClient::ensure_connected(BlockingConnection::Clock::time_point deadline) {
  if (connection_.is_open()) return runtime::Status::ok();
  runtime::Status status = connection_.connect(options_.host, options_.port, deadline);
  if (status.is_ok()) ++connections_opened_;
  return status;
}

runtime::Result<stack::HttpResponse> HttpClient::exchange(const stack::HttpRequest& request,
                                                          BlockingConnection::Clock::time_point deadline) {
  runtime::Status status = ensure_connected(deadline);
  if (!status.is_ok()) return status;
  http::request<http::string_body> message;
  message.version(11);
  message.method_string(request.method);
  message.target(request.target);
  for (const stack::HttpHeader& header : request.headers) {
    message.insert(beast::string_view(header.name.data(), header.name.size()),
                   beast::string_view(header.value.data(), header.value.size()));
  }
  if (request.header("Host").empty()) {
    message.set(http::field::host, options_.host + ":" + std::to_string(options_.port));
  }
  message.body() = request.body;
  message.prepare_payload();
  status = connection_.run(
      [&](auto handler) { http::async_write(connection_.socket(), message, std::move(handler)); }, deadline,
      "write request");
  if (!status.is_ok()) return status;
  return read_response(deadline);
}

// Reads the final answer, skipping interim 1xx ones (100 Continue).
runtime::Result<stack::HttpResponse> HttpClient::read_response(BlockingConnection::Clock::time_point deadline) {
  std::optional<http::response_parser<http::string_body>> parser;
  do {
    parser.emplace();
    parser->body_limit(options_.body_limit_bytes);
    runtime::Status status = connection_.run(
        [&](auto handler) { http::async_read(connection_.socket(), connection_.buffer(), *parser, std::move(handler)); },
        deadline, "read answer");
    if (!status.is_ok()) {
      connection_.close();
      return status;
    }
  } while (parser->get().result_int() / 100 == 1);
  http::response<http::string_body>& message = parser->get();
  stack::HttpResponse response;
  response.status = static_cast<int>(message.result_int());
  response.content_type = std::string(message[http::field::content_type]);
  response.body = std::move(message.body());
  if (!message.keep_alive()) connection_.close();
  return response;
}

}  // namespace msgsim::live
