#include "sim/stack/wire/messenger_wire_codec.h"

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

constexpr std::string_view kWebhook = "messenger webhook";
constexpr std::string_view kSendApi = "messenger send API";
// Page-scoped ids and page ids are decimal strings (16 digits is typical).
constexpr std::size_t kPlatformIdDigitsMax = 32;

// Messaging events the platform documents besides message, delivery and
// read: skipped rather than refused.
constexpr std::array<std::string_view, 13> kOtherEvents = {
    "postback",         "reaction",           "referral",            "optin",
    "account_linking",  "policy_enforcement", "game_play",           "pass_thread_control",
    "take_thread_control", "request_thread_control", "app_roles", "message_edit",
    "messaging_feedback"};

Status with_prefix(std::string_view what, const Status& status) {
  return Status(status.code(), std::string(what) + ": " + status.message());
}

// A view of the id (of the document, or of `storage` if it had escapes).
Result<std::string_view> read_platform_id(const JsonCursor& field, std::string& storage) {
  Result<std::string_view> text = field.string_view(kPlatformIdDigitsMax, storage);
  if (text.is_ok() && !is_decimal_digits(text.value())) return field.error("expected an id of decimal digits");
  return text;
}

// A Unix millisecond timestamp written as a JSON integer.
Result<runtime::Time> read_milliseconds(const JsonCursor& field) {
  Result<std::int64_t> value = field.integer();
  if (!value.is_ok()) return value.status();
  Result<runtime::Time> time = from_unix_ms(value.value());
  if (!time.is_ok()) return field.error(time.status().message());
  return time;
}

Status check_page(const JsonCursor& field, std::string_view page, const WireCredentials& credentials) {
  if (credentials.business_address.empty() || page == credentials.business_address) return Status::ok();
  return field.error("names page " + text_excerpt(page) + ", not this channel's " + credentials.business_address);
}

Status read_message(const JsonCursor& item, std::string_view person, DecodedWebhook& out) {
  const JsonCursor message = item.member("message");
  const JsonCursor timestamp = item.member("timestamp");
  const JsonCursor mid = message.member("mid");
  const JsonCursor text = message.member("text");
  Status is_object = message.expect(JsonKind::kObject);
  if (!is_object.is_ok()) return is_object;
  Result<runtime::Time> sent_at = read_milliseconds(timestamp);
  if (!sent_at.is_ok()) return sent_at.status();
  Result<std::string> message_id = mid.string(kWireIdBytesMax);
  if (!message_id.is_ok()) return message_id.status();
  if (message_id.value().empty()) return mid.error("expected a non-empty message id");
  // The page's own messages come back as echoes when subscribed to them.
  if (message.value().member("is_echo").kind() == JsonKind::kTrue) return Status::ok();
  if (!text.present()) {
    if (message.value().member("attachments").present()) return Status::ok();
    return message.error("a message needs a text or attachments");
  }
  Result<std::string> body = text.string(kWireTextBytesMax);
  if (!body.is_ok()) return body.status();
  WireInbound inbound;
  inbound.kind = InboundKind::kMessage;
  inbound.from_address = person;
  inbound.message_id = message_id.take();
  inbound.text = body.take();
  inbound.sent_at = sent_at.value();
  out.inbound.push_back(std::move(inbound));
  return Status::ok();
}

// delivery / read: a watermark, and the mids it covers when listed.
Status read_watermark(const JsonCursor& mark, DeliveryState state, std::string_view person, DecodedWebhook& out) {
  Status is_object = mark.expect(JsonKind::kObject);
  if (!is_object.is_ok()) return is_object;
  const JsonCursor watermark = mark.member("watermark");
  Result<runtime::Time> at = read_milliseconds(watermark);
  if (!at.is_ok()) return at.status();
  const JsonCursor mids = mark.member("mids");
  if (!mids.present()) return Status::ok();
  return for_each_element(mids, [&](const JsonCursor& mid) {
    Result<std::string> id = mid.string(kWireIdBytesMax);
    if (!id.is_ok()) return id.status();
    if (id.value().empty()) return mid.error("expected a non-empty message id");
    WireReceipt receipt;
    receipt.message_id = id.take();
    receipt.recipient_address = person;
    receipt.state = state;
    out.receipts.push_back(std::move(receipt));
    return Status::ok();
  });
}

Status read_other_event(const JsonCursor& item) {
  for (std::string_view name : kOtherEvents) {
    if (item.value().member(name).present()) return Status::ok();
  }
  return item.error("expected a message, delivery, read or another documented messaging event");
}

Status read_item(const JsonCursor& item, const WireCredentials& credentials, DecodedWebhook& out) {
  Status is_object = item.expect(JsonKind::kObject);
  if (!is_object.is_ok()) return is_object;
  const JsonCursor sender = item.member("sender");
  const JsonCursor sender_id = sender.member("id");
  const JsonCursor recipient = item.member("recipient");
  const JsonCursor recipient_id = recipient.member("id");
  std::string person_storage;
  std::string page_storage;
  Result<std::string_view> person = read_platform_id(sender_id, person_storage);
  if (!person.is_ok()) return person.status();
  Result<std::string_view> page = read_platform_id(recipient_id, page_storage);
  if (!page.is_ok()) return page.status();
  Status own_page = check_page(recipient_id, page.value(), credentials);
  if (!own_page.is_ok()) return own_page;
  if (item.value().member("message").present()) return read_message(item, person.value(), out);
  const JsonCursor delivery = item.member("delivery");
  if (delivery.present()) return read_watermark(delivery, DeliveryState::kDelivered, person.value(), out);
  const JsonCursor read = item.member("read");
  if (read.present()) return read_watermark(read, DeliveryState::kRead, person.value(), out);
  return read_other_event(item);
}

