#include "sim/stack/channels/whatsapp_adapter.h"

namespace msgsim::stack {

using runtime::Status;
using runtime::StatusCode;

// The text limit binds what the business sends; a customer's longer message
// is accepted (refusing it would lose it).
Status WhatsappAdapter::check_inbound(const InboundWebhook& webhook) const {
  return check_inbound_kind(type(), webhook);
}

Status WhatsappAdapter::check_outbound(const OutboundContext& context) const {
  Status fits = check_options_fit_channel(type(), context.options);
  if (!fits.is_ok()) return fits;
  const OutboundOptions& options = context.options;
  const bool named = !options.template_name.empty();
  const bool categorised = options.template_category != TemplateCategory::kNone;
  if (named != categorised) {
    return Status(StatusCode::kInvalidInput, "whatsapp: a template needs both a name and a category");
  }
  if (!named && context.since_last_inbound >= kServiceWindow) {
    return Status(StatusCode::kRefused,
                  "whatsapp: outside the 24-hour customer service window only an approved template may be sent");
  }
  return check_text_length(type(), context.text, kTextCharactersMax);
}

}  // namespace msgsim::stack
