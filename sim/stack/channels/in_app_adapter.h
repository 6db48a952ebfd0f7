// Messaging for In-App: as web (no keywords, windows or templates) except
// that business-initiated messages are allowed, in or out of a session.
// Messages longer than kTextCharactersMax characters are refused.
#pragma once

#include "sim/stack/channels/channel_adapter.h"

namespace msgsim::stack {

class InAppAdapter final : public ChannelAdapter {
 public:
  // No documented limit: msgsim applies the web channel's 10,000.
  static constexpr std::size_t kTextCharactersMax = 10'000;

  ChannelType type() const override { return ChannelType::kInApp; }
  runtime::Status check_inbound(const InboundWebhook& webhook) const override;
  runtime::Status check_outbound(const OutboundContext& context) const override;
};

}  // namespace msgsim::stack
