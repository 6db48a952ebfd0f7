#include "sim/stack/channels/byoc_adapter.h"

#include <string>

namespace msgsim::stack {

using runtime::Status;
using runtime::StatusCode;

ByocAdapter::ByocAdapter(ChannelType type, ByocCapabilities capabilities)
    : type_(type), capabilities_(capabilities) {
  MSGSIM_CHECK(type == ChannelType::kByoc || type == ChannelType::kByocCcaas);
}

Status ByocAdapter::check_inbound(const InboundWebhook& webhook) const {
  return check_inbound_kind(type(), webhook);
}

Status ByocAdapter::check_outbound(const OutboundContext& context) const {
  Status fits = check_options_fit_channel(type(), context.options);
  if (!fits.is_ok()) return fits;
  if (!capabilities_.business_initiated && !context.session_open) {
    return Status(StatusCode::kRefused, std::string(channel_type_name(type())) +
                                            ": the partner registered no business-initiated messages, so only "
                                            "inside an open session");
  }
  return check_text_length(type(), context.text, capabilities_.text_characters_max);
}

}  // namespace msgsim::stack
