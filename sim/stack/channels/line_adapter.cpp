#include "sim/stack/channels/line_adapter.h"

namespace msgsim::stack {

using runtime::Status;
using runtime::StatusCode;

Status LineAdapter::check_inbound(const InboundWebhook& webhook) const {
  return check_inbound_kind(type(), webhook);
}

bool LineAdapter::uses_reply_token(const OutboundContext& context) const {
  return !context.blocked_account && context.reply_token_unused &&
         context.since_reply_token < options_.reply_token_validity;
}

Status LineAdapter::check_outbound(const OutboundContext& context) const {
  Status fits = check_options_fit_channel(type(), context.options);
  if (!fits.is_ok()) return fits;
  if (context.blocked_account) {
    return Status(StatusCode::kRefused, "line: the user unfollowed (blocked) the account; nothing may be sent");
  }
  if (!uses_reply_token(context) && !context.follows_account) {
    return Status(StatusCode::kRefused,
                  "line: no unused reply token from the last minute, and a push needs a user who follows the account");
  }
  return check_text_length(type(), context.text, kTextCharactersMax);
}

}  // namespace msgsim::stack
