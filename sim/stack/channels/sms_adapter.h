// Text (SMS/MMS): the business may write at any time (consent, which the
// consent module enforces, is the only gate on SMS); the body is limited to
// kSmsBodyCharactersMax characters (Twilio error 21617 beyond), counted as
// sms_encoding.h counts them. No templates, tags or windows.
#pragma once

#include "sim/stack/channels/channel_adapter.h"
#include "sim/stack/channels/sms_encoding.h"

namespace msgsim::stack {

class SmsAdapter final : public ChannelAdapter {
 public:
  ChannelType type() const override { return ChannelType::kSms; }
  // Rejects bodies that are not UTF-8.
  runtime::Status check_inbound(const InboundWebhook& webhook) const override;
  // Refuses only bodies over the limit (and malformed ones).
  runtime::Status check_outbound(const OutboundContext& context) const override;
};

}  // namespace msgsim::stack
