#include "sim/live/serve/provider_api_connection.h"

#include <chrono>
#include <utility>

namespace msgsim::live {

namespace beast = boost::beast;
namespace http = boost::beast::http;
namespace net = boost::asio;

namespace {

constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
constexpr char kTextType[] = "text/plain; charset=utf-8";
constexpr auto kLinger = std::chrono::seconds(1);
// A refused client may still be sending its body; this much is read and
// dropped after the answer, so closing does not reset the connection before
// the client has read why.
constexpr std::size_t kDrainBytesMax = 8 << 20;

bool is_parse_error(const beast::error_code& error) {
  return error.category() == beast::error_code(http::error::bad_method).category();
}

}  // namespace

ProviderApiConnection::ProviderApiConnection(net::ip::tcp::socket socket, ProviderApiCore& core)
    : stream_(std::move(socket)), core_(core), id_(core.next_connection_id++) {
  beast::error_code ignored;
  peer_port_ = stream_.socket().remote_endpoint(ignored).port();
  stream_.socket().set_option(net::ip::tcp::no_delay(true), ignored);
}

void ProviderApiConnection::start() {
  core_.connections[id_] = shared_from_this();
  read_request();
}

void ProviderApiConnection::refuse_busy() {
  core_.connections[id_] = shared_from_this();
  refuse(503, "too many connections\n", false);
}

void ProviderApiConnection::close() {
  if (closed_) return;
  closed_ = true;
  beast::error_code ignored;
  stream_.socket().shutdown(net::ip::tcp::socket::shutdown_both, ignored);
  stream_.close();
  core_.hand_off.connection_closed(peer_port_);
  // Last: this may be the final owner.
  core_.connections.erase(id_);
}

void ProviderApiConnection::read_request() {
  parser_.emplace();
  parser_->body_limit(core_.options.body_limit_bytes);
  parser_->header_limit(static_cast<std::uint32_t>(core_.options.header_limit_bytes));
  stream_.expires_after(core_.options.read_timeout);
  http::async_read_header(stream_, buffer_, *parser_,
                          [self = shared_from_this()](const beast::error_code& error, std::size_t) {
                            self->on_header(error);
                          });
}

void ProviderApiConnection::on_header(const beast::error_code& error) {
  if (error) {
    on_request(error);
    return;
  }
  if (!beast::iequals(parser_->get()[http::field::expect], "100-continue")) {
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

void ProviderApiConnection::read_body() {
  http::async_read(stream_, buffer_, *parser_, [self = shared_from_this()](const beast::error_code& error, std::size_t) {
    self->on_request(error);
  });
}

void ProviderApiConnection::on_request(const beast::error_code& error) {
  if (closed_ || error == net::error::operation_aborted) return;
  if (error == http::error::body_limit) {
    refuse(413, "request body over " + std::to_string(core_.options.body_limit_bytes) + " bytes\n", false);
    return;
  }
  if (error == http::error::header_limit) {
    refuse(431, "request header over " + std::to_string(core_.options.header_limit_bytes) + " bytes\n", false);
    return;
  }
  // The client closed (before or inside a request) or took too long:
  // nothing to answer.
  if (error == http::error::end_of_stream || error == http::error::partial_message || error == beast::error::timeout) {
    close();
    return;
  }
  if (is_parse_error(error)) {
    refuse(400, "malformed HTTP request: " + error.message() + "\n", false);
    return;
  }
  if (error) {
    close();
    return;
  }
  dispatch();
}

void ProviderApiConnection::dispatch() {
  ++core_.requests;
  http::request<http::string_body>& message = parser_->get();
  const bool keep_alive = message.keep_alive();
  const std::string target(message.target());
  const std::string_view path = std::string_view(target).substr(0, target.find('?'));
  if (message.method() != http::verb::post) {
    refuse(405, "method " + std::string(message.method_string()) + " not allowed: provider APIs take POST\n",
           keep_alive, "POST");
    return;
  }
  const std::size_t slash = path.starts_with(kProviderApiPrefix) ? path.find('/', kProviderApiPrefix.size())
                                                                  : std::string_view::npos;
  if (slash == std::string_view::npos || slash == kProviderApiPrefix.size()) {
    refuse(404, "no route for " + std::string(path) + ": provider APIs are at /providers/<channel>/...\n",
           keep_alive);
    return;
  }
  std::string channel(path.substr(kProviderApiPrefix.size(), slash - kProviderApiPrefix.size()));
  hand_off(std::move(channel), target.substr(slash), keep_alive);
}

void ProviderApiConnection::hand_off(std::string channel, std::string provider_target, bool keep_alive) {
  http::request<http::string_body>& message = parser_->get();
  ProviderCall call;
  call.channel = std::move(channel);
  call.request.method = "POST";
  call.request.target = std::move(provider_target);
  for (const auto& field : message) {
    call.request.headers.push_back(stack::HttpHeader{std::string(field.name_string()), std::string(field.value())});
  }
  call.request.body = std::move(message.body());
  call.peer_port = peer_port_;
  // The connection waits with no operation pending; the core keeps it alive.
  // The answer may come on any thread: it is posted to this one, and dropped
  // if the connection has closed meanwhile.
  call.answer = [weak = weak_from_this(), executor = stream_.get_executor(), keep_alive](stack::HttpResponse response) {
    net::post(executor, [weak, keep_alive, written = std::move(response)] {
      if (const std::shared_ptr<ProviderApiConnection> self = weak.lock()) self->answer(written, keep_alive);
    });
  };
  stream_.expires_never();
  core_.hand_off.submit(std::move(call));
}

void ProviderApiConnection::answer(const stack::HttpResponse& given, bool keep_alive) {
  if (closed_) return;
  const bool valid = given.status >= 200 && given.status <= 599;
  response_ = Response(static_cast<http::status>(valid ? given.status : 500), 11);
  if (!valid) {
    response_.set(http::field::content_type, kTextType);
    response_.body() = "the provider answered an invalid status\n";
  } else {
    if (!given.content_type.empty()) response_.set(http::field::content_type, given.content_type);
    response_.body() = given.body;
  }
  write(keep_alive);
}

void ProviderApiConnection::write(bool keep_alive) {
  const bool keep = keep_alive && !core_.stopped;
  response_.keep_alive(keep);
  response_.prepare_payload();
  stream_.expires_after(core_.options.read_timeout);
  http::async_write(stream_, response_, [self = shared_from_this(), keep](const beast::error_code& error, std::size_t) {
    self->on_written(keep, error);
  });
}

void ProviderApiConnection::on_written(bool keep_alive, const beast::error_code& error) {
  if (closed_) return;
  if (error) {
    close();
    return;
  }
  core_.hand_off.answer_written(peer_port_);
  if (keep_alive) {
    read_request();
    return;
  }
  linger_then_close();
}

void ProviderApiConnection::refuse(unsigned status, std::string message, bool keep_alive, const char* allow) {
  ++core_.refused;
  response_ = Response(static_cast<http::status>(status), 11);
  if (allow != nullptr) response_.set(http::field::allow, allow);
  response_.set(http::field::content_type, kTextType);
  response_.body() = std::move(message);
  write(keep_alive);
}

// Half-closes, then reads (and drops) what the client still sends until it
// closes too, for at most kLinger and kDrainBytesMax.
void ProviderApiConnection::linger_then_close() {
  beast::error_code ignored;
  stream_.socket().shutdown(net::ip::tcp::socket::shutdown_send, ignored);
  stream_.expires_after(kLinger);
  drain();
}

void ProviderApiConnection::drain() {
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
