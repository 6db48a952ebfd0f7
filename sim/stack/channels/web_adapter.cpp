#include "sim/stack/channels/web_adapter.h"

namespace msgsim::stack {

using runtime::Status;
using runtime::StatusCode;

Status WebAdapter::check_inbound(const InboundWebhook& webhook) const {
  if (webhook.text.size() > kMaxTextLength) {
    return Status(StatusCode::kInvalidInput, "web message longer than 10,000 characters");
  }
  return check_inbound_kind(type(), webhook);
}

Status WebAdapter::check_outbound(const OutboundContext& context) const {
  Status fits = check_options_fit_channel(type(), context.options);
  if (!fits.is_ok()) return fits;
  if (!context.session_open) {
    return Status(StatusCode::kRefused, "web channel: no business-initiated messages outside an open session");
  }
  return check_text_length(type(), context.text, kMaxTextLength);
}

}  // namespace msgsim::stack
