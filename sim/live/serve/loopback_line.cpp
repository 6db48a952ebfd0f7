#include "sim/live/serve/loopback_line.h"

#include <algorithm>
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

LoopbackLineCounts merged_counts(const std::vector<ChannelLine>& lines, stack::ChannelId channel) {
  LoopbackLineCounts total;
  for (const ChannelLine& each : lines) {
    if (each.channel != channel) continue;
    const LoopbackLineCounts& counts = each.line->counts();
    total.queued += counts.queued;
    total.answered_2xx += counts.answered_2xx;
    total.answered_401 += counts.answered_401;
    total.answered_4xx += counts.answered_4xx;
    total.answered_5xx += counts.answered_5xx;
    total.failed += counts.failed;
    total.retried += counts.retried;
    total.reopened += counts.reopened;
    total.round_trip.merge(counts.round_trip);
  }
  return total;
}

std::uint64_t pending_on(const std::vector<ChannelLine>& lines, stack::ChannelId channel) {
  std::uint64_t total = 0;
  for (const ChannelLine& each : lines) {
    if (each.channel == channel) total += each.line->pending();
  }
  return total;
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
  // Writing waits until the current handler is done, so that the requests
  // a burst of simulation events posts leave in one write.
  if (pump_posted_) return;
  pump_posted_ = true;
  boost::asio::post(stream_.get_executor(), [self = shared_from_this()] {
    self->pump_posted_ = false;
    self->pump();
  });
}

void LoopbackLine::pump() {
  if (closed_ || queue_.empty()) return;
  if (!connected_) {
    if (!connecting_) connect();
    return;
  }
  // Writes when nothing is on the wire or half the window has come back, so
  // a busy line sends batches rather than one request per answer read.
  const bool room = written_ <= options_.window / 2;
  if (!writing_ && room && written_ < std::min(queue_.size(), options_.window)) write_batch();
}

void LoopbackLine::connect() {
  connecting_ = true;
  stream_.expires_after(options_.connect_timeout);
  stream_.async_connect(options_.server,
                        [self = shared_from_this(), connection = connection_](const beast::error_code& error) {
                          if (self->closed_ || connection != self->connection_) return;
                          self->connecting_ = false;
                          if (error) return self->on_failure(error);
                          self->connected_ = true;
                          beast::error_code ignored;
                          self->stream_.socket().set_option(boost::asio::ip::tcp::no_delay(true), ignored);
                          self->pump();
                        });
}

// Writes every request the window allows in one go: what queued up while
// the previous batch was on its way leaves together.
void LoopbackLine::write_batch() {
  const std::size_t end = std::min(queue_.size(), options_.window);
  batch_.clear();
  for (std::size_t i = written_; i < end; ++i) batch_.push_back(boost::asio::buffer(queue_[i].bytes));
  const std::size_t count = end - written_;
  writing_ = true;
  stream_.expires_after(options_.exchange_timeout);
  boost::asio::async_write(
      stream_, batch_,
      [self = shared_from_this(), connection = connection_, count](const beast::error_code& error, std::size_t) {
        if (self->closed_ || connection != self->connection_) return;
        self->writing_ = false;
        if (error) return self->on_failure(error);
        self->written_ += count;
        if (!self->reading_) self->read_next();
        self->pump();
      });
}

void LoopbackLine::read_next() {
  reading_ = true;
  parser_.emplace();
  parser_->body_limit(options_.answer_body_bytes_max);
  stream_.expires_after(options_.exchange_timeout);
  http::async_read(stream_, buffer_, *parser_,
                   [self = shared_from_this(), connection = connection_](const beast::error_code& error, std::size_t) {
                     if (self->closed_ || connection != self->connection_) return;
                     self->reading_ = false;
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
  const bool keep_alive = response.keep_alive();
  parser_.reset();  // a failure from here on finds no answer begun
  ++answers_on_connection_;
  stack::HttpResponse answer;
  answer.status = static_cast<int>(status);
  answer.content_type = std::string(response[http::field::content_type]);
  answer.body = std::move(response.body());
  --written_;
  answer_front(std::move(answer));
  if (closed_) return;
  if (!keep_alive) {
    // The server closes after this answer: what was written behind it goes
    // again on a new connection.
    drop_connection();
  } else if (written_ > 0 && !reading_) {
    read_next();
  }
  pump();
}

// The connection broke or timed out before an answer: everything unanswered
// is written once more on a new one; the oldest is given up at its second
// failure.
void LoopbackLine::on_failure(const beast::error_code& error) {
  // A connection that has carried answers and fails before a byte of the
  // next one was closed by the server while idle (HTTP clients reopen such
  // a connection without counting it against the request).
  const bool answer_begun = buffer_.size() > 0 || (parser_ && parser_->got_some());
  const bool stale = answers_on_connection_ > 0 && !answer_begun;
  drop_connection();
  if (queue_.empty()) return;
  if (stale) {
    ++counts_.reopened;
  } else if (++attempts_ < kAttemptsMax) {
    ++counts_.retried;
  } else {
    ++counts_.failed;
    answer_front(no_answer(error.message()));
    if (closed_) return;
  }
  pump();
}

void LoopbackLine::answer_front(stack::HttpResponse response) {
  AnswerHandler on_answer = std::move(queue_.front().on_answer);
  queue_.pop_front();
  attempts_ = 0;
  if (before_answer_) before_answer_();
  on_answer(response);
}

void LoopbackLine::drop_connection() {
  ++connection_;
  beast::error_code ignored;
  stream_.socket().shutdown(boost::asio::ip::tcp::socket::shutdown_both, ignored);
  stream_.socket().close(ignored);
  buffer_.clear();
  connecting_ = false;
  connected_ = false;
  writing_ = false;
  reading_ = false;
  written_ = 0;
  answers_on_connection_ = 0;
  parser_.reset();
}

void LoopbackLine::close() {
  if (closed_) return;
  closed_ = true;
  drop_connection();
  std::deque<Pending> unanswered = std::move(queue_);
  queue_.clear();
  counts_.failed += unanswered.size();
  for (Pending& pending : unanswered) pending.on_answer(no_answer("the line closed before the answer came"));
}

void LoopbackLine::abandon() {
  if (closed_) return;
  closed_ = true;
  drop_connection();
  counts_.failed += queue_.size();
  queue_.clear();
}

}  // namespace msgsim::live
