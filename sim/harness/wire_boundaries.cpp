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
  fake.use_webhook_target(*boundary.gateway);
  stack_.channels().connect(id, boundary.client.get());
  boundaries_.push_back(std::move(boundary));
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
  }
  return total;
}

}  // namespace msgsim::harness
