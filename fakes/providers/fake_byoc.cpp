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
  if (partner().owns_consent && opted_out_.count(request.to.value) != 0) {
    return stack::SendOutcome{false, kByocEndUserOptedOut};
  }
  const runtime::Duration to_device = carry_to_device(request.to, request.text);
  report_status(request.id, stack::DeliveryState::kDelivered, to_device + draw_receipt_latency());
  return stack::SendOutcome{true, 0};
}

void FakeByoc::on_customer_message(stack::CustomerHandle from, std::string_view text) {
  if (!partner().owns_consent) return;
  switch (stack::match_keyword(partner().keywords, text).action) {
    case stack::KeywordAction::kOptOut:
      if (!opted_out_.insert(from.value).second) return;  // already out: nothing new to confirm
      (void)carry_to_device(from, partner().opt_out_confirmation);
      tell_consent(from, stack::ConsentLevel::kOptedOut);
      return;
    case stack::KeywordAction::kOptIn:
      opted_out_.erase(from.value);
      if (partner().opt_in_confirmation) (void)carry_to_device(from, *partner().opt_in_confirmation);
      tell_consent(from, stack::ConsentLevel::kExplicit);
      return;
    case stack::KeywordAction::kHelp:
      if (partner().help_response) (void)carry_to_device(from, *partner().help_response);
      return;
    case stack::KeywordAction::kNone: return;
  }
}

// The call crosses after the partner's latency; the boundary log records it
// once the platform has accepted it.
void FakeByoc::tell_consent(stack::CustomerHandle customer, stack::ConsentLevel level) {
  runtime().schedule_after(draw_latency(), [this, customer, level]() {
    stack_side().partner_set_consent(channel(), customer, level, [this, customer, level](runtime::Status set) {
      if (!set.is_ok()) return;
      ++counts_.consent_updates;
      truth().record_boundary_consent(channel(), customer, level, now());
    });
  });
}

void FakeByoc::routing_requested(stack::ChannelId, stack::CustomerHandle customer, stack::WorkId work) {
  if (!partner().owns_routing) return;
  runtime().schedule_after(draw_latency(), [this, customer, work]() { route(customer, work); });
}

void FakeByoc::route(stack::CustomerHandle customer, stack::WorkId work) {
  if (work) {
    offer_to_roster(work);
    return;
  }
  stack_side().partner_route(channel(), customer, [this](runtime::Result<stack::WorkId> created) {
    // The conversation ended before the partner got to it: nothing to route.
    if (!created.is_ok()) return;
    ++counts_.routes;
    offer_to_roster(created.value());
  });
}

void FakeByoc::offer_to_roster(stack::WorkId work) { offer_from(work, 0); }

// Offers `work` to the roster's agent `tried` places after the one the
// partner starts at; each refusal moves on to the next, and when all refused
// the partner tries again after `retry_after`. The answers may come later
// (live mode), so the pass goes on from each answer.
void FakeByoc::offer_from(stack::WorkId work, std::size_t tried) {
  const std::vector<stack::AgentId>& roster = partner().roster;
  if (tried == roster.size()) {
    ++counts_.retries;
    runtime().schedule_after(partner().retry_after, [this, work]() { offer_to_roster(work); });
    return;
  }
  const std::size_t index = (next_agent_ + tried) % roster.size();
  stack_side().partner_assign(channel(), work, roster[index], [this, work, tried, index](runtime::Status assigned) {
    if (assigned.is_ok()) {
      ++counts_.assignments;
      next_agent_ = index + 1;
      return;
    }
    // The work is gone (customer left, already taken): stop routing it.
    if (assigned.code() != runtime::StatusCode::kRefused) return;
    ++counts_.refusals;
    offer_from(work, tried + 1);
  });
}

}  // namespace msgsim::fakes
