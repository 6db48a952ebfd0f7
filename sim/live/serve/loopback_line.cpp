#include "sim/live/serve/loopback_line.h"

#include <utility>

namespace msgsim::live {

namespace beast = boost::beast;
namespace http = boost::beast::http;

namespace {

// Writes of one request: the first, and one more on a new connection.
constexpr int kAttemptsMax = 2;
constexpr char kTextType[] = "text/plain; charset=utf-8";

bool replaced_here(std::string_view name) {
  return stack::equals_ignoring_case(name, "Host") || stack::equals_ignoring_case(name, "Content-Length") ||
         stack::equals_ignoring_case(name, "User-Agent") || stack::equals_ignoring_case(name, "Connection") ||
         stack::equals_ignoring_case(name, "Transfer-Encoding");
}

}  // namespace

stack::HttpResponse no_answer(const std::string& cause) {
  return stack::HttpResponse{503, kTextType, "no answer over loopback: " + cause + "\n"};
}

LoopbackLine::LoopbackLine(boost::asio::io_context& io, LoopbackLineOptions options)
    : options_(std::move(options)), stream_(io) {}

std::string LoopbackLine::serialize(const stack::HttpRequest& request) const {
  std::string bytes;
  bytes.reserve(request.body.size() + request.target.size() + options_.target_prefix.size() + 256);
  bytes.append(request.method).append(" ").append(options_.target_prefix).append(request.target);
  bytes.append(" HTTP/1.1\r\nHost: ").append(options_.host).append("\r\n");
  if (!options_.user_agent.empty()) bytes.append("User-Agent: ").append(options_.user_agent).append("\r\n");
  for (const stack::HttpHeader& header : request.headers) {
    if (replaced_here(header.name)) continue;
    bytes.append(header.name).append(": ").append(header.value).append("\r\n");
  }
  bytes.append("Content-Length: ").append(std::to_string(request.body.size())).append("\r\n\r\n");
  bytes.append(request.body);
  return bytes;
}

void LoopbackLine::post(stack::HttpRequest request, AnswerHandler on_answer) {
  ++counts_.queued;
  if (closed_) {
    ++counts_.failed;
    on_answer(no_answer("the line is closed"));
    return;
  }
  queue_.push_back(Pending{serialize(request), std::move(on_answer), std::chrono::steady_clock::now()});
  if (!busy_) send_next();
}

void LoopbackLine::send_next() {
  if (closed_ || queue_.empty()) {
    busy_ = false;
    return;
  }
  busy_ = true;
  if (connected_) {
    write();
  } else {
    connect();
  }
}

void LoopbackLine::connect() {
  stream_.expires_after(options_.connect_timeout);
  stream_.async_connect(options_.server, [self = shared_from_this()](const beast::error_code& error) {
    if (self->closed_) return;
    if (error) return self->on_failure(error);
    self->connected_ = true;
    self->stream_.socket().set_option(boost::asio::ip::tcp::no_delay(true));
    self->write();
  });
}

void LoopbackLine::write() {
  stream_.expires_after(options_.exchange_timeout);
  boost::asio::async_write(stream_, boost::asio::buffer(queue_.front().bytes),
                           [self = shared_from_this()](const beast::error_code& error, std::size_t) {
                             if (self->closed_) return;
                             if (error) return self->on_failure(error);
                             self->read();
                           });
}

void LoopbackLine::read() {
  parser_.emplace();
  parser_->body_limit(options_.answer_body_bytes_max);
  http::async_read(stream_, buffer_, *parser_, [self = shared_from_this()](const beast::error_code& error, std::size_t) {
    if (self->closed_) return;
    if (error) return self->on_failure(error);
    self->on_answer();
  });
}

void LoopbackLine::on_answer() {
  http::response<http::string_body> response = parser_->release();
  const unsigned status = response.result_int();
  if (status >= 200 && status < 300) {
    ++counts_.answered_2xx;
  } else if (status == 401) {
    ++counts_.answered_401;
  } else if (status >= 400 && status < 500) {
    ++counts_.answered_4xx;
  } else {
    ++counts_.answered_5xx;
  }
  counts_.round_trip.record(
      std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - queue_.front().posted)
          .count());
  if (!response.keep_alive()) drop_connection();
  stack::HttpResponse answer;
  answer.status = static_cast<int>(status);
  answer.content_type = std::string(response[http::field::content_type]);
  answer.body = std::move(response.body());
  answer_front(std::move(answer));
  send_next();
}

// The connection broke or timed out before an answer: write once more on a
// new one, then give the request up.
void LoopbackLine::on_failure(const beast::error_code& error) {
  drop_connection();
  if (++attempts_ < kAttemptsMax) {
    ++counts_.retried;
  } else {
    ++counts_.failed;
    answer_front(no_answer(error.message()));
  }
  send_next();
}

void LoopbackLine::answer_front(stack::HttpResponse response) {
  AnswerHandler on_answer = std::move(queue_.front().on_answer);
  queue_.pop_front();
  attempts_ = 0;
  if (before_answer_) before_answer_();
  on_answer(response);
}

void LoopbackLine::drop_connection() {
  beast::error_code ignored;
  stream_.socket().shutdown(boost::asio::ip::tcp::socket::shutdown_both, ignored);
  stream_.socket().close(ignored);
  buffer_.clear();
  connected_ = false;
}

void LoopbackLine::close() {
  if (closed_) return;
  closed_ = true;
  drop_connection();
  busy_ = false;
  std::deque<Pending> unanswered = std::move(queue_);
  queue_.clear();
  counts_.failed += unanswered.size();
  for (Pending& pending : unanswered) pending.on_answer(no_answer("the line closed before the answer came"));
}

void LoopbackLine::abandon() {
  if (closed_) return;
  closed_ = true;
  drop_connection();
  busy_ = false;
  counts_.failed += queue_.size();
  queue_.clear();
}

}  // namespace msgsim::live
