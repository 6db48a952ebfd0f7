#include "sim/stack/channels/sms_adapter.h"

#include <string>

namespace msgsim::stack {

using runtime::Status;
using runtime::StatusCode;

// The body limit binds what the business sends; a customer's longer message
// is accepted (refusing it would lose it), but it must be UTF-8.
Status SmsAdapter::check_inbound(const InboundWebhook& webhook) const {
  Status kind = check_inbound_kind(type(), webhook);
  if (!kind.is_ok()) return kind;
  runtime::Result<std::size_t> characters = sms_body_characters(webhook.text);
  if (!characters.is_ok()) return Status(StatusCode::kInvalidInput, "sms: " + characters.status().message());
  return Status::ok();
}

Status SmsAdapter::check_outbound(const OutboundContext& context) const {
  Status fits = check_options_fit_channel(type(), context.options);
  if (!fits.is_ok()) return fits;
  runtime::Result<std::size_t> characters = sms_body_characters(context.text);
  if (!characters.is_ok()) return Status(StatusCode::kInvalidInput, "sms: " + characters.status().message());
  if (characters.value() > kSmsBodyCharactersMax) {
    return Status(StatusCode::kRefused, "sms: body longer than 1,600 characters (" +
                                            std::to_string(characters.value()) +
                                            "), the concatenated-message limit (Twilio error 21617)");
  }
  return Status::ok();
}

}  // namespace msgsim::stack
