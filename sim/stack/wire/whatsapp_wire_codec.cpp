#include "sim/stack/wire/whatsapp_wire_codec.h"

#include <array>
#include <limits>

#include "sim/stack/wire/address_syntax.h"
#include "sim/stack/wire/body_writer.h"
#include "sim/stack/wire/codecs.h"
#include "sim/stack/wire/json_cursor.h"
#include "sim/stack/wire/meta_graph_wire.h"
#include "sim/stack/wire/webhook_limits.h"
#include "sim/stack/wire/wire_time.h"

namespace msgsim::stack {

using runtime::Result;
using runtime::Status;
using runtime::StatusCode;

namespace {

constexpr std::string_view kWebhook = "whatsapp webhook";
constexpr std::string_view kSendApi = "whatsapp send API";

// Message types the Cloud API documents besides text: the stack takes only
// text, and skips these rather than refusing the whole webhook.
constexpr std::array<std::string_view, 15> kOtherMessageTypes = {
    "audio",    "button",  "contacts", "document", "image",   "interactive", "location",        "order",
    "reaction", "sticker", "system",   "unknown",  "unsupported", "video",   "request_welcome"};
// Statuses documented besides the four delivery states (deprecated
// "deleted", catalog "warning", voice "played"): skipped likewise.
constexpr std::array<std::string_view, 3> kOtherStatuses = {"deleted", "warning", "played"};

template <std::size_t N>
bool is_one_of(const JsonValue& value, const std::array<std::string_view, N>& names) {
  for (std::string_view name : names) {
    if (value.text_equals(name)) return true;
  }
  return false;
}

Status with_prefix(std::string_view what, const Status& status) {
  return Status(status.code(), std::string(what) + ": " + status.message());
}

// A wa_id: the customer's phone digits without '+'.
Result<std::string> read_wa_id(const JsonCursor& field) {
  Result<std::string> text = field.string(kWireIdBytesMax);
  if (text.is_ok() && !is_wa_id(text.value())) return field.error("expected a WhatsApp id (1 to 15 digits)");
  return text;
}

Result<std::string> read_wamid(const JsonCursor& field) {
  Result<std::string> text = field.string(kWireIdBytesMax);
  if (text.is_ok() && (text.value().size() <= kWamidPrefix.size() || !text.value().starts_with(kWamidPrefix))) {
    return field.error("expected a message id starting with \"wamid.\"");
  }
  return text;
}

// Cloud API timestamps are Unix seconds written as a string.
Result<runtime::Time> read_timestamp(const JsonCursor& field) {
  Result<std::string> text = field.string(kWireIdBytesMax);
  if (!text.is_ok()) return text.status();
  const std::optional<std::int64_t> seconds = parse_unsigned_decimal(text.value());
  if (!seconds) return field.error("expected Unix seconds as a string of digits");
  Result<runtime::Time> time = from_unix_seconds(*seconds);
  if (!time.is_ok()) return field.error(time.status().message());
  return time;
}

Status read_message(const JsonCursor& message, DecodedWebhook& out) {
  Status is_object = message.expect(JsonKind::kObject);
  if (!is_object.is_ok()) return is_object;
  const JsonCursor from = message.member("from");
  const JsonCursor id = message.member("id");
  const JsonCursor timestamp = message.member("timestamp");
  const JsonCursor type = message.member("type");
  Result<std::string> sender = read_wa_id(from);
  if (!sender.is_ok()) return sender.status();
  Result<std::string> message_id = read_wamid(id);
  if (!message_id.is_ok()) return message_id.status();
  Result<runtime::Time> sent_at = read_timestamp(timestamp);
  if (!sent_at.is_ok()) return sent_at.status();
  Status typed = type.expect(JsonKind::kString);
  if (!typed.is_ok()) return typed;
  if (!type.value().text_equals("text")) {
    if (is_one_of(type.value(), kOtherMessageTypes)) return Status::ok();
    return type.error("unknown message type \"" + text_excerpt(type.value().text()) + "\"");
  }
  const JsonCursor text = message.member("text");
  const JsonCursor body = text.member("body");
  Status text_object = text.expect(JsonKind::kObject);
  if (!text_object.is_ok()) return text_object;
  Result<std::string> body_text = body.string(kWireTextBytesMax);
  if (!body_text.is_ok()) return body_text.status();
  WireInbound inbound;
  inbound.kind = InboundKind::kMessage;
  inbound.from_address = sender.take();
  inbound.message_id = message_id.take();
  inbound.text = body_text.take();
  inbound.sent_at = sent_at.value();
  out.inbound.push_back(std::move(inbound));
  return Status::ok();
}

Result<int> read_status_error_code(const JsonCursor& status) {
  const JsonCursor errors = status.member("errors");
  Status is_array = errors.expect(JsonKind::kArray);
  if (!is_array.is_ok()) return is_array;
  if (errors.value().size() == 0) return errors.error("a failed status needs at least one error");
  const JsonCursor first = errors.element(errors.value().first_child(), 0);
  const JsonCursor code = first.member("code");
  Result<std::int64_t> value = code.integer();
  if (!value.is_ok()) return value.status();
  if (value.value() <= 0 || value.value() > std::numeric_limits<int>::max()) return code.error("expected a positive error code");
  return static_cast<int>(value.value());
}

Result<std::optional<DeliveryState>> read_state(const JsonCursor& status) {
  Status is_string = status.expect(JsonKind::kString);
  if (!is_string.is_ok()) return is_string;
  const JsonValue& value = status.value();
  if (value.text_equals("sent")) return std::optional<DeliveryState>(DeliveryState::kSent);
  if (value.text_equals("delivered")) return std::optional<DeliveryState>(DeliveryState::kDelivered);
  if (value.text_equals("read")) return std::optional<DeliveryState>(DeliveryState::kRead);
  if (value.text_equals("failed")) return std::optional<DeliveryState>(DeliveryState::kFailed);
  if (is_one_of(value, kOtherStatuses)) return std::optional<DeliveryState>();
  return status.error("unknown status \"" + text_excerpt(value.text()) + "\"");
}

Status read_status(const JsonCursor& status, DecodedWebhook& out) {
  Status is_object = status.expect(JsonKind::kObject);
  if (!is_object.is_ok()) return is_object;
  const JsonCursor id = status.member("id");
  const JsonCursor state_field = status.member("status");
  const JsonCursor timestamp = status.member("timestamp");
  const JsonCursor recipient = status.member("recipient_id");
  Result<std::string> message_id = read_wamid(id);
  if (!message_id.is_ok()) return message_id.status();
  Result<std::optional<DeliveryState>> state = read_state(state_field);
  if (!state.is_ok()) return state.status();
  Result<runtime::Time> at = read_timestamp(timestamp);
  if (!at.is_ok()) return at.status();
  Result<std::string> recipient_id = read_wa_id(recipient);
  if (!recipient_id.is_ok()) return recipient_id.status();
  if (!state.value()) return Status::ok();
  WireReceipt receipt;
  receipt.message_id = message_id.take();
  receipt.recipient_address = recipient_id.take();
  receipt.state = *state.value();
  if (receipt.state == DeliveryState::kFailed) {
    Result<int> code = read_status_error_code(status);
    if (!code.is_ok()) return code.status();
    receipt.error_code = code.value();
  }
  out.receipts.push_back(std::move(receipt));
  return Status::ok();
}

Status read_value(const JsonCursor& value, const WireCredentials& credentials, DecodedWebhook& out) {
  Status is_object = value.expect(JsonKind::kObject);
  if (!is_object.is_ok()) return is_object;
  const JsonCursor product = value.member("messaging_product");
  const JsonCursor metadata = value.member("metadata");
  const JsonCursor phone_number_id = metadata.member("phone_number_id");
  Status whatsapp = product.expect_text("whatsapp");
  if (!whatsapp.is_ok()) return whatsapp;
  Status metadata_object = metadata.expect(JsonKind::kObject);
  if (!metadata_object.is_ok()) return metadata_object;
  Result<std::string> phone = phone_number_id.string(kWireIdBytesMax);
  if (!phone.is_ok()) return phone.status();
  if (!credentials.business_address.empty() && phone.value() != credentials.business_address) {
    return phone_number_id.error("names phone number " + text_excerpt(phone.value()) + ", not this channel's " +
                                 credentials.business_address);
  }
  const JsonCursor contacts = value.member("contacts");
  if (contacts.present()) {
    Status contacts_array = contacts.expect(JsonKind::kArray);
    if (!contacts_array.is_ok()) return contacts_array;
  }
  const JsonCursor messages = value.member("messages");
  if (messages.present()) {
    Status read = for_each_element(messages, [&out](const JsonCursor& message) { return read_message(message, out); });
    if (!read.is_ok()) return read;
  }
  const JsonCursor statuses = value.member("statuses");
  if (!statuses.present()) return Status::ok();
  return for_each_element(statuses, [&out](const JsonCursor& status) { return read_status(status, out); });
}

Status read_change(const JsonCursor& change, const WireCredentials& credentials, DecodedWebhook& out) {
  Status is_object = change.expect(JsonKind::kObject);
  if (!is_object.is_ok()) return is_object;
  const JsonCursor field = change.member("field");
  Status field_string = field.expect(JsonKind::kString);
  if (!field_string.is_ok()) return field_string;
  // Other subscribed fields (account_update, message_template_status_update,
  // ...) say nothing about conversations.
  if (!field.value().text_equals("messages")) return Status::ok();
  const JsonCursor value = change.member("value");
  return read_value(value, credentials, out);
}

Status read_notification(const JsonCursor& root, const WireCredentials& credentials, DecodedWebhook& out) {
  Status is_object = root.expect(JsonKind::kObject);
  if (!is_object.is_ok()) return is_object;
  const JsonCursor object = root.member("object");
  Status product = object.expect_text("whatsapp_business_account");
  if (!product.is_ok()) return product;
  const JsonCursor entries = root.member("entry");
  return for_each_element(entries, [&](const JsonCursor& entry) {
    Status entry_object = entry.expect(JsonKind::kObject);
    if (!entry_object.is_ok()) return entry_object;
    const JsonCursor id = entry.member("id");
    Result<std::string> account = id.string(kWireIdBytesMax);
    if (!account.is_ok()) return account.status();
    const JsonCursor changes = entry.member("changes");
    return for_each_element(changes,
                            [&](const JsonCursor& change) { return read_change(change, credentials, out); });
  });
}

void write_template(BodyWriter& out, const WireSend& send) {
  out.raw(R"("type":"template","template":{"name":)");
  out.ascii_json_string(send.options.template_name);
  out.raw(R"(,"language":{"code":)");
  out.ascii_json_string(kWhatsappTemplateLanguage);
  out.byte('}');
  if (!send.text.empty()) {
    out.raw(R"(,"components":[{"type":"body","parameters":[{"type":"text","text":)");
    out.ascii_json_string(send.text);
    out.raw("}]}]");
  }
  out.byte('}');
  if (send.options.template_category != TemplateCategory::kNone) {
    out.raw(R"(,"biz_opaque_callback_data":)");
    out.ascii_json_string(std::string(kWhatsappCategoryCallbackPrefix) +
                          whatsapp_category_name(send.options.template_category));
  }
}

}  // namespace

const char* whatsapp_category_name(TemplateCategory category) {
  switch (category) {
    case TemplateCategory::kMarketing: return "MARKETING";
    case TemplateCategory::kUtility: return "UTILITY";
    case TemplateCategory::kAuthentication: return "AUTHENTICATION";
    case TemplateCategory::kNone: break;
  }
  MSGSIM_CHECK_MSG(false, "a template category is required");
  return "";
}

std::optional<TemplateCategory> whatsapp_category_from_name(std::string_view name) {
  for (TemplateCategory category :
       {TemplateCategory::kMarketing, TemplateCategory::kUtility, TemplateCategory::kAuthentication}) {
    if (name == whatsapp_category_name(category)) return category;
  }
  return std::nullopt;
}

Result<DecodedWebhook> WhatsappWireCodec::decode_webhook(const HttpRequest& request,
                                                         const WireCredentials& credentials) const {
  Result<JsonDocument> document = open_meta_webhook(request, credentials, kWebhook);
  if (!document.is_ok()) return document.status();
  DecodedWebhook out;
  const JsonCursor root(document.value().root());
  Status read = read_notification(root, credentials, out);
  if (!read.is_ok()) return with_prefix(kWebhook, read);
  return out;
}

std::optional<Result<HttpResponse>> WhatsappWireCodec::answer_verification(const HttpRequest& request,
                                                                         const WireCredentials& credentials) const {
  return answer_meta_verification(request, credentials);
}

HttpRequest WhatsappWireCodec::encode_send(const WireSend& send, const WireCredentials& credentials) const {
  std::string body;
  BodyWriter out(body, 160 + send.to_address.size() + send.options.template_name.size() + send.text.size());
  out.raw(R"({"messaging_product":"whatsapp","recipient_type":"individual","to":)");
  out.ascii_json_string(send.to_address);
  out.byte(',');
  if (!send.options.template_name.empty()) {
    write_template(out, send);
  } else {
    out.raw(R"("type":"text","text":{"preview_url":false,"body":)");
    out.ascii_json_string(send.text);
    out.byte('}');
  }
  out.byte('}');
  out.finish();
  return graph_api_post(graph_messages_path(credentials.business_address), std::move(body), credentials);
}

Result<WireSendAnswer> WhatsappWireCodec::decode_send_response(const HttpResponse& response) const {
  if (response.status < 200 || response.status > 299) return graph_error_answer(response, kSendApi);
  Result<JsonDocument> document = JsonDocument::parse(response.body);
  if (!document.is_ok()) return with_prefix(kSendApi, document.status());
  const JsonCursor root(document.value().root());
  const JsonCursor messages = root.member("messages");
  Status is_array = messages.expect(JsonKind::kArray);
  if (!is_array.is_ok()) return with_prefix(kSendApi, is_array);
  if (messages.value().size() != 1) return with_prefix(kSendApi, messages.error("expected exactly one message"));
  const JsonCursor first = messages.element(messages.value().first_child(), 0);
  const JsonCursor id = first.member("id");
  Result<std::string> wamid = read_wamid(id);
  if (!wamid.is_ok()) return with_prefix(kSendApi, wamid.status());
  WireSendAnswer answer;
  answer.outcome.accepted = true;
  answer.message_id = wamid.take();
  return answer;
}

std::unique_ptr<StackWireCodec> make_whatsapp_wire_codec() { return std::make_unique<WhatsappWireCodec>(); }

}  // namespace msgsim::stack
