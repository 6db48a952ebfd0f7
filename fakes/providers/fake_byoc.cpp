#include "fakes/providers/fake_byoc.h"

#include <utility>

namespace msgsim::fakes {

// The partner's retry schedule is its own (unverified 5 s).
const PlatformProfile& byoc_profile() {
  static const PlatformProfile kProfile{"byoc", runtime::Duration::seconds(5), 429, 503, std::nullopt};
  return kProfile;
}

FakeByoc::FakeByoc(runtime::Runtime& runtime, stack::Stack& stack, GroundTruth& truth, Device& device,
                   stack::ChannelId channel, FakeProviderSettings settings)
    : FakePlatform(runtime, stack, truth, device, channel, std::move(settings), byoc_profile()) {}

stack::SendOutcome FakeByoc::send_admitted(const stack::OutboundRequest& request) {
  const runtime::Duration to_device = carry_to_device(request.to, request.text);
  report_status(request.id, stack::DeliveryState::kDelivered, to_device + draw_receipt_latency());
  return stack::SendOutcome{true, 0};
}

}  // namespace msgsim::fakes
