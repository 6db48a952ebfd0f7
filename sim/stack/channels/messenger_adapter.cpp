#include "sim/stack/channels/messenger_adapter.h"

namespace msgsim::stack {

using runtime::Status;
using runtime::StatusCode;

namespace {
// The update tags allowed outside the standard window without a time limit.
bool is_update_tag(MessageTag tag) {
  return tag == MessageTag::kConfirmedEventUpdate || tag == MessageTag::kPostPurchaseUpdate ||
         tag == MessageTag::kAccountUpdate;
}

// The rules for a message sent after the standard window closed.
Status check_outside_standard_window(const OutboundContext& context) {
  const MessageTag tag = context.options.tag;
  if (is_update_tag(tag)) return Status::ok();
  if (tag != MessageTag::kHumanAgent) {
    return Status(StatusCode::kRefused,
                  "messenger: outside the 24-hour standard messaging window only a tagged message may be sent");
  }
  if (!context.human_agent) {
    return Status(StatusCode::kRefused, "messenger: the HUMAN_AGENT tag is for a human agent's reply, not automation");
  }
  if (context.since_last_inbound > MessengerAdapter::kHumanAgentWindow) {
    return Status(StatusCode::kRefused,
                  "messenger: the HUMAN_AGENT tag allows replies only up to 7 days after the person's last message");
  }
  return Status::ok();
}
}  // namespace

// The text limit binds what the business sends; a customer's longer message
// is accepted (refusing it would lose it).
Status MessengerAdapter::check_inbound(const InboundWebhook& webhook) const {
  return check_inbound_kind(type(), webhook);
}

Status MessengerAdapter::check_outbound(const OutboundContext& context) const {
  Status fits = check_options_fit_channel(type(), context.options);
  if (!fits.is_ok()) return fits;
  if (!context.customer_wrote_first) {
    return Status(StatusCode::kRefused, "messenger: the person must start the conversation");
  }
  if (context.since_last_inbound >= kStandardWindow) {
    Status outside = check_outside_standard_window(context);
    if (!outside.is_ok()) return outside;
  }
  return check_text_length(type(), context.text, kTextCharactersMax);
}

}  // namespace msgsim::stack
