// WhatsApp (Cloud API). The customer-service window is open for
// kServiceWindow after the customer's LAST inbound message (business
// messages, templates included, never extend it). Inside it any message is
// allowed; outside it only an approved template: a message carrying a
// template name and a category (marketing, utility, authentication). Text is
// limited to kTextCharactersMax characters. Consent (templates go only to
// opted-in users) is checked elsewhere.
#pragma once

#include "sim/stack/channels/channel_adapter.h"

namespace msgsim::stack {

class WhatsappAdapter final : public ChannelAdapter {
 public:
  // Cloud API: free-form messages only within 24 h of the customer's last
  // message; outside, error 131047 (re-engagement message). The exact
  // boundary is undocumented: msgsim closes the window at 24 h exactly.
  static constexpr runtime::Duration kServiceWindow = runtime::Duration::hours(24);
  // Cloud API text messages: body up to 4,096 characters.
  static constexpr std::size_t kTextCharactersMax = 4096;

  ChannelType type() const override { return ChannelType::kWhatsapp; }
  runtime::Status check_inbound(const InboundWebhook& webhook) const override;
  runtime::Status check_outbound(const OutboundContext& context) const override;
};

}  // namespace msgsim::stack
