#include "sim/live/serve/loopback_sends.h"

#include <utility>

#include "sim/runtime/check.h"
#include "sim/stack/wire/webhook_limits.h"

namespace msgsim::live {

namespace {

constexpr char kLoopbackAddress[] = "127.0.0.1";

HttpServerOptions provider_server_options(const LoopbackSendsOptions& options) {
  HttpServerOptions server;
  // Only the stack and testers on this machine call the providers.
  server.bind_address = kLoopbackAddress;
  server.port = options.port;
  server.body_limit_bytes = stack::kMaxWebhookBytes;
  // The stack's lines stay open between calls; they reconnect after this.
  server.read_timeout = std::chrono::milliseconds(300'000);
  server.connections_max = 256;
  return server;
}

// The stack's transport of one channel: its calls go out on the channel's
// line. Letting it go (the world is going away) drops what is still queued
// without answering it, and withdraws the channel's send API from the route
// (the fake's gateway goes with the world).
class ChannelSendTransport final : public stack::WireTransport {
 public:
  ChannelSendTransport(ProviderApiRoute& route, stack::ChannelId id, std::shared_ptr<LoopbackLine> line)
      : route_(route), id_(id), line_(std::move(line)) {}
  ~ChannelSendTransport() override {
    line_->abandon();
    route_.remove_channel(id_);
  }

  stack::HttpResponse exchange(const stack::HttpRequest&) override {
    MSGSIM_CHECK_MSG(false, "a loopback send transport answers later: use post()");
    return {};
  }
  void post(stack::HttpRequest request, AnswerHandler on_answer) override {
    line_->post(std::move(request), std::move(on_answer));
  }

 private:
  ProviderApiRoute& route_;
  stack::ChannelId id_;
  std::shared_ptr<LoopbackLine> line_;
};

}  // namespace

LoopbackSends::LoopbackSends(boost::asio::io_context& io, std::function<void()> catch_up,
                             LoopbackSendsOptions options)
    : io_(io),
      catch_up_(std::move(catch_up)),
      options_(options),
      route_(catch_up_),
      server_(io, provider_server_options(options)) {
  server_.add_prefix_route("POST", std::string(kProviderApiPrefix),
                           [this](const stack::HttpRequest& request) { return route_.handle(request); });
}

LoopbackSends::~LoopbackSends() { close(); }

runtime::Status LoopbackSends::start() { return server_.start(); }

std::string LoopbackSends::base_url() const {
  return "http://" + std::string(kLoopbackAddress) + ":" + std::to_string(port()) + std::string(kProviderApiPrefix);
}

std::unique_ptr<stack::WireTransport> LoopbackSends::make(stack::ChannelId id, std::string_view name,
                                                          stack::WireTransport& send_api) {
  MSGSIM_CHECK_MSG(port() != 0, "LoopbackSends::make before start()");
  route_.add_channel(id, std::string(name), send_api);
  LoopbackLineOptions line;
  line.server = boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address(kLoopbackAddress), port());
  line.host = std::string(kLoopbackAddress) + ":" + std::to_string(port());
  line.target_prefix = std::string(kProviderApiPrefix) + std::string(name);
  line.user_agent = std::string(kStackUserAgent);
  line.exchange_timeout = options_.timeout;
  auto shared = std::make_shared<LoopbackLine>(io_, std::move(line));
  shared->set_before_answer(catch_up_);
  channels_.push_back(Channel{id, shared});
  return std::make_unique<ChannelSendTransport>(route_, id, std::move(shared));
}

const LoopbackLine* LoopbackSends::find(stack::ChannelId id) const {
  for (const Channel& channel : channels_) {
    if (channel.id == id) return channel.line.get();
  }
  return nullptr;
}

const LoopbackLineCounts& LoopbackSends::counts(stack::ChannelId id) const {
  static const LoopbackLineCounts kNone{};
  const LoopbackLine* found = find(id);
  return found != nullptr ? found->counts() : kNone;
}

std::uint64_t LoopbackSends::pending() const {
  std::uint64_t total = 0;
  for (const Channel& channel : channels_) total += channel.line->pending();
  return total;
}

std::uint64_t LoopbackSends::pending(stack::ChannelId id) const {
  const LoopbackLine* found = find(id);
  return found != nullptr ? found->pending() : 0;
}

harness::Histogram LoopbackSends::round_trip() const {
  harness::Histogram all;
  for (const Channel& channel : channels_) all.merge(channel.line->counts().round_trip);
  return all;
}

void LoopbackSends::close() {
  for (const Channel& channel : channels_) channel.line->close();
  server_.stop();
}

}  // namespace msgsim::live
