#include "fakes/providers/fake_web.h"

#include <utility>

namespace msgsim::fakes {

// The web and in-app transports are the platform's own: a lost delivery is
// retried quickly (unverified; retry_delay overrides it).
const PlatformProfile& web_profile(WebFlavor flavor) {
  static const PlatformProfile kWeb{"web", runtime::Duration::seconds(5), 429, 503, std::nullopt};
  static const PlatformProfile kInApp{"in_app", runtime::Duration::seconds(5), 429, 503, std::nullopt};
  return flavor == WebFlavor::kWeb ? kWeb : kInApp;
}

FakeWeb::FakeWeb(runtime::Runtime& runtime, stack::Stack& stack, GroundTruth& truth, Device& device,
                 stack::ChannelId channel, FakeProviderSettings settings, WebFlavor flavor)
    : FakePlatform(runtime, stack, truth, device, channel, std::move(settings), web_profile(flavor)),
      flavor_(flavor) {}

void FakeWeb::on_customer_message(stack::CustomerHandle from, std::string_view) { connected_.insert(from.value); }

stack::SendOutcome FakeWeb::send_admitted(const stack::OutboundRequest& request) {
  if (flavor_ == WebFlavor::kWeb && !connected_.contains(request.to.value)) {
    return stack::SendOutcome{false, kNoConnectionError};
  }
  // Draw order (device latency, then receipt latency) is part of the replay contract.
  const runtime::Duration to_device = carry_to_device(request.to, request.text);
  const runtime::Duration receipt = draw_receipt_latency();
  report_status(request.id, stack::DeliveryState::kDelivered, to_device + receipt);
  return stack::SendOutcome{true, 0};
}

}  // namespace msgsim::fakes
