#include "sim/stack/channels/apple_adapter.h"

namespace msgsim::stack {

using runtime::Status;
using runtime::StatusCode;

Status AppleAdapter::check_inbound(const InboundWebhook& webhook) const {
  return check_inbound_kind(type(), webhook);
}

Status AppleAdapter::check_outbound(const OutboundContext& context) const {
  Status fits = check_options_fit_channel(type(), context.options);
  if (!fits.is_ok()) return fits;
  if (!context.customer_wrote_first) {
    return Status(StatusCode::kRefused, "apple: the business cannot start a conversation; the customer writes first");
  }
  if (context.conversation_deleted) {
    return Status(StatusCode::kRefused,
                  "apple: the customer deleted the conversation; no message until the customer writes again");
  }
  const InteractiveType interactive = context.options.interactive;
  if (interactive != InteractiveType::kText && (context.device_capabilities & capability_bit(interactive)) == 0) {
    return Status(StatusCode::kRefused,
                  "apple: the device's capability list lacks this interactive message type");
  }
  return Status::ok();
}

}  // namespace msgsim::stack
