#include "sim/live/serve/loopback_send_transport.h"

#include <optional>
#include <utility>

namespace msgsim::live {

namespace http = boost::beast::http;
namespace net = boost::asio;

using runtime::Status;
using runtime::StatusCode;

namespace {

constexpr std::size_t kAnswerBodyBytesMax = 1 << 20;
// Sends of one call: the first, and one more when a kept-alive connection
// turned out closed before any answer.
constexpr int kAttemptsMax = 2;

}  // namespace

LoopbackSendTransport::LoopbackSendTransport(ProviderCallHandOff& hand_off, ProviderCallRunner& runner,
                                             LoopbackSendOptions options, SendCallCounts& counts)
    : hand_off_(hand_off), runner_(runner), options_(std::move(options)), counts_(counts) {}

LoopbackSendTransport::~LoopbackSendTransport() { drop_line(); }

stack::HttpResponse LoopbackSendTransport::exchange(const stack::HttpRequest& request) {
  ++counts_.calls;
  const auto started = BlockingConnection::Clock::now();
  if (hand_off_.closed()) return failure("the provider API is closed");
  const Deadline deadline = started + options_.timeout;
  std::string cause;
  for (int attempt_number = 0; attempt_number < kAttemptsMax; ++attempt_number) {
    if (attempt_number > 0) ++counts_.retried;
    bool may_resend = false;
    runtime::Result<stack::HttpResponse> answer = attempt(request, deadline, may_resend);
    if (answer.is_ok()) {
      const int status = answer.value().status;
      if (status >= 200 && status < 300) ++counts_.answered_2xx;
      if (status >= 400 && status < 500) ++counts_.answered_4xx;
      if (status >= 500) ++counts_.answered_5xx;
      counts_.round_trip.record(
          std::chrono::duration_cast<std::chrono::nanoseconds>(BlockingConnection::Clock::now() - started).count());
      return answer.take();
    }
    cause = answer.status().message();
    if (!may_resend) break;
  }
  return failure(cause);
}

// One send on the current connection (opened first when there is none).
// `may_resend` is set when the call failed on a reused connection before any
// answer: the server closed it while idle, so the call never ran.
runtime::Result<stack::HttpResponse> LoopbackSendTransport::attempt(const stack::HttpRequest& request,
                                                                    Deadline deadline, bool& may_resend) {
  if (line_ != 0 && hand_off_.line_closed(line_)) drop_line();
  const bool reused = line_ != 0;
  if (!reused) {
    Status opened = open_line(deadline);
    if (!opened.is_ok()) return opened;
  }
  hand_off_.begin_exchange(line_);
  Status written = write(request, deadline);
  const LineEvent event = written.is_ok() ? wait_for_answer(deadline) : LineEvent::kLineClosed;
  hand_off_.end_exchange(line_);
  if (!written.is_ok() || event != LineEvent::kAnswerWritten) {
    drop_line();
    may_resend = reused && event == LineEvent::kLineClosed;
    if (!written.is_ok()) return written;
    const std::string what = event == LineEvent::kTimedOut
                                 ? "no answer within " + std::to_string(options_.timeout.count()) + " ms"
                                 : "the server closed the connection before answering";
    return Status(StatusCode::kUnavailable, what);
  }
  runtime::Result<stack::HttpResponse> answer = read(deadline);
  if (!answer.is_ok()) drop_line();
  return answer;
}

runtime::Status LoopbackSendTransport::open_line(Deadline deadline) {
  Status connected = connection_.connect(options_.host, options_.port, deadline);
  if (!connected.is_ok()) return connected;
  boost::system::error_code error;
  connection_.socket().set_option(net::ip::tcp::no_delay(true), error);
  const std::uint16_t port = connection_.socket().local_endpoint(error).port();
  if (error || port == 0) {
    connection_.close();
    return Status(StatusCode::kUnavailable, "cannot read the connection's local port: " + error.message());
  }
  line_ = port;
  hand_off_.open_line(line_);
  return Status::ok();
}

void LoopbackSendTransport::drop_line() {
  if (line_ == 0) return;
  hand_off_.close_line(line_);
  connection_.close();
  line_ = 0;
}

runtime::Status LoopbackSendTransport::write(const stack::HttpRequest& request, Deadline deadline) {
  http::request<http::string_body> message;
  message.version(11);
  message.method_string(request.method);
  message.target("/providers/" + options_.channel + request.target);
  for (const stack::HttpHeader& header : request.headers) message.insert(header.name, header.value);
  message.set(http::field::host, options_.host + ":" + std::to_string(options_.port));
  message.keep_alive(true);
  message.body() = request.body;
  message.prepare_payload();
  return connection_.run(
      [&](auto handler) { http::async_write(connection_.socket(), message, std::move(handler)); }, deadline,
      "write request");
}

// Runs the calls handed off meanwhile, on this thread, until this line's
// answer is written (or it closes, or the deadline passes).
LineEvent LoopbackSendTransport::wait_for_answer(Deadline deadline) {
  while (true) {
    std::optional<ProviderCall> call;
    const LineEvent event = hand_off_.wait(line_, deadline, call);
    if (event != LineEvent::kCall) return event;
    runner_.run(std::move(*call));
  }
}

// The answer is on its way or already there: the server wrote it.
runtime::Result<stack::HttpResponse> LoopbackSendTransport::read(Deadline deadline) {
  std::optional<http::response_parser<http::string_body>> parser;
  do {
    parser.emplace();
    parser->body_limit(kAnswerBodyBytesMax);
    Status status = connection_.run(
        [&](auto handler) { http::async_read(connection_.socket(), connection_.buffer(), *parser, std::move(handler)); },
        deadline, "read answer");
    if (!status.is_ok()) return status;
  } while (parser->get().result_int() / 100 == 1);
  http::response<http::string_body>& message = parser->get();
  stack::HttpResponse response;
  response.status = static_cast<int>(message.result_int());
  response.content_type = std::string(message[http::field::content_type]);
  response.body = std::move(message.body());
  if (!message.keep_alive()) drop_line();
  return response;
}

stack::HttpResponse LoopbackSendTransport::failure(const std::string& cause) {
  ++counts_.failed;
  return stack::HttpResponse{503, "text/plain; charset=utf-8",
                             "provider API of " + options_.channel + " at " + options_.host + ":" +
                                 std::to_string(options_.port) + ": " + cause + "\n"};
}

}  // namespace msgsim::live
