// The wire-mode provider boundaries of one world. For each channel whose
// provider runs with `wire: "json"` it puts the platform's real format
// between the fake and the stack, both ways: the fake's webhooks are encoded
// and signed by a WireGateway and received by the stack's WireEndpoint
// (signature checked, decoded, interned); the stack's sends go out through
// a WireProviderClient as the provider's API calls and are decoded by the
// gateway for the fake. A byoc_ccaas channel whose partner owns routing or
// consent also gets the partner calls on the wire: a PartnerGateway in front
// of the fake encodes its route / agentWork / messagingSession / consent
// calls for the stack's PartnerEndpoint, and the stack's routing requests
// leave through a PartnerEventClient as events the gateway decodes for the
// fake. Typed channels are untouched. The exchanges are direct calls here;
// live mode carries webhooks and sends over loopback HTTP, and has no
// transport for the partner calls (msgsim serve refuses such channels).
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fakes/ground_truth.h"
#include "fakes/providers/provider_fake.h"
#include "fakes/wire/partner_gateway.h"
#include "fakes/wire/provider_wire_codec.h"
#include "fakes/wire/wire_directory.h"
#include "fakes/wire/wire_gateway.h"
#include "sim/harness/wire_counts.h"
#include "sim/harness/wire_credentials.h"
#include "sim/runtime/runtime.h"
#include "sim/stack/stack.h"
#include "sim/stack/wire/partner_endpoint.h"
#include "sim/stack/wire/partner_event_client.h"
#include "sim/stack/wire/stack_wire_codec.h"
#include "sim/stack/wire/wire_endpoint.h"
#include "sim/stack/wire/wire_provider_client.h"

namespace msgsim::harness {

// How webhooks reach the stack and the stack's calls reach the providers'
// send APIs. In process (the default) a gateway's request is handed to the
// channel's endpoint directly, and a send call to the gateway; live mode
// supplies transports that carry them over loopback HTTP, to the server's
// webhook route (which calls the same endpoint) and to a provider API
// server (which calls the same gateway).
struct WireOptions {
  // Where the stack's webhooks are served; the URL Twilio signs.
  std::string base_url = std::string(kInProcessBaseUrl);
  // Makes the transport that carries `channel`'s webhooks to `endpoint`;
  // empty = in process.
  std::function<std::unique_ptr<stack::WireTransport>(stack::ChannelId channel, stack::WireEndpoint& endpoint)>
      webhook_transport;
  // Makes the transport that carries the stack's calls to `channel`'s
  // provider API (`send_api`, the fake's side, alive as long as the
  // transport); `channel_name` is the scenario's channel id. Empty = in process.
  std::function<std::unique_ptr<stack::WireTransport>(stack::ChannelId channel, std::string_view channel_name,
                                                      stack::WireTransport& send_api)>
      send_transport;
  // Makes the transport that carries the calls of `channel`'s partner (a
  // byoc_ccaas partner that owns routing or consent: route, agentWork, ...)
  // to the platform's partner endpoint (`endpoint`, its side in process).
  // Empty = in process.
  std::function<std::unique_ptr<stack::WireTransport>(stack::ChannelId channel, stack::WireTransport& endpoint)>
      partner_call_transport;
  // Makes the transport that carries the platform's routing events for
  // `channel` to its partner's /outbound (`partner_api`, the fake's side,
  // alive as long as the transport). Empty = in process.
  std::function<std::unique_ptr<stack::WireTransport>(stack::ChannelId channel, std::string_view channel_name,
                                                      stack::WireTransport& partner_api)>
      partner_event_transport;
  // Live mode: makes a sender from outside the simulation (a tester's own
  // webhook) a ground-truth person; empty = outsiders stay unjudged numbers.
  fakes::OutsiderAdmission admit_outsider;
};

class WireBoundaries {
 public:
  WireBoundaries(runtime::Runtime& runtime, stack::Stack& stack, const fakes::GroundTruth& truth,
                 WireOptions options = {});