Status read_entry(const JsonCursor& entry, const WireCredentials& credentials, DecodedWebhook& out) {
  Status is_object = entry.expect(JsonKind::kObject);
  if (!is_object.is_ok()) return is_object;
  const JsonCursor id = entry.member("id");
  const JsonCursor time = entry.member("time");
  std::string storage;
  Result<std::string_view> page = read_platform_id(id, storage);
  if (!page.is_ok()) return page.status();
  Status own_page = check_page(id, page.value(), credentials);
  if (!own_page.is_ok()) return own_page;
  Result<runtime::Time> at = read_milliseconds(time);
  if (!at.is_ok()) return at.status();
  const JsonCursor messaging = entry.member("messaging");
  if (!messaging.present()) {
    // Handover standby events and page feed changes are other subscriptions.
    if (entry.value().member("standby").present() || entry.value().member("changes").present()) return Status::ok();
    return messaging.error("required field is missing");
  }
  return for_each_element(messaging, [&](const JsonCursor& item) { return read_item(item, credentials, out); });
}

}  // namespace

const char* messenger_tag_name(MessageTag tag) {
  switch (tag) {
    case MessageTag::kConfirmedEventUpdate: return "CONFIRMED_EVENT_UPDATE";
    case MessageTag::kPostPurchaseUpdate: return "POST_PURCHASE_UPDATE";
    case MessageTag::kAccountUpdate: return "ACCOUNT_UPDATE";
    case MessageTag::kHumanAgent: return "HUMAN_AGENT";
    case MessageTag::kNone: break;
  }
  MSGSIM_CHECK_MSG(false, "a message tag is required");
  return "";
}

std::optional<MessageTag> messenger_tag_from_name(std::string_view name) {
  for (MessageTag tag : {MessageTag::kConfirmedEventUpdate, MessageTag::kPostPurchaseUpdate,
                         MessageTag::kAccountUpdate, MessageTag::kHumanAgent}) {
    if (name == messenger_tag_name(tag)) return tag;
  }
  return std::nullopt;
}

Result<DecodedWebhook> MessengerWireCodec::decode_webhook(const HttpRequest& request,
                                                          const WireCredentials& credentials) const {
  Result<JsonDocument> document = open_meta_webhook(request, credentials, kWebhook);
  if (!document.is_ok()) return document.status();
  const JsonCursor root(document.value().root());
  const JsonCursor object = root.member("object");
  const JsonCursor entries = root.member("entry");
  Status read = root.expect(JsonKind::kObject);
  if (read.is_ok()) read = object.expect_text("page");
  DecodedWebhook out;
  if (read.is_ok()) {
    read = for_each_element(entries, [&](const JsonCursor& entry) { return read_entry(entry, credentials, out); });
  }
  if (!read.is_ok()) return with_prefix(kWebhook, read);
  return out;
}

std::optional<Result<HttpResponse>> MessengerWireCodec::answer_verification(const HttpRequest& request,
                                                                          const WireCredentials& credentials) const {
  return answer_meta_verification(request, credentials);
}

HttpRequest MessengerWireCodec::encode_send(const WireSend& send, const WireCredentials& credentials) const {
  std::string body;
  BodyWriter out(body, 112 + send.to_address.size() + send.text.size());
  out.raw(R"({"recipient":{"id":)");
  out.ascii_json_string(send.to_address);
  if (send.options.tag == MessageTag::kNone) {
    out.raw(R"(},"messaging_type":"RESPONSE")");
  } else {
    out.raw(R"(},"messaging_type":"MESSAGE_TAG","tag":)");
    out.ascii_json_string(messenger_tag_name(send.options.tag));
  }
  out.raw(R"(,"message":{"text":)");
  out.ascii_json_string(send.text);
  out.raw("}}");
  out.finish();
  return graph_api_post(graph_messages_path("me"), std::move(body), credentials);
}

Result<WireSendAnswer> MessengerWireCodec::decode_send_response(const HttpResponse& response) const {
  if (response.status < 200 || response.status > 299) return graph_error_answer(response, kSendApi);
  Result<JsonDocument> document = JsonDocument::parse(response.body);
  if (!document.is_ok()) return with_prefix(kSendApi, document.status());
  const JsonCursor root(document.value().root());
  const JsonCursor message_id = root.member("message_id");
  Result<std::string> mid = message_id.string(kWireIdBytesMax);
  if (!mid.is_ok()) return with_prefix(kSendApi, mid.status());
  if (mid.value().empty()) return with_prefix(kSendApi, message_id.error("expected a non-empty message id"));
  WireSendAnswer answer;
  answer.outcome.accepted = true;
  answer.message_id = mid.take();
  return answer;
}

std::unique_ptr<StackWireCodec> make_messenger_wire_codec() { return std::make_unique<MessengerWireCodec>(); }

}  // namespace msgsim::stack
