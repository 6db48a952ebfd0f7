// The stack's client of one channel's provider API in wire mode: a
// ProviderApi (what the OutboundSender calls) that encodes each send in the
// provider's format, posts it over a WireTransport and reads the answer.
// Accepted messages are recorded with the endpoint so their statuses find
// them. An answer that comes inside the post (in process) is the send's
// outcome; one that comes later (live mode's loopback HTTP) makes the send
// pending and reaches the stack through Stack::receive_send_outcome.
// Single-threaded.
#pragma once

#include <optional>

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
  // `stack` receives the answers that come after send() has returned.
  WireProviderClient(Stack& stack, WireEndpoint& endpoint, WireTransport& provider_api, ProviderApi* notices);

  SendOutcome send(const OutboundRequest& request) override;
  void agent_joined(ChannelId channel, CustomerHandle customer) override;

  std::uint64_t unreadable_answers() const { return unreadable_answers_; }

 private:
  void on_answer(OutboundId id, const HttpResponse& response);
  SendOutcome read_answer(OutboundId id, const HttpResponse& response);

  Stack& stack_;
  WireEndpoint& endpoint_;
  WireTransport& provider_api_;
  ProviderApi* notices_;
  // While send() posts: where an answer that comes at once goes.
  std::optional<SendOutcome>* answered_at_once_ = nullptr;
  std::uint64_t unreadable_answers_ = 0;
};

// A retry key for outbound message `id` of `channel` in UUID form (LINE's
// X-Line-Retry-Key): the same message always gets the same key.
std::string retry_key_for(ChannelId channel, OutboundId id);

}  // namespace msgsim::stack
