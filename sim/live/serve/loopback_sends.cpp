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

// The stack's transport of one channel's calls (its send API, or its
// partner's event endpoint), on a line of its own. Letting it go (the world
// is going away) drops what is still queued without answering it, and
// withdraws the fake's side from the route (it goes with the world).
class ChannelSendTransport final : public stack::WireTransport {
 public:
  ChannelSendTransport(std::shared_ptr<LoopbackLine> line, std::function<void()> withdraw)
      : line_(std::move(line)), withdraw_(std::move(withdraw)) {}
  ~ChannelSendTransport() override {
    line_->abandon();
    withdraw_();
  }

  stack::HttpResponse exchange(const stack::HttpRequest&) override {
    MSGSIM_CHECK_MSG(false, "a loopback send transport answers later: use post()");
    return {};
  }
  void post(stack::HttpRequest request, AnswerHandler on_answer) override {
    line_->post(std::move(request), std::move(on_answer));
  }

 private:
  std::shared_ptr<LoopbackLine> line_;
  std::function<void()> withdraw_;
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

std::shared_ptr<LoopbackLine> LoopbackSends::open_line(stack::ChannelId id, std::string target_prefix) {
  MSGSIM_CHECK_MSG(port() != 0, "LoopbackSends: a transport before start()");
  LoopbackLineOptions line;
  line.server = boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address(kLoopbackAddress), port());
  line.host = std::string(kLoopbackAddress) + ":" + std::to_string(port());
  line.target_prefix = std::move(target_prefix);
  line.user_agent = std::string(kStackUserAgent);
  line.exchange_timeout = options_.timeout;
  auto shared = std::make_shared<LoopbackLine>(io_, std::move(line));
  shared->set_before_answer(catch_up_);
  lines_.push_back(ChannelLine{id, shared});
  return shared;
}

std::unique_ptr<stack::WireTransport> LoopbackSends::make(stack::ChannelId id, std::string_view name,
                                                          stack::WireTransport& send_api) {
  route_.add_channel(id, std::string(name), send_api);
  std::shared_ptr<LoopbackLine> line = open_line(id, std::string(kProviderApiPrefix) + std::string(name));
  return std::make_unique<ChannelSendTransport>(std::move(line), [this, id] { route_.remove_channel(id); });
}

std::unique_ptr<stack::WireTransport> LoopbackSends::make_partner(stack::ChannelId id, std::string_view name,
                                                                  stack::WireTransport& partner_api) {
  route_.add_partner(id, std::string(name), partner_api);
  std::shared_ptr<LoopbackLine> line =
      open_line(id, std::string(kProviderApiPrefix) + std::string(name) + "/partner");
  return std::make_unique<ChannelSendTransport>(std::move(line), [this, id] { route_.remove_partner(id); });
}

LoopbackLineCounts LoopbackSends::counts(stack::ChannelId id) const { return merged_counts(lines_, id); }

std::uint64_t LoopbackSends::pending() const {
  std::uint64_t total = 0;
  for (const ChannelLine& each : lines_) total += each.line->pending();
  return total;
}

std::uint64_t LoopbackSends::pending(stack::ChannelId id) const { return pending_on(lines_, id); }

harness::Histogram LoopbackSends::round_trip() const {
  harness::Histogram all;
  for (const ChannelLine& each : lines_) all.merge(each.line->counts().round_trip);
  return all;
}

void LoopbackSends::close() {
  for (const ChannelLine& each : lines_) each.line->close();
  server_.stop();
}

}  // namespace msgsim::live
