#include "sim/live/serve/loopback_webhooks.h"

#include "sim/runtime/check.h"

namespace msgsim::live {

namespace {

const LoopbackLineCounts kNoCounts{};

class LoopbackTransport final : public stack::WireTransport {
 public:
  explicit LoopbackTransport(std::shared_ptr<LoopbackLine> line) : line_(std::move(line)) {}
  ~LoopbackTransport() override { line_->abandon(); }

  stack::HttpResponse exchange(const stack::HttpRequest&) override {
    MSGSIM_CHECK_MSG(false, "a loopback webhook transport answers later: use post()");
    return {};
  }
  void post(stack::HttpRequest request, AnswerHandler on_answer) override {
    line_->post(std::move(request), std::move(on_answer));
  }

 private:
  std::shared_ptr<LoopbackLine> line_;
};

}  // namespace

LoopbackWebhooks::LoopbackWebhooks(boost::asio::io_context& io, boost::asio::ip::tcp::endpoint server,
                                   std::string host)
    : io_(io), server_(std::move(server)), host_(std::move(host)) {}

LoopbackWebhooks::~LoopbackWebhooks() { close(); }

std::unique_ptr<stack::WireTransport> LoopbackWebhooks::make(stack::ChannelId channel) {
  LoopbackLineOptions options;
  options.server = server_;
  options.host = host_;
  channels_.push_back(Channel{channel, std::make_shared<LoopbackLine>(io_, std::move(options))});
  return std::make_unique<LoopbackTransport>(channels_.back().line);
}

const LoopbackLine* LoopbackWebhooks::find(stack::ChannelId channel) const {
  for (const Channel& each : channels_) {
    if (each.id == channel) return each.line.get();
  }
  return nullptr;
}

std::uint64_t LoopbackWebhooks::pending() const {
  std::uint64_t total = 0;
  for (const Channel& each : channels_) total += each.line->pending();
  return total;
}

std::uint64_t LoopbackWebhooks::pending(stack::ChannelId channel) const {
  const LoopbackLine* found = find(channel);
  return found != nullptr ? found->pending() : 0;
}

const LoopbackLineCounts& LoopbackWebhooks::counts(stack::ChannelId channel) const {
  const LoopbackLine* found = find(channel);
  return found != nullptr ? found->counts() : kNoCounts;
}

void LoopbackWebhooks::close() {
  for (const Channel& each : channels_) each.line->close();
}

}  // namespace msgsim::live
