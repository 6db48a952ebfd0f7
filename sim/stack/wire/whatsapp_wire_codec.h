// The stack's half of the WhatsApp Cloud API wire format.
//
// Webhook (POST, JSON, X-Hub-Signature-256 over the raw bytes):
//   {"object":"whatsapp_business_account","entry":[{"id":WABA,"changes":[
//     {"field":"messages","value":{"messaging_product":"whatsapp",
//      "metadata":{"display_phone_number":..,"phone_number_id":..},
//      "contacts":[{"profile":{"name":..},"wa_id":..}],
//      "messages":[{"from":wa_id,"id":"wamid.…","timestamp":"<Unix s>",
//                   "type":"text","text":{"body":..}}],
//      "statuses":[{"id":"wamid.…","status":"sent|delivered|read|failed",
//                   "timestamp":"<Unix s>","recipient_id":wa_id,
//                   "errors":[{"code":131047,..}]}]}}]}]}
// Every message and status is validated before any is returned. Changes of
// other fields (template status updates, account updates, ...) and
// messages of the other documented types (image, reaction, sticker, ...)
// are ignored; an undocumented message type or status is refused.
// metadata.phone_number_id must be this channel's (credentials.
// business_address). The decoded WireInbound.sent_at keeps whole seconds.
//
// Send API: POST /v19.0/{phone_number_id}/messages, Authorization: Bearer
// {credentials.secret}, JSON
//   {"messaging_product":"whatsapp","recipient_type":"individual","to":..,
//    "type":"text","text":{"preview_url":false,"body":..}}
// or, for a template (OutboundOptions.template_name set),
//   {..,"type":"template","template":{"name":..,"language":{"code":"en_US"},
//    "components":[{"type":"body","parameters":[{"type":"text","text":..}]}]},
//    "biz_opaque_callback_data":"category=UTILITY"}
// The message text travels as the template's body parameter. A template's
// category is a property of the template registered with Meta, not of the
// send call; the send call's free-form tracking field
// biz_opaque_callback_data carries it, so the fake (which has no template
// registry) can apply its rules. Answers: {"messaging_product":"whatsapp",
// "contacts":[..],"messages":[{"id":"wamid.…"}]}, or a Graph API error
// {"error":{"message","type","code":131047,..}}.
//
// Stateless; any thread may use it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "sim/stack/wire/stack_wire_codec.h"

namespace msgsim::stack {

class WhatsappWireCodec final : public StackWireCodec {
 public:
  ChannelType type() const override { return ChannelType::kWhatsapp; }
  runtime::Result<DecodedWebhook> decode_webhook(const HttpRequest& request,
                                                 const WireCredentials& credentials) const override;
  std::optional<runtime::Result<HttpResponse>> answer_verification(const HttpRequest& request,
                                                                   const WireCredentials& credentials) const override;
  HttpRequest encode_send(const WireSend& send, const WireCredentials& credentials) const override;
  runtime::Result<WireSendAnswer> decode_send_response(const HttpResponse& response) const override;
};

// Every WhatsApp message id starts with this.
constexpr std::string_view kWamidPrefix = "wamid.";
// The template language the stack sends (OutboundOptions has none).
constexpr std::string_view kWhatsappTemplateLanguage = "en_US";
// biz_opaque_callback_data of a template send: this prefix, then the
// category's name.
constexpr std::string_view kWhatsappCategoryCallbackPrefix = "category=";

// MARKETING, UTILITY, AUTHENTICATION (REQUIRES: not kNone), and back
// (nullopt for any other name).
const char* whatsapp_category_name(TemplateCategory category);
std::optional<TemplateCategory> whatsapp_category_from_name(std::string_view name);

}  // namespace msgsim::stack
