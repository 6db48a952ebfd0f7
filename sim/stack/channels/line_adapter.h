// LINE Messaging API. A message goes either as a reply, with the reply
// token of the user's newest event (single use, valid for
// LineOptions::reply_token_validity), or as a push, allowed at any time to a
// user who follows the account. A user who unfollowed (blocked) the account
// gets nothing until they follow again. Text is limited to
// kTextCharactersMax characters. Standby mode and push quotas are not modelled.
#pragma once

#include "sim/stack/channels/channel_adapter.h"

namespace msgsim::stack {

struct LineOptions {
  // Messaging API reference: use the reply token within one minute of the
  // webhook (later use is not guaranteed; msgsim treats it as expired).
  runtime::Duration reply_token_validity = runtime::Duration::seconds(60);
};

class LineAdapter final : public ChannelAdapter {
 public:
  // Messaging API text message object: up to 5,000 characters.
  static constexpr std::size_t kTextCharactersMax = 5000;

  explicit LineAdapter(LineOptions options = {}) : options_(options) {}

  ChannelType type() const override { return ChannelType::kLine; }
  // Accepts messages and follow / unfollow events.
  runtime::Status check_inbound(const InboundWebhook& webhook) const override;
  runtime::Status check_outbound(const OutboundContext& context) const override;
  // True iff the user has not blocked the account and the newest reply token
  // is unused and still valid: then the message goes as a reply.
  bool uses_reply_token(const OutboundContext& context) const override;

 private:
  LineOptions options_;
};

}  // namespace msgsim::stack
