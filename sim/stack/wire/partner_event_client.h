// The stack's provider API for a byoc_ccaas channel whose partner owns
// routing, in wire mode: business messages go to the channel's message
// client (WireProviderClient) unchanged, and a routing request
// (ProviderApi::routing_requested) leaves as the partner's signed
// RoutingRequested event (partner_wire_codec.h) over the partner's
// transport. The partner's answer is only counted: the platform does not
// retry an event, and the partner polls for work it missed. Single-threaded.
#pragma once

#include <cstdint>

#include "sim/stack/channels/provider_api.h"
#include "sim/stack/wire/wire_endpoint.h"
#include "sim/stack/wire/wire_transport.h"

namespace msgsim::stack {

struct PartnerEventCounts {
  std::uint64_t events = 0;   // routing-request events sent to the partner
  std::uint64_t refused = 0;  // of which the partner did not answer 2xx
  std::uint64_t no_address = 0;  // not sent: a customer the channel has no address for
};

class PartnerEventClient final : public ProviderApi {
 public:
  // `messages` carries sends and agent_joined; `endpoint` is the channel's
  // webhook endpoint (credentials and the customers' addresses); `partner`
  // carries the events. All must outlive the client.
  PartnerEventClient(ProviderApi& messages, const WireEndpoint& endpoint, WireTransport& partner);

  SendOutcome send(const OutboundRequest& request) override { return messages_.send(request); }
  void agent_joined(ChannelId channel, CustomerHandle customer) override { messages_.agent_joined(channel, customer); }
  void routing_requested(ChannelId channel, CustomerHandle customer, WorkId work) override;

  const PartnerEventCounts& counts() const { return counts_; }

 private:
  ProviderApi& messages_;
  const WireEndpoint& endpoint_;
  WireTransport& partner_;
  PartnerEventCounts counts_;
};

}  // namespace msgsim::stack
