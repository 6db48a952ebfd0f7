#include "fakes/providers/fake_line.h"

#include <utility>

namespace msgsim::fakes {

// LINE redelivers failed webhooks (optional feature, same webhookEventId);
// its schedule is not public (unverified 60 s).
const PlatformProfile& line_profile() {
  static const PlatformProfile kProfile{"line", runtime::Duration::seconds(60), FakeLine::kTooManyRequests,
                                        FakeLine::kInternalError, 2000.0, false};
  return kProfile;
}

FakeLine::FakeLine(runtime::Runtime& runtime, stack::Stack& stack, GroundTruth& truth, Device& device,
                   stack::ChannelId channel, FakeProviderSettings settings)
    : FakePlatform(runtime, stack, truth, device, channel, std::move(settings), line_profile()) {}

stack::SendOutcome FakeLine::send_admitted(const stack::OutboundRequest& request) {
  if (accepted_retry_keys_.contains(request.id.value)) return stack::SendOutcome{false, kRetryKeyAccepted};
  if (unfollowed_.contains(request.to.value)) return stack::SendOutcome{false, kBadRequest};
  // Only an accepted request consumes its key, so a retry after a 5xx or a
  // 429 goes through.
  accepted_retry_keys_.insert(request.id.value);
  static_cast<void>(carry_to_device(request.to, request.text));
  return stack::SendOutcome{true, 0};
}

void FakeLine::customer_send(PersonId person, stack::CustomerHandle from, std::string text) {
  if (!followers_.contains(from.value)) customer_follow(from);
  FakePlatform::customer_send(person, from, std::move(text));
}

}  // namespace msgsim::fakes
