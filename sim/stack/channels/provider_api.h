// The provider's send API as the stack sees it. The stack calls it to submit
// outbound messages; the provider answers synchronously (accepted or an error
// code) and reports delivery later through the stack's receipt webhook. Fake
// providers implement it; a live deployment would put an HTTP client here.
#pragma once

#include "sim/stack/channels/payloads.h"
#include "sim/stack/ids.h"

namespace msgsim::stack {

class ProviderApi {
 public:
  virtual ~ProviderApi() = default;
  virtual SendOutcome send(const OutboundRequest& request) = 0;
  // An agent joined the customer's conversation (the chat client shows it).
  // Channels without such an event ignore it.
  virtual void agent_joined(ChannelId channel, CustomerHandle customer) = 0;
  // Partner-owned routing (BYOC for CCaaS): the customer's conversation needs
  // an agent. Without `work` the partner is to create the routing request
  // (its `route` call); with it, the request exists and waits for the
  // partner's `agentWork` (new, declined, timed out or its agent left).
  // Only partner-routed channels receive it, so other providers ignore it.
  virtual void routing_requested(ChannelId /*channel*/, CustomerHandle /*customer*/, WorkId /*work*/) {}
};

}  // namespace msgsim::stack
