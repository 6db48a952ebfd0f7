#include "sim/live/http_connection.h"

namespace msgsim::live {

namespace beast = boost::beast;
namespace http = boost::beast::http;
namespace net = boost::asio;

namespace {

constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
constexpr auto kLinger = std::chrono::seconds(1);
// A refused client may still be sending its body; this much is read and
// dropped after the answer, so that closing does not reset the connection
// before the client has read why.
constexpr std::size_t kDrainBytesMax = 8 << 20;
constexpr char kTextType[] = "text/plain; charset=utf-8";

bool is_parse_error(const beast::error_code& error) {
  return error.category() == beast::error_code(http::error::bad_method).category();
}

// Answers written together at most, before reading on.
constexpr std::size_t kBatchAnswersMax = 64;

bool starts_with_ignoring_case(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && stack::equals_ignoring_case(text.substr(0, prefix.size()), prefix);
}

}  // namespace

HttpConnection::HttpConnection(net::ip::tcp::socket socket, std::shared_ptr<ServerCore> core)
    : stream_(std::move(socket)), core_(std::move(core)) {
  id_ = core_->next_connection_id++;
  ++core_->open;
}

HttpConnection::~HttpConnection() {
  core_->connections.erase(id_);
  --core_->open;
}

void HttpConnection::start() {
  core_->connections[id_] = weak_from_this();
  read_request();
}

void HttpConnection::refuse_busy() {
  core_->connections[id_] = weak_from_this();
  refuse(503, "too many connections\n");
}

void HttpConnection::close() {
  beast::error_code ignored;
  stream_.socket().shutdown(net::ip::tcp::socket::shutdown_both, ignored);
  stream_.close();
}

void HttpConnection::read_request() {
  parser_.emplace();
  parser_->body_limit(core_->options.body_limit_bytes);
  parser_->header_limit(static_cast<std::uint32_t>(core_->options.header_limit_bytes));
  stream_.expires_after(core_->options.read_timeout);
  http::async_read_header(stream_, buffer_, *parser_,
                          [self = shared_from_this()](const beast::error_code& error, std::size_t) {
                            self->on_header(error);
                          });
}

void HttpConnection::on_header(const beast::error_code& error) {
  if (error) {
    on_request(error);
    return;
  }
  const beast::string_view expect = parser_->get()[http::field::expect];
  if (!beast::iequals(expect, "100-continue")) {
    read_body();
    return;
  }
  // The header passed the limits: invite the body, after any answers still
  // waiting for earlier requests.
  outgoing_.append(kContinue);
  net::async_write(stream_, net::buffer(outgoing_),
                   [self = shared_from_this()](const beast::error_code& write_error, std::size_t) {
                     if (write_error) {
                       self->close();
                       return;
                     }
                     self->outgoing_.clear();
                     self->outgoing_count_ = 0;
                     self->read_body();
                   });
}

void HttpConnection::read_body() {
  http::async_read(stream_, buffer_, *parser_, [self = shared_from_this()](const beast::error_code& error, std::size_t) {
    self->on_request(error);
  });
}

void HttpConnection::on_request(const beast::error_code& error) {
  if (error == net::error::operation_aborted) return;
  if (error == http::error::body_limit) {
    refuse(413, "request body over " + std::to_string(core_->options.body_limit_bytes) + " bytes\n");
    return;
  }
  if (error == http::error::header_limit) {
    refuse(431, "request header over " + std::to_string(core_->options.header_limit_bytes) + " bytes\n");
    return;
  }
  // The client closed (before or inside a request) or took too long: nothing
  // to answer to.
  if (error == http::error::end_of_stream || error == http::error::partial_message || error == beast::error::timeout) {
    close();
    return;
  }
  if (is_parse_error(error)) {
    refuse(400, "malformed HTTP request: " + error.message() + "\n");
    return;
  }
  if (error) {
    close();
    return;
  }
  dispatch();
}

void HttpConnection::dispatch() {
  ++core_->requests;
  http::request<http::string_body>& message = parser_->get();
  const bool keep_alive = message.keep_alive();
  stack::HttpRequest request;
  request.method = std::string(message.method_string());
  request.target = std::string(message.target());
  for (const auto& field : message) {
    request.headers.push_back(stack::HttpHeader{std::string(field.name_string()), std::string(field.value())});
  }
  request.body = std::move(message.body());

  Response response;
  response.version = message.version();
  const HttpRouter::Match match = core_->router.match(request.method, request.path());
  if (match.target == nullptr) {
    ++core_->refused;
    response.status = static_cast<unsigned>(match.status);
    response.content_type = kTextType;
    response.body = match.status == 404 ? "no route for " + std::string(request.path()) + "\n"
                                        : "method " + request.method + " not allowed here\n";
    response.allow = match.allow;
    answer(response, keep_alive);
    return;
  }
  if (match.target->stream) {
    // The stream takes the socket over; this connection ends here, once the
    // answers to earlier requests are out.
    const std::shared_ptr<EventStream> stream = match.target->stream;
    stream_.expires_never();
    beast::error_code ignored;
    if (!outgoing_.empty()) net::write(stream_.socket(), net::buffer(outgoing_), ignored);
    stream->subscribe(stream_.release_socket());
    return;
  }
  stack::HttpResponse handled;
  try {
    handled = match.target->handler(request);
  } catch (...) {
    handled = stack::HttpResponse{500, std::string(kTextType), "internal error\n"};
  }
  if (handled.status < 200 || handled.status > 599) {
    handled = stack::HttpResponse{500, std::string(kTextType), "the handler answered an invalid status\n"};
  }
  response.status = static_cast<unsigned>(handled.status);
  response.content_type = std::move(handled.content_type);
  response.body = std::move(handled.body);
  answer(response, keep_alive);
}

void HttpConnection::answer(const Response& response, bool keep_alive) {
  const beast::string_view reason = http::obsolete_reason(static_cast<http::status>(response.status));
  outgoing_.append(response.version == 10 ? "HTTP/1.0 " : "HTTP/1.1 ")
      .append(std::to_string(response.status))
      .append(" ")
      .append(reason.data(), reason.size())
      .append("\r\n");
  if (!response.content_type.empty()) outgoing_.append("Content-Type: ").append(response.content_type).append("\r\n");
  if (!response.allow.empty()) outgoing_.append("Allow: ").append(response.allow).append("\r\n");
  outgoing_.append("Content-Length: ").append(std::to_string(response.body.size())).append("\r\n");
  if (!keep_alive && response.version >= 11) outgoing_.append("Connection: close\r\n");
  if (keep_alive && response.version == 10) outgoing_.append("Connection: keep-alive\r\n");
  outgoing_.append("\r\n").append(response.body);
  ++outgoing_count_;
  // A pipelining client already sent the next request: answer it first and
  // write both answers at once.
  if (keep_alive && !core_->stopped && outgoing_count_ < kBatchAnswersMax && whole_request_buffered()) {
    read_request();
    return;
  }
  flush(keep_alive);
}

void HttpConnection::flush(bool keep_alive) {
  stream_.expires_after(core_->options.read_timeout);
  net::async_write(stream_, net::buffer(outgoing_),
                   [self = shared_from_this(), keep_alive](const beast::error_code& error, std::size_t) {
                     self->on_written(keep_alive, error);
                   });
}

bool HttpConnection::whole_request_buffered() const {
  const auto data = buffer_.data();
  const std::string_view bytes(static_cast<const char*>(data.data()), data.size());
  const std::size_t header_end = bytes.find("\r\n\r\n");
  if (header_end == std::string_view::npos) return false;
  std::size_t body_bytes = 0;
  std::size_t line = bytes.find("\r\n") + 2;
  while (line < header_end) {
    const std::size_t next = bytes.find("\r\n", line);
    const std::string_view field = bytes.substr(line, next - line);
    // A chunked body's end is not known without parsing it: read it the usual way.
    if (starts_with_ignoring_case(field, "transfer-encoding:") || starts_with_ignoring_case(field, "expect:")) {
      return false;
    }
    if (starts_with_ignoring_case(field, "content-length:")) {
      std::string_view digits = field.substr(15);
      while (!digits.empty() && (digits.front() == ' ' || digits.front() == '\t')) digits.remove_prefix(1);
      body_bytes = 0;
      for (const char c : digits) {
        if (c < '0' || c > '9' || body_bytes > bytes.size()) return false;
        body_bytes = body_bytes * 10 + static_cast<std::size_t>(c - '0');
      }
    }
    line = next + 2;
  }
  return bytes.size() - (header_end + 4) >= body_bytes;
}

void HttpConnection::on_written(bool keep_alive, const beast::error_code& error) {
  outgoing_.clear();
  outgoing_count_ = 0;
  if (error) {
    close();
    return;
  }
  if (keep_alive && !core_->stopped) {
    read_request();
    return;
  }
  linger_then_close();
}

void HttpConnection::refuse(unsigned status, std::string message) {
  ++core_->refused;
  Response response;
  response.status = status;
  response.content_type = kTextType;
  response.body = std::move(message);
  answer(response, false);
}

// Half-closes, then reads (and drops) what the client still sends until it
// closes too, for at most kLinger and kDrainBytesMax.
void HttpConnection::linger_then_close() {
  beast::error_code ignored;
  stream_.socket().shutdown(net::ip::tcp::socket::shutdown_send, ignored);
  stream_.expires_after(kLinger);
  drain();
}

void HttpConnection::drain() {
  stream_.async_read_some(net::buffer(drain_buffer_),
                          [self = shared_from_this()](const beast::error_code& error, std::size_t bytes) {
                            self->drained_bytes_ += bytes;
                            if (error || self->drained_bytes_ > kDrainBytesMax) {
                              self->close();
                              return;
                            }
                            self->drain();
                          });
}

}  // namespace msgsim::live
