#include "sim/live/event_stream_client.h"

#include <array>

namespace msgsim::live {

namespace beast = boost::beast;
namespace http = boost::beast::http;
namespace net = boost::asio;

void ServerSentEventParser::feed(std::string_view bytes) {
  for (char c : bytes) {
    if (skip_newline_) {
      skip_newline_ = false;
      if (c == '\n') continue;
    }
    if (c == '\r' || c == '\n') {
      skip_newline_ = c == '\r';
      line(pending_);
      pending_.clear();
      continue;
    }
    pending_ += c;
  }
}

void ServerSentEventParser::line(std::string_view text) {
  if (text.empty()) {
    if (has_data_) {
      if (!building_.data.empty() && building_.data.back() == '\n') building_.data.pop_back();
      ready_.push_back(std::move(building_));
    }
    building_ = ServerSentEvent{};
    has_data_ = false;
    return;
  }
  if (text.front() == ':') return;
  const std::size_t colon = text.find(':');
  const std::string_view field = text.substr(0, colon);
  std::string_view value = colon == std::string_view::npos ? std::string_view() : text.substr(colon + 1);
  if (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  if (field == "event") building_.event = std::string(value);
  if (field == "id") building_.id = std::string(value);
  if (field == "data") {
    building_.data += value;
    building_.data += '\n';
    has_data_ = true;
  }
}

ServerSentEvent ServerSentEventParser::take() {
  ServerSentEvent event = std::move(ready_.front());
  ready_.pop_front();
  return event;
}

runtime::Result<std::unique_ptr<EventStreamClient>> EventStreamClient::open(const HttpClientOptions& options,
                                                                           const std::string& path) {
  const auto deadline = BlockingConnection::Clock::now() + options.timeout;
  std::unique_ptr<EventStreamClient> client(new EventStreamClient());
  BlockingConnection& connection = client->connection_;
  runtime::Status status = connection.connect(options.host, options.port, deadline);
  if (!status.is_ok()) return status;
  const std::string request = "GET " + path + " HTTP/1.1\r\nHost: " + options.host + ":" +
                              std::to_string(options.port) + "\r\nAccept: text/event-stream\r\n\r\n";
  status = connection.write(request, deadline);
  if (!status.is_ok()) return status;
  http::response_parser<http::empty_body> header;
  status = connection.run(
      [&](auto handler) { http::async_read_header(connection.socket(), connection.buffer(), header, std::move(handler)); },
      deadline, "read event-stream header");
  if (!status.is_ok()) return status;
  const auto& message = header.get();
  const beast::string_view type = message[http::field::content_type];
  if (message.result_int() != 200 || type.substr(0, 17) != "text/event-stream") {
    return runtime::Status(runtime::StatusCode::kInvalidInput,
                           path + ": not an event stream (status " + std::to_string(message.result_int()) +
                               ", content type '" + std::string(type) + "')");
  }
  // Bytes after the header are already the first events.
  const auto data = connection.buffer().data();
  client->parser_.feed(std::string_view(static_cast<const char*>(data.data()), data.size()));
  connection.buffer().consume(connection.buffer().size());
  return client;
}

runtime::Result<ServerSentEvent> EventStreamClient::next(std::chrono::milliseconds timeout) {
  const auto deadline = BlockingConnection::Clock::now() + timeout;
  std::array<char, 4096> chunk{};
  while (!parser_.has_event()) {
    if (!connection_.is_open()) return runtime::Status(runtime::StatusCode::kUnavailable, "the event stream is closed");
    std::size_t got = 0;
    runtime::Status status = connection_.run(
        [&](auto handler) {
          connection_.socket().async_read_some(
              net::buffer(chunk), [&got, handler = std::move(handler)](const boost::system::error_code& error,
                                                                       std::size_t bytes) mutable {
                got = bytes;
                handler(error, bytes);
              });
        },
        deadline, "next event", true);
    if (!status.is_ok()) {
      if (connection_.last_error() != net::error::would_block) connection_.close();
      return status;
    }
    parser_.feed(std::string_view(chunk.data(), got));
  }
  return parser_.take();
}

}  // namespace msgsim::live
