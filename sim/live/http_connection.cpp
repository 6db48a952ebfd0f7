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
  // The header passed the limits: invite the body.
  net::async_write(stream_, net::buffer(kContinue),
                   [self = shared_from_this()](const beast::error_code& write_error, std::size_t) {
                     if (write_error) {
                       self->close();
                       return;
                     }
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

  Response response(http::status::ok, message.version());
  const HttpRouter::Match match = core_->router.match(request.method, request.path());
  if (match.target == nullptr) {
    ++core_->refused;
    response.result(static_cast<unsigned>(match.status));
    response.set(http::field::content_type, kTextType);
    response.body() = match.status == 404 ? "no route for " + std::string(request.path()) + "\n"
                                          : "method " + request.method + " not allowed here\n";
    if (!match.allow.empty()) response.set(http::field::allow, match.allow);
    answer(std::move(response), keep_alive);
    return;
  }
  if (match.target->stream) {
    // The stream takes the socket over; this connection ends here.
    const std::shared_ptr<EventStream> stream = match.target->stream;
    stream_.expires_never();
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
  response.result(static_cast<unsigned>(handled.status));
  if (!handled.content_type.empty()) response.set(http::field::content_type, handled.content_type);
  response.body() = std::move(handled.body);
  answer(std::move(response), keep_alive);
}

void HttpConnection::answer(Response response, bool keep_alive) {
  response_ = std::move(response);
  response_.keep_alive(keep_alive);
  response_.prepare_payload();
  stream_.expires_after(core_->options.read_timeout);
  http::async_write(stream_, response_,
                    [self = shared_from_this(), keep_alive](const beast::error_code& error, std::size_t) {
                      self->on_written(keep_alive, error);
                    });
}

void HttpConnection::on_written(bool keep_alive, const beast::error_code& error) {
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
  Response response(static_cast<http::status>(status), 11);
  response.set(http::field::content_type, kTextType);
  response.body() = std::move(message);
  answer(std::move(response), false);
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
