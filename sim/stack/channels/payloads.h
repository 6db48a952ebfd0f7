// What crosses the provider boundary in typed mode: an inbound webhook as the
// provider delivers it, an outbound send request to the provider's API, and a
// delivery receipt. Wire (JSON/form) mode encodes the same content in each
// provider's real format.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "sim/runtime/time.h"
#include "sim/stack/ids.h"

namespace msgsim::stack {

// A customer message delivered by a provider webhook, or (end_conversation)
// the customer closing the conversation, as a web chat's "end chat" does.
struct InboundWebhook {
  ChannelId channel;
  CustomerHandle from;
  ProviderMessageId id;
  std::string text;
  runtime::Time sent_at;  // the provider's timestamp
  bool end_conversation = false;
};

// A message the stack submits to a provider's send API.
struct OutboundRequest {
  ChannelId channel;
  CustomerHandle to;
  OutboundId id;
  std::string_view text;
};

// Delivery states in the order they advance; kFailed is terminal.
enum class DeliveryState : std::uint8_t { kQueued, kSent, kDelivered, kRead, kFailed };

struct DeliveryReceipt {
  ChannelId channel;
  OutboundId id;
  DeliveryState state = DeliveryState::kSent;
};

// The provider's answer to a send request.
struct SendOutcome {
  bool accepted = false;
  int error_code = 0;  // the provider's own code when refused
};

}  // namespace msgsim::stack
