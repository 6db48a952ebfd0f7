// Fake Bring-Your-Own-Channel partner connector. The partner accepts every
// message the stack hands it and acknowledges each with `delivered` after the
// receipt latency; customer messages arrive as inbound interactions. Faults
// apply as for every fake. One instance per channel; single-threaded.
//
// BYOC for CCaaS partners may own more (PartnerSettings):
//  - routing: when the platform announces a conversation that needs an agent
//    (ProviderApi::routing_requested), the partner, after its latency, creates
//    the routing request (`route`) and offers the work to the agents of its
//    roster in turn (`agentWork`), starting after the one it chose last; the
//    platform refuses agents who cannot take it; when all refuse, the partner
//    tries again after `retry_after`. The platform's router stays out.
//  - consent: the partner matches its keywords in each customer message,
//    answers the customer itself (confirmation, help), tells the platform the
//    new level (`PATCH consent`, after its latency) and refuses sends to a
//    customer who opted out with it (403), whatever the platform believes.
//    The message itself is still forwarded, so it lands in the transcript.
#pragma once

#include <unordered_set>

#include "fakes/providers/fake_platform.h"

namespace msgsim::fakes {

// The partner's refusal of a send to a customer who opted out with it.
inline constexpr int kByocEndUserOptedOut = 403;

class FakeByoc final : public FakePlatform {
 public:
  FakeByoc(runtime::Runtime& runtime, stack::Stack& stack, GroundTruth& truth, Device& device,
           stack::ChannelId channel, FakeProviderSettings settings);

  void routing_requested(stack::ChannelId channel, stack::CustomerHandle customer, stack::WorkId work) override;
  const PartnerCounts* partner_counts() const override {
    return partner().owns_routing || partner().owns_consent ? &counts_ : nullptr;
  }

 private:
  void on_customer_message(stack::CustomerHandle from, std::string_view text) override;
  stack::SendOutcome send_admitted(const stack::OutboundRequest& request) override;

  void route(stack::CustomerHandle customer, stack::WorkId work);
  // One pass over the roster; schedules the next pass when every agent refused.
  void offer_to_roster(stack::WorkId work);
  void offer_from(stack::WorkId work, std::size_t tried);
  void tell_consent(stack::CustomerHandle customer, stack::ConsentLevel level);

  const PartnerSettings& partner() const { return settings().partner; }

  std::size_t next_agent_ = 0;  // roster index the next pass starts at
  std::unordered_set<std::uint64_t> opted_out_;  // handles, by the partner's own record
  PartnerCounts counts_;
};

const PlatformProfile& byoc_profile();

}  // namespace msgsim::fakes