  // Puts channel `id` on the wire: the stack sends through the provider's API
  // format and `fake` delivers its webhooks in the platform's format.
  // Connects the channel's provider in the stack (instead of the fake).
  void add(stack::ChannelId id, std::string_view channel_name, stack::ChannelType type, std::string_view address,
           fakes::ProviderFake& fake, double bad_signature);

  bool empty() const { return boundaries_.empty(); }
  WireCounts counts() const;

  // The stack's endpoint of channel `id`, or null when it is typed.
  stack::WireEndpoint* endpoint(stack::ChannelId id) const;
  // The platform's partner endpoint of channel `id`, or null when its
  // partner owns neither routing nor consent (or it is typed).
  stack::PartnerEndpoint* partner_endpoint(stack::ChannelId id) const;
  // The provider's gateway of channel `id`, or null when it is typed.
  fakes::WireGateway* gateway(stack::ChannelId id) const;
  // The partner's gateway of channel `id`, or null when its partner makes no
  // calls (typed, or no partner-owned routing or consent).
  fakes::PartnerGateway* partner_gateway(stack::ChannelId id) const;
  // The stack's id of the business message the gateway of `channel`
  // numbered `number`: the one the stack recorded under the platform's
  // message id (nullopt if it never did, or `channel` is typed).
  std::optional<stack::OutboundId> stack_outbound(stack::ChannelId channel, std::uint64_t number) const;
  // The numbering both sides share (live mode admits outside senders and
  // messages into it).
  fakes::WireDirectory& directory() { return directory_; }

 private:
  // Hands a webhook request to the channel's endpoint in process.
  class EndpointCall final : public stack::WireTransport {
   public:
    explicit EndpointCall(stack::WireEndpoint& endpoint) : endpoint_(endpoint) {}
    stack::HttpResponse exchange(const stack::HttpRequest& request) override { return endpoint_.handle(request); }

   private:
    stack::WireEndpoint& endpoint_;
  };
  // Hands a partner call to the channel's partner endpoint in process.
  class PartnerEndpointCall final : public stack::WireTransport {
   public:
    explicit PartnerEndpointCall(stack::PartnerEndpoint& endpoint) : endpoint_(endpoint) {}
    stack::HttpResponse exchange(const stack::HttpRequest& request) override { return endpoint_.handle(request); }

   private:
    stack::PartnerEndpoint& endpoint_;
  };
  // The partner half of a partner-owned byoc_ccaas boundary.
  struct PartnerBoundary {
    std::unique_ptr<stack::PartnerEndpoint> endpoint;
    std::unique_ptr<stack::WireTransport> calls;           // to the endpoint in process
    std::unique_ptr<stack::WireTransport> carried_calls;   // live mode's, or null
    std::unique_ptr<fakes::PartnerGateway> gateway;
    std::unique_ptr<stack::WireTransport> carried_events;  // live mode's, or null
    std::unique_ptr<stack::PartnerEventClient> events;
  };
  struct Boundary {
    stack::ChannelId channel;
    std::unique_ptr<stack::StackWireCodec> stack_codec;
    std::unique_ptr<fakes::ProviderWireCodec> provider_codec;
    std::unique_ptr<stack::WireEndpoint> endpoint;
    std::unique_ptr<stack::WireTransport> webhooks;
    std::unique_ptr<fakes::WireGateway> gateway;
    std::unique_ptr<stack::WireTransport> sends;  // null = the client calls the gateway directly
    std::unique_ptr<stack::WireProviderClient> client;
    std::unique_ptr<PartnerBoundary> partner;  // null unless the partner owns routing or consent
  };

  // Puts the partner's calls and events of `boundary`'s channel on the wire.
  void add_partner(Boundary& boundary, std::string_view channel_name, const stack::WireCredentials& credentials,
                   fakes::ProviderFake& fake, double bad_signature);

  runtime::Runtime& runtime_;
  stack::Stack& stack_;
  fakes::WireDirectory directory_;
  WireOptions options_;
  std::vector<Boundary> boundaries_;
  std::vector<std::uint32_t> boundary_of_channel_;  // index into boundaries_ by channel
  static constexpr std::uint32_t kNoBoundary = 0xFFFF'FFFFu;  // a typed channel
};

}  // namespace msgsim::harness
