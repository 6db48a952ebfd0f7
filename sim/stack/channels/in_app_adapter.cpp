#include "sim/stack/channels/in_app_adapter.h"

namespace msgsim::stack {

using runtime::Status;

Status InAppAdapter::check_inbound(const InboundWebhook& webhook) const {
  return check_inbound_kind(type(), webhook);
}

Status InAppAdapter::check_outbound(const OutboundContext& context) const {
  Status fits = check_options_fit_channel(type(), context.options);
  if (!fits.is_ok()) return fits;
  return check_text_length(type(), context.text, kTextCharactersMax);
}

}  // namespace msgsim::stack
