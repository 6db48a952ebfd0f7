// The wire face of a BYOC for CCaaS partner that owns routing or consent,
// beside the channel's message gateway (WireGateway): the partner's fake
// keeps working on typed values, and this puts its partner calls and the
// platform's routing events in their real HTTP shape (partner_codec.h).
//   - Partner calls (WebhookTarget): route, agentWork, messagingSession End /
//     Inactivate and PATCH consent are encoded and signed, posted to the
//     platform's Interaction Service API, and its answer read back into what
//     the typed call answers: the routing request, or the refusal with the
//     platform's reason (at once in process, when it comes in live mode). With the `bad_signature` fault a share of calls
//     first go out with a corrupted signature; the platform must refuse them
//     (401) and the partner calls again, correctly signed.
//   - Webhooks and receipts (WebhookTarget): handed to the message gateway.
//   - The partner's /outbound endpoint for routing events (WireTransport):
//     a RoutingRequested event is verified and decoded and handed to the
//     fake (ProviderApi::routing_requested) for the end user it names.
// Single-threaded.
#pragma once

#include <cstdint>

#include "fakes/providers/provider_fake.h"
#include "fakes/providers/webhook_target.h"
#include "fakes/wire/wire_directory.h"
#include "sim/runtime/random.h"
#include "sim/stack/wire/partner_wire_events.h"
#include "sim/stack/wire/wire_transport.h"

namespace msgsim::fakes {

struct PartnerGatewayCounts {
  std::uint64_t calls = 0;            // partner calls sent to the platform, forged ones included
  std::uint64_t forged = 0;           // sent with a corrupted signature
  std::uint64_t forged_accepted = 0;  // forged ones the platform took: must stay 0
  // Correctly signed calls the platform refused as unreadable (400, 401,
  // 413), not by a rule: a disagreement between the two halves, must stay 0.
  std::uint64_t refused_calls = 0;
  std::uint64_t events = 0;          // routing events received from the platform
  std::uint64_t refused_events = 0;  // of which unreadable or about nobody the partner knows
};

class PartnerGateway final : public WebhookTarget, public stack::WireTransport {
 public:
  // `messages` carries the channel's webhooks and receipts, `platform` the
  // calls to the platform's API; `partner` receives the routing events.
  // All must outlive the gateway.
  PartnerGateway(stack::ChannelId channel, stack::WireCredentials credentials, const WireDirectory& directory,
                 ProviderFake& partner, WebhookTarget& messages, stack::WireTransport& platform,
                 double bad_signature, runtime::RandomStream stream);

  runtime::Status deliver(const stack::InboundWebhook& webhook) override { return messages_.deliver(webhook); }
  void deliver_receipt(const stack::DeliveryReceipt& receipt) override { messages_.deliver_receipt(receipt); }

  void partner_route(stack::ChannelId channel, stack::CustomerHandle customer, RouteAnswer answer) override;
  void partner_assign(stack::ChannelId channel, stack::WorkId work, stack::AgentId agent,
                      CallAnswer answer) override;
  void partner_end_session(stack::ChannelId channel, stack::CustomerHandle customer, CallAnswer answer) override;
  void partner_inactivate_session(stack::ChannelId channel, stack::CustomerHandle customer,
                                  CallAnswer answer) override;
  void partner_set_consent(stack::ChannelId channel, stack::CustomerHandle customer, stack::ConsentLevel level,
                           CallAnswer answer) override;

  // The partner's /outbound endpoint: routing events from the platform.
  stack::HttpResponse exchange(const stack::HttpRequest& request) override;

  const PartnerGatewayCounts& counts() const { return counts_; }

 private:
  // A call about `customer` (route, messagingSession, consent).
  stack::PartnerCall about(stack::PartnerCallKind kind, stack::CustomerHandle customer) const;
  // Sends `call` (first forged, when the fault says so); `answer` gets the
  // platform's answer to the correctly signed one.
  void post(const stack::PartnerCall& call, std::function<void(const stack::HttpResponse&)> answer);
  // post() for a call whose answer is only ok or a refusal.
  void post_for_status(const stack::PartnerCall& call, CallAnswer answer);

  stack::ChannelId channel_;
  stack::WireCredentials credentials_;
  const WireDirectory& directory_;
  ProviderFake& partner_;
  WebhookTarget& messages_;
  stack::WireTransport& platform_;
  double bad_signature_;
  runtime::RandomStream stream_;
  PartnerGatewayCounts counts_;
};

}  // namespace msgsim::fakes
