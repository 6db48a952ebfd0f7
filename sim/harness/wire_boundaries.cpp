#include "sim/harness/wire_boundaries.h"

#include "sim/harness/wire_credentials.h"
#include "sim/runtime/check.h"

namespace msgsim::harness {

WireBoundaries::WireBoundaries(runtime::Runtime& runtime, stack::Stack& stack, const fakes::GroundTruth& truth,
                               WireOptions options)
    : runtime_(runtime), stack_(stack), directory_(truth), options_(std::move(options)) {
  directory_.set_outsider_admission(options_.admit_outsider);
}

void WireBoundaries::add(stack::ChannelId id, std::string_view channel_name, stack::ChannelType type,
                         std::string_view address, fakes::ProviderFake& fake, double bad_signature) {
  Boundary boundary;
  boundary.channel = id;
  boundary.stack_codec = stack::make_stack_wire_codec(type);
  boundary.provider_codec = fakes::make_provider_wire_codec(type);
  MSGSIM_CHECK_MSG(boundary.stack_codec && boundary.provider_codec, "a channel type without a wire codec");
  const stack::WireCredentials credentials = wire_credentials(runtime_, channel_name, type, address, options_.base_url);
  directory_.add_channel(id, type, *boundary.provider_codec);
  boundary.endpoint =
      std::make_unique<stack::WireEndpoint>(stack_, id, *boundary.stack_codec, credentials, directory_);
  if (options_.webhook_transport) {
    boundary.webhooks = options_.webhook_transport(id, *boundary.endpoint);
  } else {
    boundary.webhooks = std::make_unique<EndpointCall>(*boundary.endpoint);
  }
  boundary.gateway = std::make_unique<fakes::WireGateway>(
      id, *boundary.provider_codec, credentials, directory_, fake, *boundary.webhooks, bad_signature,
      runtime_.stream("wire/signatures/" + std::string(channel_name)));
  if (options_.send_transport) boundary.sends = options_.send_transport(id, channel_name, *boundary.gateway);
  stack::WireTransport& provider_api = boundary.sends ? *boundary.sends : *boundary.gateway;
  boundary.client = std::make_unique<stack::WireProviderClient>(stack_, *boundary.endpoint, provider_api, &fake);
  const stack::ChannelSettings& settings = stack_.channels().settings(id);
  if (settings.partner_routing || settings.consent.partner_owned) {
    add_partner(boundary, channel_name, credentials, fake, bad_signature);
  } else {
    fake.use_webhook_target(*boundary.gateway);
    stack_.channels().connect(id, boundary.client.get());
  }
  if (boundary_of_channel_.size() <= id.value) boundary_of_channel_.resize(id.value + 1, kNoBoundary);
  boundary_of_channel_[id.value] = static_cast<std::uint32_t>(boundaries_.size());
  boundaries_.push_back(std::move(boundary));
}

std::optional<stack::OutboundId> WireBoundaries::stack_outbound(stack::ChannelId channel, std::uint64_t number) const {
  const std::uint32_t index =
      channel.value < boundary_of_channel_.size() ? boundary_of_channel_[channel.value] : kNoBoundary;
  if (index == kNoBoundary) return std::nullopt;
  const Boundary& boundary = boundaries_[index];
  return boundary.endpoint->sent_as(boundary.gateway->outbound_message_id(number));
}

void WireBoundaries::add_partner(Boundary& boundary, std::string_view channel_name,
                                 const stack::WireCredentials& credentials, fakes::ProviderFake& fake,
                                 double bad_signature) {
  auto partner = std::make_unique<PartnerBoundary>();
  partner->endpoint = std::make_unique<stack::PartnerEndpoint>(stack_, boundary.channel, credentials, directory_);
  partner->calls = std::make_unique<PartnerEndpointCall>(*partner->endpoint);
  if (options_.partner_call_transport) {
    partner->carried_calls = options_.partner_call_transport(boundary.channel, *partner->calls);
  }
  stack::WireTransport& calls = partner->carried_calls ? *partner->carried_calls : *partner->calls;
  partner->gateway = std::make_unique<fakes::PartnerGateway>(
      boundary.channel, credentials, directory_, fake, *boundary.gateway, calls, bad_signature,
      runtime_.stream("wire/partner-signatures/" + std::string(channel_name)));
  if (options_.partner_event_transport) {
    partner->carried_events = options_.partner_event_transport(boundary.channel, channel_name, *partner->gateway);
  }
  stack::WireTransport& events = partner->carried_events ? *partner->carried_events : *partner->gateway;
  partner->events = std::make_unique<stack::PartnerEventClient>(*boundary.client, *boundary.endpoint, events);
  fake.use_webhook_target(*partner->gateway);
  stack_.channels().connect(boundary.channel, partner->events.get());
  boundary.partner = std::move(partner);
}

stack::WireEndpoint* WireBoundaries::endpoint(stack::ChannelId id) const {
  for (const Boundary& boundary : boundaries_) {
    if (boundary.channel == id) return boundary.endpoint.get();
  }
  return nullptr;
}

fakes::WireGateway* WireBoundaries::gateway(stack::ChannelId id) const {
  for (const Boundary& boundary : boundaries_) {
    if (boundary.channel == id) return boundary.gateway.get();
  }
  return nullptr;
}

stack::PartnerEndpoint* WireBoundaries::partner_endpoint(stack::ChannelId id) const {
  for (const Boundary& boundary : boundaries_) {
    if (boundary.channel == id && boundary.partner) return boundary.partner->endpoint.get();
  }
  return nullptr;
}

fakes::PartnerGateway* WireBoundaries::partner_gateway(stack::ChannelId id) const {
  for (const Boundary& boundary : boundaries_) {
    if (boundary.channel == id && boundary.partner) return boundary.partner->gateway.get();
  }
  return nullptr;
}

WireCounts WireBoundaries::counts() const {
  WireCounts total;
  for (const Boundary& boundary : boundaries_) {
    const stack::WireEndpointCounts& endpoint = boundary.endpoint->counts();
    const fakes::WireGatewayCounts& gateway = boundary.gateway->counts();
    total.webhooks += gateway.webhooks;
    total.refused += endpoint.unauthenticated + endpoint.malformed + endpoint.too_large;
    total.forged += gateway.forged;
    total.forged_accepted += gateway.forged_accepted;
    total.send_calls += gateway.send_calls;
    total.unknown_receipts += endpoint.unknown_receipts;
    if (!boundary.partner) continue;
    const stack::PartnerEndpointCounts& calls = boundary.partner->endpoint->counts();
    const fakes::PartnerGatewayCounts& partner = boundary.partner->gateway->counts();
    total.partner_calls += calls.calls;
    total.partner_calls_refused += calls.unauthenticated + calls.malformed + calls.too_large;
    total.partner_calls_declined += calls.declined;
    total.forged += partner.forged;
    total.forged_accepted += partner.forged_accepted;
    total.partner_events += boundary.partner->events->counts().events;
  }
  return total;
}

}  // namespace msgsim::harness
