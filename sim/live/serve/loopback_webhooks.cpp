#include "sim/live/serve/loopback_webhooks.h"

#include <chrono>
#include <deque>
#include <optional>

#include "sim/live/beast.h"

namespace msgsim::live {

namespace http = boost::beast::http;

namespace {

constexpr auto kConnectTimeout = std::chrono::seconds(5);
constexpr auto kExchangeTimeout = std::chrono::seconds(15);
constexpr std::size_t kAnswerBodyBytesMax = 1 << 20;
// Sends of one request: the first, and one more on a new connection.
constexpr int kAttemptsMax = 2;

}  // namespace

// One channel's queue and connection. Owned jointly by its transport, the
// LoopbackWebhooks and any asynchronous operation in flight, so a handler
// that completes after either owner is gone still finds it alive.
struct LoopbackChannel : std::enable_shared_from_this<LoopbackChannel> {
  LoopbackChannel(boost::asio::io_context& io, stack::ChannelId id, boost::asio::ip::tcp::endpoint target,
                  std::string host_header)
      : channel(id), server(target), host(std::move(host_header)), stream(io) {}

  void enqueue(const stack::HttpRequest& request) {
    ++counts.queued;
    if (closed) {
      ++counts.failed;
      return;
    }
    queue.push_back(request);
    if (!busy) send_next();
  }

  void send_next() {
    if (closed || queue.empty()) {
      busy = false;
      return;
    }
    busy = true;
    if (connected) {
      write();
    } else {
      connect();
    }
  }

  void connect() {
    stream.expires_after(kConnectTimeout);
    stream.async_connect(server, [self = shared_from_this()](const boost::beast::error_code& error) {
      if (error) return self->on_failure();
      self->connected = true;
      self->write();
    });
  }

  void write() {
    const stack::HttpRequest& next = queue.front();
    outgoing = {};
    outgoing.version(11);
    outgoing.method_string(next.method);
    outgoing.target(next.target);
    for (const stack::HttpHeader& header : next.headers) outgoing.insert(header.name, header.value);
    outgoing.set(http::field::host, host);
    outgoing.keep_alive(true);
    outgoing.body() = next.body;
    outgoing.prepare_payload();
    stream.expires_after(kExchangeTimeout);
    http::async_write(stream, outgoing, [self = shared_from_this()](const boost::beast::error_code& error, std::size_t) {
      if (error) return self->on_failure();
      self->read();
    });
  }

  void read() {
    answer.emplace();
    answer->body_limit(kAnswerBodyBytesMax);
    http::async_read(stream, buffer, *answer,
                     [self = shared_from_this()](const boost::beast::error_code& error, std::size_t) {
                       if (error) return self->on_failure();
                       self->on_answer();
                     });
  }

  void on_answer() {
    const http::response<http::string_body>& response = answer->get();
    const unsigned status = response.result_int();
    if (status >= 200 && status < 300) {
      ++counts.answered_2xx;
    } else if (status == 401) {
      ++counts.answered_401;
    } else if (status >= 400 && status < 500) {
      ++counts.answered_4xx;
    } else {
      ++counts.answered_5xx;
    }
    attempts = 0;
    queue.pop_front();
    if (!response.keep_alive()) drop_connection();
    send_next();
  }

  // The connection broke or timed out before an answer: try once more on a
  // new one, then give the request up.
  void on_failure() {
    drop_connection();
    if (closed) {
      busy = false;
      return;
    }
    if (++attempts < kAttemptsMax) {
      ++counts.retried;
    } else {
      ++counts.failed;
      attempts = 0;
      queue.pop_front();
    }
    send_next();
  }

  void drop_connection() {
    boost::beast::error_code ignored;
    stream.socket().shutdown(boost::asio::ip::tcp::socket::shutdown_both, ignored);
    stream.socket().close(ignored);
    buffer.clear();
    connected = false;
  }

  void close() {
    if (closed) return;
    closed = true;
    counts.failed += queue.size();
    queue.clear();
    drop_connection();
  }

  stack::ChannelId channel;
  boost::asio::ip::tcp::endpoint server;
  std::string host;
  boost::beast::tcp_stream stream;
  boost::beast::flat_buffer buffer;
  http::request<http::string_body> outgoing;
  std::optional<http::response_parser<http::string_body>> answer;
  std::deque<stack::HttpRequest> queue;  // the front one is in flight while busy
  bool busy = false;
  bool connected = false;
  bool closed = false;
  int attempts = 0;
  WebhookDeliveryCounts counts;
};

namespace {

class LoopbackTransport final : public stack::WireTransport {
 public:
  explicit LoopbackTransport(std::shared_ptr<LoopbackChannel> channel) : channel_(std::move(channel)) {}
  ~LoopbackTransport() override { channel_->close(); }

  // The real answer arrives later and is counted; the provider is told the
  // delivery was accepted for processing.
  stack::HttpResponse exchange(const stack::HttpRequest& request) override {
    channel_->enqueue(request);
    return stack::HttpResponse{202, "text/plain", "queued for loopback delivery"};
  }

 private:
  std::shared_ptr<LoopbackChannel> channel_;
};

}  // namespace

LoopbackWebhooks::LoopbackWebhooks(boost::asio::io_context& io, boost::asio::ip::tcp::endpoint server,
                                   std::string host)
    : io_(io), server_(std::move(server)), host_(std::move(host)) {}

LoopbackWebhooks::~LoopbackWebhooks() { close(); }

std::unique_ptr<stack::WireTransport> LoopbackWebhooks::make(stack::ChannelId channel) {
  channels_.push_back(std::make_shared<LoopbackChannel>(io_, channel, server_, host_));
  return std::make_unique<LoopbackTransport>(channels_.back());
}

const LoopbackChannel* LoopbackWebhooks::find(stack::ChannelId channel) const {
  for (const auto& each : channels_) {
    if (each->channel == channel) return each.get();
  }
  return nullptr;
}

std::uint64_t LoopbackWebhooks::pending() const {
  std::uint64_t total = 0;
  for (const auto& each : channels_) total += each->queue.size();
  return total;
}

std::uint64_t LoopbackWebhooks::pending(stack::ChannelId channel) const {
  const LoopbackChannel* found = find(channel);
  return found != nullptr ? found->queue.size() : 0;
}

WebhookDeliveryCounts LoopbackWebhooks::counts(stack::ChannelId channel) const {
  const LoopbackChannel* found = find(channel);
  return found != nullptr ? found->counts : WebhookDeliveryCounts{};
}

void LoopbackWebhooks::close() {
  for (const auto& each : channels_) each->close();
}

}  // namespace msgsim::live
