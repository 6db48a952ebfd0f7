// The stack's client of one channel's provider API in wire mode: a
// ProviderApi (what the OutboundSender calls) that encodes each send in the
// provider's format, exchanges it over a WireTransport and reads the answer.
// Accepted messages are recorded with the endpoint so their statuses find
// them. Single-threaded.
#pragma once

#include "sim/stack/channels/provider_api.h"
#include "sim/stack/wire/wire_endpoint.h"
#include "sim/stack/wire/wire_transport.h"

namespace msgsim::stack {

// The error code a send gets when the provider's answer does not parse or
// the customer's address is unknown (no provider code applies).
constexpr int kWireClientError = 599;

class WireProviderClient final : public ProviderApi {
 public:
  // `notices` receives agent_joined, which no provider API carries (the chat
  // client learns it from the conversation); may be null.
  WireProviderClient(WireEndpoint& endpoint, WireTransport& provider_api, ProviderApi* notices);

  SendOutcome send(const OutboundRequest& request) override;
  void agent_joined(ChannelId channel, CustomerHandle customer) override;

  std::uint64_t unreadable_answers() const { return unreadable_answers_; }

 private:
  WireEndpoint& endpoint_;
  WireTransport& provider_api_;
  ProviderApi* notices_;
  std::uint64_t unreadable_answers_ = 0;
};

// A retry key for outbound message `id` of `channel` in UUID form (LINE's
// X-Line-Retry-Key): the same message always gets the same key.
std::string retry_key_for(ChannelId channel, OutboundId id);

}  // namespace msgsim::stack
