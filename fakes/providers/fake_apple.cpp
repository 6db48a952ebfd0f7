#include "fakes/providers/fake_apple.h"

#include <utility>

namespace msgsim::fakes {

// Apple's webhook retry schedule is not public (unverified 30 s).
const PlatformProfile& apple_profile() {
  static const PlatformProfile kProfile{"apple", runtime::Duration::seconds(30), 429, 503, std::nullopt};
  return kProfile;
}

FakeApple::FakeApple(runtime::Runtime& runtime, stack::Stack& stack, GroundTruth& truth, Device& device,
                     stack::ChannelId channel, FakeProviderSettings settings)
    : FakePlatform(runtime, stack, truth, device, channel, std::move(settings), apple_profile()) {}

void FakeApple::customer_end(stack::CustomerHandle from) {
  writable_.erase(from.value);
  forward_end(from);
}

bool FakeApple::customer_delete_conversation(stack::CustomerHandle from) {
  writable_.erase(from.value);
  forward_event(from, stack::InboundKind::kConversationDeleted);
  return true;
}

void FakeApple::on_customer_message(stack::CustomerHandle from, std::string_view) { writable_.insert(from.value); }

stack::SendOutcome FakeApple::send_admitted(const stack::OutboundRequest& request) {
  if (!writable_.contains(request.to.value)) return stack::SendOutcome{false, kBusinessInitiatedRefused};
  static_cast<void>(carry_to_device(request.to, request.text));  // and no receipt, ever
  return stack::SendOutcome{true, 0};
}

}  // namespace msgsim::fakes
