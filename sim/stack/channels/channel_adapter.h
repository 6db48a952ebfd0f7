// A channel adapter owns one channel type's rules at the provider boundary:
// which inbound webhooks it accepts and which outbound messages the channel
// allows (windows, templates, business-initiated messages). One adapter
// instance serves every channel of its type. Stateless apart from settings.
#pragma once

#include <memory>

#include "sim/runtime/status.h"
#include "sim/stack/channels/channel_settings.h"
#include "sim/stack/channels/payloads.h"

namespace msgsim::stack {

// What the outbound rules need to know about the conversation.
struct OutboundContext {
  bool session_open = false;       // the user has a session that is not Ended/Error
  bool customer_wrote_first = false;
  runtime::Duration since_last_inbound = runtime::Duration::max();
};

class ChannelAdapter {
 public:
  virtual ~ChannelAdapter() = default;
  virtual ChannelType type() const = 0;
  // Validates a decoded webhook (shape and content rules of the channel).
  virtual runtime::Status check_inbound(const InboundWebhook& webhook) const = 0;
  // Ok iff the channel's rules allow sending now; otherwise kRefused with the
  // reason, which goes back to the sender.
  virtual runtime::Status check_outbound(const OutboundContext& context) const = 0;
};

// The adapter for `type`, or null when this build has none for it.
std::unique_ptr<ChannelAdapter> make_channel_adapter(ChannelType type);

}  // namespace msgsim::stack
