// Messaging for Web (Enhanced Chat): no keywords, windows or templates; the
// business may write only inside an open session (no business-initiated
// messages). Messages longer than kMaxTextLength are refused both ways.
#pragma once

#include "sim/stack/channels/channel_adapter.h"

namespace msgsim::stack {

class WebAdapter final : public ChannelAdapter {
 public:
  static constexpr std::size_t kMaxTextLength = 10'000;

  ChannelType type() const override { return ChannelType::kWeb; }
  runtime::Status check_inbound(const InboundWebhook& webhook) const override;
  runtime::Status check_outbound(const OutboundContext& context) const override;
};

}  // namespace msgsim::stack
