#include "fakes/wire/meta_whatsapp_codec.h"

#include <algorithm>
#include <array>
#include <span>
#include <vector>

#include "fakes/wire/graph_api_fake.h"
#include "fakes/wire/id_bijection.h"
#include "fakes/wire/provider_codecs.h"
#include "sim/stack/wire/address_syntax.h"
#include "sim/stack/wire/ascii_json_writer.h"
#include "sim/stack/wire/base64_text.h"
#include "sim/stack/wire/body_writer.h"
#include "sim/stack/wire/json_cursor.h"
#include "sim/stack/wire/webhook_limits.h"
#include "sim/stack/wire/whatsapp_wire_codec.h"
#include "sim/stack/wire/wire_time.h"

namespace msgsim::fakes {

using runtime::Result;
using runtime::Status;
using runtime::StatusCode;
using stack::AsciiJsonWriter;
using stack::JsonCursor;
using stack::JsonKind;

namespace {

constexpr IdScrambler kWamidScrambler(0x5741'4d49'4421'0001ull);
// Meta's wamid bytes: a header (the recipient's number field, left empty
// here, and fixed markers), 32 uppercase hex digits, a terminator.
constexpr std::string_view kWamidHead("\x1C\x18\x00\x15\x02\x00\x12\x18\x20", 9);
constexpr std::string_view kWamidTail("\x00", 1);
constexpr std::size_t kWamidHexDigits = 32;

struct ErrorInfo {
  int code;
  int http_status;
  std::string_view title;
  std::string_view details;
};

constexpr std::array<ErrorInfo, 10> kErrors = {{
    {131047, 400, "Re-engagement message",
     "Message failed to send because more than 24 hours have passed since the customer last replied to this number."},
    {130429, 429, "Rate limit hit", "Cloud API message throughput has been reached."},
    {131056, 429, "(Business Account, Consumer Account) pair rate limit hit",
     "Too many messages sent from the sender phone number to the same recipient phone number in a short period of time."},
    {131016, 503, "Service unavailable", "A service is temporarily unavailable."},
    {131000, 500, "Something went wrong", "Message failed to send due to an unknown error."},
    {131026, 400, "Message undeliverable", "Unable to deliver message."},
    {131049, 400, "This message was not delivered to maintain healthy ecosystem engagement.",
     "Meta chose not to deliver this marketing message."},
    {131050, 400, "Unable to deliver the message. This recipient has chosen to stop receiving marketing messages on WhatsApp from your business.",
     "The recipient stopped marketing messages."},
    {131021, 400, "Recipient cannot be sender.", "Sender and recipient phone number is the same."},
    {132001, 404, "Template name does not exist in the translation", "The template does not exist in this language."},
}};

ErrorInfo error_info(int code) {
  for (const ErrorInfo& info : kErrors) {
    if (info.code == code) return info;
  }
  return ErrorInfo{code, 400, "Error", "The request was refused."};
}

const char* status_name(stack::DeliveryState state) {
  switch (state) {
    case stack::DeliveryState::kSent: return "sent";
    case stack::DeliveryState::kDelivered: return "delivered";
    case stack::DeliveryState::kRead: return "read";
    case stack::DeliveryState::kFailed: return "failed";
    case stack::DeliveryState::kQueued: break;
  }
  MSGSIM_CHECK_MSG(false, "the Cloud API reports no queued status");
  return "";
}

// {"value":{"messaging_product":..,"metadata":{..}  (the value stays open).
void write_value_head(stack::BodyWriter& out, const stack::WireCredentials& credentials) {
  out.raw(R"({"value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":)");
  out.ascii_json_string(credentials.business_address);
  out.raw(R"(,"phone_number_id":)");
  out.ascii_json_string(credentials.business_address);
  out.byte('}');
}

void write_messages_change(stack::BodyWriter& out, const std::vector<stack::WireInbound>& inbound,
                           const stack::WireCredentials& credentials) {
  write_value_head(out, credentials);
  out.raw(R"(,"contacts":[)");
  std::array<std::string_view, 8> listed_here;
  std::vector<std::string_view> listed_more;
  std::size_t listed = 0;
  for (const stack::WireInbound& message : inbound) {
    const std::span<const std::string_view> first(listed_here.data(), std::min(listed, listed_here.size()));
    if (std::find(first.begin(), first.end(), message.from_address) != first.end() ||
        std::find(listed_more.begin(), listed_more.end(), message.from_address) != listed_more.end()) {
      continue;
    }
    if (listed < listed_here.size()) {
      listed_here[listed] = message.from_address;
    } else {
      listed_more.push_back(message.from_address);
    }
    if (listed++ > 0) out.byte(',');
    out.raw(R"({"profile":{"name":)");
    out.ascii_json_string(message.from_address);
    out.raw(R"(},"wa_id":)");
    out.ascii_json_string(message.from_address);
    out.byte('}');
  }
  out.raw(R"(],"messages":[)");
  bool first = true;
  for (const stack::WireInbound& message : inbound) {
    MSGSIM_CHECK_MSG(message.kind == stack::InboundKind::kMessage && !message.end_conversation,
                     "the Cloud API reports only messages");
    if (!first) out.byte(',');
    first = false;
    out.raw(R"({"from":)");
    out.ascii_json_string(message.from_address);
    out.raw(R"(,"id":)");
    out.ascii_json_string(message.message_id);
    out.raw(R"(,"timestamp":")");
    out.integer(stack::to_unix_seconds(message.sent_at));
    out.raw(R"(","type":"text","text":{"body":)");
    out.ascii_json_string(message.text);
    out.raw("}}");
  }
  out.raw(R"(]},"field":"messages"})");
}

void write_statuses_change(stack::BodyWriter& out, const std::vector<stack::WireReceipt>& receipts,
                           std::int64_t timestamp, const stack::WireCredentials& credentials) {
  write_value_head(out, credentials);
  out.raw(R"(,"statuses":[)");
  bool first = true;
  for (const stack::WireReceipt& receipt : receipts) {
    if (!first) out.byte(',');
    first = false;
    out.raw(R"({"id":)");
    out.ascii_json_string(receipt.message_id);
    out.raw(R"(,"status":)");
    out.ascii_json_string(status_name(receipt.state));
    out.raw(R"(,"timestamp":")");
    out.integer(timestamp);
    out.raw(R"(","recipient_id":)");
    out.ascii_json_string(receipt.recipient_address);
    if (receipt.state == stack::DeliveryState::kFailed) {
      const ErrorInfo info = error_info(receipt.error_code != 0 ? receipt.error_code : MetaWhatsappCodec::kSomethingWentWrong);
      out.raw(R"(,"errors":[{"code":)");
      out.integer(info.code);
      out.raw(R"(,"title":)");
      out.ascii_json_string(info.title);
      out.raw(R"(,"message":)");
      out.ascii_json_string(info.title);
      out.raw(R"(,"error_data":{"details":)");
      out.ascii_json_string(info.details);
      out.raw("}}]");
    }
    out.byte('}');
  }
  out.raw(R"(]},"field":"messages"})");
}

// The body parameter a template send carries as its text ("" when none).
Result<std::string> read_template_text(const JsonCursor& components) {
  if (!components.present()) return std::string();
  std::string text;
  Status read = stack::for_each_element(components, [&](const JsonCursor& component) {
    const JsonCursor type = component.member("type");
    const JsonCursor parameters = component.member("parameters");
    Status is_object = component.expect(JsonKind::kObject);
    if (!is_object.is_ok() || !type.value().text_equals("body") || !parameters.present()) return is_object;
    return stack::for_each_element(parameters, [&](const JsonCursor& parameter) {
      const JsonCursor parameter_text = parameter.member("text");
      if (!text.empty() || !parameter.value().member("type").text_equals("text")) return Status::ok();
      Result<std::string> value = parameter_text.string(stack::kWireTextBytesMax);
      if (!value.is_ok()) return value.status();
      text = value.take();
      return Status::ok();
    });
  });
  if (!read.is_ok()) return read;
  return text;
}

Status read_template(const JsonCursor& root, stack::WireSend& send) {
  const JsonCursor template_object = root.member("template");
  const JsonCursor name = template_object.member("name");
  const JsonCursor language = template_object.member("language");
  const JsonCursor language_code = language.member("code");
  const JsonCursor components = template_object.member("components");
  const JsonCursor callback_data = root.member("biz_opaque_callback_data");
  Result<std::string> template_name = name.string(stack::kWireIdBytesMax);
  if (!template_name.is_ok()) return template_name.status();
  if (template_name.value().empty()) return name.error("expected a template name");
  Result<std::string> code = language_code.string(stack::kWireIdBytesMax);
  if (!code.is_ok()) return code.status();
  Result<std::string> text = read_template_text(components);
  if (!text.is_ok()) return text.status();
  send.options.template_name = template_name.take();
  send.text = text.take();
  if (!callback_data.present()) return Status::ok();
  Result<std::string> data = callback_data.string(stack::kWireIdBytesMax);
  if (!data.is_ok()) return data.status();
  if (!data.value().starts_with(stack::kWhatsappCategoryCallbackPrefix)) return Status::ok();
  const std::optional<stack::TemplateCategory> category =
      stack::whatsapp_category_from_name(std::string_view(data.value()).substr(stack::kWhatsappCategoryCallbackPrefix.size()));
  if (!category) return callback_data.error("expected category=MARKETING, UTILITY or AUTHENTICATION");
  send.options.template_category = *category;
  return Status::ok();
}

Status read_message(const JsonCursor& root, stack::WireSend& send) {
  const JsonCursor product = root.member("messaging_product");
  const JsonCursor recipient_type = root.member("recipient_type");
  const JsonCursor to = root.member("to");
  const JsonCursor type = root.member("type");
  Status is_object = root.expect(JsonKind::kObject);
  if (!is_object.is_ok()) return is_object;
  Status whatsapp = product.expect_text("whatsapp");
  if (!whatsapp.is_ok()) return whatsapp;
  if (recipient_type.present()) {
    Status individual = recipient_type.expect_text("individual");
    if (!individual.is_ok()) return individual;
  }
  Result<std::string> recipient = to.string(stack::kWireIdBytesMax);
  if (!recipient.is_ok()) return recipient.status();
  const std::string_view digits = std::string_view(recipient.value()).substr(recipient.value().starts_with('+') ? 1 : 0);
  if (!stack::is_wa_id(digits)) return to.error("expected a phone number");
  send.to_address = recipient.take();
  Status type_string = type.expect(JsonKind::kString);
  if (!type_string.is_ok()) return type_string;
  if (type.value().text_equals("template")) return read_template(root, send);
  if (!type.value().text_equals("text")) return type.error("message type \"" + stack::text_excerpt(type.value().text()) + "\" is not supported");
  const JsonCursor text = root.member("text");
  const JsonCursor body = text.member("body");
  Result<std::string> body_text = body.string(stack::kWireTextBytesMax);
  if (!body_text.is_ok()) return body_text.status();
  send.text = body_text.take();
  return Status::ok();
}

Status with_prefix(const Status& status) {
  return Status(status.code(), "whatsapp send call: " + status.message());
}

}  // namespace

stack::HttpRequest MetaWhatsappCodec::encode_webhook(const stack::DecodedWebhook& events,
                                                     const stack::WireCredentials& credentials) const {
  std::int64_t timestamp = stack::kRunStartUnixSeconds;
  for (const stack::WireInbound& message : events.inbound) timestamp = std::max(timestamp, stack::to_unix_seconds(message.sent_at));
  std::size_t bytes_expected = 320 + 3 * credentials.business_address.size() + credentials.account_id.size();
  for (const stack::WireInbound& message : events.inbound) {
    bytes_expected += 160 + 3 * message.from_address.size() + message.message_id.size() + message.text.size();
  }
  for (const stack::WireReceipt& receipt : events.receipts) {
    bytes_expected += 320 + receipt.message_id.size() + receipt.recipient_address.size();
  }
  std::string body;
  stack::BodyWriter out(body, bytes_expected);
  out.raw(R"({"object":"whatsapp_business_account","entry":[{"id":)");
  out.ascii_json_string(credentials.account_id.empty() ? credentials.business_address : credentials.account_id);
  out.raw(R"(,"changes":[)");
  if (!events.inbound.empty()) write_messages_change(out, events.inbound, credentials);
  if (!events.inbound.empty() && !events.receipts.empty()) out.byte(',');
  if (!events.receipts.empty()) write_statuses_change(out, events.receipts, timestamp, credentials);
  out.raw("]}]}");
  out.finish();
  return signed_meta_webhook(std::move(body), credentials);
}

Result<stack::WireSend> MetaWhatsappCodec::decode_send(const stack::HttpRequest& request,
                                                       const stack::WireCredentials& credentials) const {
  Result<std::string> node = graph_messages_node(request);
  if (!node.is_ok()) return with_prefix(node.status());
  Status token = check_graph_access_token(request, credentials);
  if (!token.is_ok()) return with_prefix(token);
  if (!credentials.business_address.empty() && node.value() != credentials.business_address) {
    return with_prefix(Status(StatusCode::kInvalidInput, "unknown phone number id " + stack::text_excerpt(node.value())));
  }
  Status size = stack::check_webhook_size(request.body.size());
  if (!size.is_ok()) return with_prefix(size);
  Result<stack::JsonDocument> document = stack::JsonDocument::parse(request.body);
  if (!document.is_ok()) return with_prefix(document.status());
  const JsonCursor root(document.value().root());
  stack::WireSend send;
  Status read = read_message(root, send);
  if (!read.is_ok()) return with_prefix(read);
  return send;
}

stack::HttpResponse MetaWhatsappCodec::encode_send_response(const stack::WireSendAnswer& answer) const {
  if (answer.outcome.accepted) {
    stack::HttpResponse response;
    AsciiJsonWriter json(response.body);
    json.begin_object().member_text("messaging_product", "whatsapp").key("messages").begin_array();
    json.begin_object().member_text("id", answer.message_id).end_object().end_array().end_object();
    return response;
  }
  const ErrorInfo info = error_info(answer.outcome.error_code != 0 ? answer.outcome.error_code : kSomethingWentWrong);
  return graph_error_response(GraphError{info.http_status, info.code, 0, "OAuthException", info.title});
}

std::string MetaWhatsappCodec::message_id(std::uint64_t number) const {
  std::string hex = hex128_for(number, kWamidScrambler);
  for (char& c : hex) {
    if (c >= 'a' && c <= 'f') c = static_cast<char>(c - 'a' + 'A');
  }
  std::string bytes;
  bytes.reserve(kWamidHead.size() + hex.size() + kWamidTail.size());
  bytes.append(kWamidHead).append(hex).append(kWamidTail);
  return std::string(stack::kWamidPrefix) + stack::base64_encode(bytes, stack::Base64Alphabet::kStandardPadded);
}

std::optional<std::uint64_t> MetaWhatsappCodec::message_number(std::string_view id) const {
  if (!id.starts_with(stack::kWamidPrefix)) return std::nullopt;
  const std::optional<std::string> bytes =
      stack::base64_decode(id.substr(stack::kWamidPrefix.size()), stack::Base64Alphabet::kStandardPadded);
  if (!bytes || bytes->size() != kWamidHead.size() + kWamidHexDigits + kWamidTail.size() ||
      !bytes->starts_with(kWamidHead) || !bytes->ends_with(kWamidTail)) {
    return std::nullopt;
  }
  std::string hex = bytes->substr(kWamidHead.size(), kWamidHexDigits);
  for (char& c : hex) {
    if (c >= 'a' && c <= 'f') return std::nullopt;  // Meta writes uppercase: one spelling per id
    if (c >= 'A' && c <= 'F') c = static_cast<char>(c - 'A' + 'a');
  }
  return number_of_hex128(hex, kWamidScrambler);
}

std::unique_ptr<ProviderWireCodec> make_meta_whatsapp_codec() { return std::make_unique<MetaWhatsappCodec>(); }

}  // namespace msgsim::fakes
