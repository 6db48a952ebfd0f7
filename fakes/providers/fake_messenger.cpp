#include "fakes/providers/fake_messenger.h"

#include <algorithm>
#include <utility>

namespace msgsim::fakes {

// Meta's webhook retry schedule, as for WhatsApp (unverified first delay).
const PlatformProfile& messenger_profile() {
  static const PlatformProfile kProfile{"messenger", runtime::Duration::seconds(10), FakeMessenger::kRateLimited,
                                        FakeMessenger::kTemporaryDowntime, std::nullopt, false};
  return kProfile;
}

FakeMessenger::FakeMessenger(runtime::Runtime& runtime, stack::Stack& stack, GroundTruth& truth, Device& device,
                             stack::ChannelId channel, FakeProviderSettings settings, MessengerOptions options)
    : FakePlatform(runtime, stack, truth, device, channel, std::move(settings), messenger_profile()),
      options_(std::move(options)) {}

void FakeMessenger::on_customer_message(stack::CustomerHandle from, std::string_view) {
  last_inbound_.insert_or_assign(from.value, now());
}

// RESPONSE messages need the standard window; HUMAN_AGENT stretches it to
// 7 days; the update tags go out at any time after the person wrote once.
bool FakeMessenger::allowed(const stack::OutboundRequest& request) const {
  const auto last = last_inbound_.find(request.to.value);
  if (last == last_inbound_.end()) return false;
  const stack::MessageTag tag = request.options != nullptr ? request.options->tag : stack::MessageTag::kNone;
  const runtime::Duration since = now() - last->second;
  switch (tag) {
    case stack::MessageTag::kNone:
      return since < options_.window;
    case stack::MessageTag::kHumanAgent:
      return since < options_.human_agent_window;
    case stack::MessageTag::kConfirmedEventUpdate:
    case stack::MessageTag::kPostPurchaseUpdate:
    case stack::MessageTag::kAccountUpdate:
      return true;
  }
  return false;
}

stack::SendOutcome FakeMessenger::send_admitted(const stack::OutboundRequest& request) {
  if (!allowed(request)) {
    return stack::SendOutcome{false, kPermissionError, kOutsideWindowSubcode};
  }
  const runtime::Time sent_at = now();
  undelivered_[request.to.value].push_back(Sent{request.id, sent_at});
  unread_[request.to.value].push_back(Sent{request.id, sent_at});
  const runtime::Duration to_device = carry_to_device(request.to, request.text);
  const std::uint64_t recipient = request.to.value;
  runtime().schedule_after(to_device, [this, recipient, sent_at]() { watermark(recipient, sent_at, Mark::kDelivery); });
  const bool read = stream().bernoulli(options_.read_probability);
  const runtime::Duration read_after = options_.read_delay.sample_duration(stream());
  if (read) {
    runtime().schedule_after(to_device + read_after,
                             [this, recipient, sent_at]() { watermark(recipient, sent_at, Mark::kRead); });
  }
  return stack::SendOutcome{true, 0};
}

// One watermark webhook covers every message sent at or before `mark_at`;
// each becomes a receipt that travels with the receipt latency and faults.
void FakeMessenger::watermark(std::uint64_t recipient, runtime::Time mark_at, Mark mark) {
  std::vector<Sent>& pending = (mark == Mark::kDelivery ? undelivered_ : unread_)[recipient];
  const auto covered_end =
      std::find_if(pending.begin(), pending.end(), [mark_at](const Sent& sent) { return sent.at > mark_at; });
  const runtime::Duration receipt = draw_receipt_latency();
  const stack::DeliveryState state = mark == Mark::kDelivery ? stack::DeliveryState::kDelivered : stack::DeliveryState::kRead;
  for (auto it = pending.begin(); it != covered_end; ++it) report_status(it->id, state, receipt);
  pending.erase(pending.begin(), covered_end);
}

}  // namespace msgsim::fakes
