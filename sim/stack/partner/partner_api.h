// The platform's API for a BYOC for CCaaS partner (platform.md §6): what the
// partner may call when it owns routing or consent on its channel.
//   route             creates the routing request of the customer's open
//                     conversation in the channel's queue (with its skills),
//                     marked partner-routed: the platform's router leaves it
//                     alone whatever the queue's model;
//   assign            (`agentWork`) offers that work to the agent the
//                     partner chose; the platform still enforces capacity,
//                     presence and permissions, and refuses what breaks them;
//   end_session /     (`messagingSession` End / Inactivate) closes the
//   inactivate_session conversation or marks the customer inactive;
//   set_consent       (`PATCH consent`) sets the customer's consent level on
//                     a partner-consent channel.
// The platform tells the partner when work needs it through
// ProviderApi::routing_requested. Every refusal is a Status with the reason:
// kRefused for a rule (not this channel's to decide, agent cannot take it),
// kNotFound for a customer, conversation or work that is not there (any
// more). Owned by the Stack; single-threaded.
#pragma once

#include "sim/runtime/status.h"
#include "sim/stack/consent/consent_settings.h"
#include "sim/stack/ids.h"

namespace msgsim::stack {

class Stack;

class PartnerApi {
 public:
  explicit PartnerApi(Stack& stack) : stack_(stack) {}

  runtime::Result<WorkId> route(ChannelId channel, CustomerHandle customer);
  runtime::Status assign(ChannelId channel, WorkId work, AgentId agent);
  runtime::Status end_session(ChannelId channel, CustomerHandle customer);
  runtime::Status inactivate_session(ChannelId channel, CustomerHandle customer);
  runtime::Status set_consent(ChannelId channel, CustomerHandle customer, ConsentLevel level);

 private:
  runtime::Status check_routing_owner(ChannelId channel) const;
  // The customer's open conversation on a partner-routed channel.
  runtime::Result<SessionId> open_conversation(ChannelId channel, CustomerHandle customer) const;

  Stack& stack_;
};

}  // namespace msgsim::stack
