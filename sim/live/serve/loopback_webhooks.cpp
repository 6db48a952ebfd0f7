#include "sim/live/serve/loopback_webhooks.h"

#include "sim/runtime/check.h"

namespace msgsim::live {

namespace {

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
  lines_.push_back(ChannelLine{channel, std::make_shared<LoopbackLine>(io_, std::move(options))});
  return std::make_unique<LoopbackTransport>(lines_.back().line);
}

std::uint64_t LoopbackWebhooks::pending() const {
  std::uint64_t total = 0;
  for (const ChannelLine& each : lines_) total += each.line->pending();
  return total;
}

std::uint64_t LoopbackWebhooks::pending(stack::ChannelId channel) const { return pending_on(lines_, channel); }

LoopbackLineCounts LoopbackWebhooks::counts(stack::ChannelId channel) const { return merged_counts(lines_, channel); }

void LoopbackWebhooks::close() {
  for (const ChannelLine& each : lines_) each.line->close();
}

}  // namespace msgsim::live
