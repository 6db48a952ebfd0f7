// Facebook Messenger. The person starts the conversation: nothing may be
// sent to someone who never wrote. The standard window is kStandardWindow
// after the person's last message; outside it only tagged messages:
// CONFIRMED_EVENT_UPDATE, POST_PURCHASE_UPDATE and ACCOUNT_UPDATE at any
// time, and HUMAN_AGENT for a human agent's reply (never automation) up to
// kHumanAgentWindow after the person's last message; nothing after that.
// Text is limited to kTextCharactersMax characters.
#pragma once

#include "sim/stack/channels/channel_adapter.h"

namespace msgsim::stack {

class MessengerAdapter final : public ChannelAdapter {
 public:
  // Messenger Platform policy: standard messaging window of 24 h after the
  // person's message (error 10 / subcode 2018278 outside it). Closed at 24 h.
  static constexpr runtime::Duration kStandardWindow = runtime::Duration::hours(24);
  // Message tags: HUMAN_AGENT allows a human reply up to 7 days after the
  // person's last message. Open through 7 days exactly.
  static constexpr runtime::Duration kHumanAgentWindow = runtime::Duration::hours(24 * 7);
  // Send API: text up to 2,000 characters.
  static constexpr std::size_t kTextCharactersMax = 2000;

  ChannelType type() const override { return ChannelType::kMessenger; }
  runtime::Status check_inbound(const InboundWebhook& webhook) const override;
  runtime::Status check_outbound(const OutboundContext& context) const override;
};

}  // namespace msgsim::stack
