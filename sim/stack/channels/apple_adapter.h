// Apple Messages for Business. Customer-initiated only: the business may
// write only after the customer wrote first, and never after the customer
// deleted the conversation until the customer writes again. An interactive
// message (list picker, time picker, quick reply, form, authentication) is
// sent only to a device whose capability list (from its newest message)
// names that type. Apple documents no text limit, so none is applied.
#pragma once

#include "sim/stack/channels/channel_adapter.h"

namespace msgsim::stack {

class AppleAdapter final : public ChannelAdapter {
 public:
  ChannelType type() const override { return ChannelType::kApple; }
  // Accepts messages and "conversation deleted" events.
  runtime::Status check_inbound(const InboundWebhook& webhook) const override;
  runtime::Status check_outbound(const OutboundContext& context) const override;
};

}  // namespace msgsim::stack
