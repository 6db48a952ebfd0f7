#include "fakes/wire/byoc_codec.h"

#include "fakes/wire/provider_codecs.h"
#include "fakes/wire/webhook_url_target.h"
#include "sim/runtime/check.h"
#include "sim/stack/wire/byoc_wire_codec.h"
#include "sim/stack/wire/connector_signature.h"
#include "sim/stack/wire/content_uuid.h"
#include "sim/stack/wire/json_cursor.h"
#include "sim/stack/wire/json_writing.h"
#include "sim/stack/wire/refusal_answer.h"
#include "sim/stack/wire/webhook_limits.h"
#include "sim/stack/wire/wire_time.h"

namespace msgsim::fakes {

using runtime::Result;
using runtime::Status;
using runtime::StatusCode;
using stack::JsonCursor;
using stack::JsonKind;

namespace {

constexpr std::uint64_t kEntryKey = 0x42594f43454e5452ull;    // "BYOCENTR"
constexpr std::uint64_t kEndUserKey = 0x42594f4355534552ull;  // "BYOCUSER"
constexpr std::uint64_t kCcaasTweak = 0x4343414153000000ull;  // "CCAAS": another key per type
constexpr std::int64_t kRunStartUnixMs = stack::kRunStartUnixSeconds * 1000;

void open_interaction(stack::BodyWriter& body, std::int64_t unix_ms) {
  body.raw(R"({"timestamp":)");
  body.integer(unix_ms);
  body.raw(R"(,"interactionType":"EntryInteraction","payload":)");
}

void append_end_user(stack::BodyWriter& body, std::string_view key, std::string_view address) {
  body.key_of(key);
  body.raw(R"({"appType":"custom",)");
  body.json_member("subject", address);
  body.raw(R"(,"role":"EndUser"})");
}

void append_inbound(stack::BodyWriter& body, const stack::WireInbound& event) {
  MSGSIM_CHECK_MSG(event.kind == stack::InboundKind::kMessage, "BYOC reports no LINE or Apple conversation events");
  open_interaction(body, stack::to_unix_ms(event.sent_at));
  if (!event.end_conversation) {
    stack::append_byoc_message_payload(body, event.message_id, event.text);
  } else {
    body.byte('{');
    body.json_member("id", event.message_id);
    body.raw(R"(,"entryType":"ParticipantChanged","entries":[{"operation":"remove",)");
    append_end_user(body, "participant", event.from_address);
    body.raw("}]}");
  }
  body.byte('}');
}

// True iff the API has an interaction for the receipt's state.
bool has_interaction(const stack::WireReceipt& receipt) {
  return receipt.state != stack::DeliveryState::kQueued && receipt.state != stack::DeliveryState::kSent;
}

// REQUIRES: has_interaction(receipt).
void append_receipt(stack::BodyWriter& body, const stack::WireReceipt& receipt) {
  const bool failed = receipt.state == stack::DeliveryState::kFailed;
  const char* entry_type = failed ? "MessageDeliveryFailed"
                           : receipt.state == stack::DeliveryState::kRead ? "ReadAcknowledgement"
                                                                          : "DeliveryAcknowledgement";
  open_interaction(body, kRunStartUnixMs);
  body.byte('{');
  body.json_member("id", stack::content_uuid_text(receipt.message_id, entry_type).view());
  body.byte(',');
  body.json_member("entryType", entry_type);
  body.byte(',');
  if (failed) {
    body.json_member("failedConversationEntryIdentifier", receipt.message_id);
    body.byte(',');
    append_end_user(body, "recipient", receipt.recipient_address);
    body.byte(',');
    body.json_member("errorCode", std::to_string(receipt.error_code));
  } else {
    body.json_member("acknowledgementTimestamp", kRunStartUnixMs);
    body.byte(',');
    body.json_member("acknowledgedConversationEntryIdentifier", receipt.message_id);
  }
  body.raw("}}");
}

// The text and payload id of the one Message interaction of a send call.
Status read_interaction(const JsonCursor& interactions, stack::WireSend& send) {
  Status is_array = interactions.expect(JsonKind::kArray);
  if (!is_array.is_ok()) return is_array;
  if (interactions.value().size() != 1) return interactions.error("expected exactly one interaction");
  const JsonCursor interaction = interactions.element(interactions.value().first_child(), 0);
  Status entry = interaction.member("interactionType").expect_text("EntryInteraction");
  if (!entry.is_ok()) return entry;
  const JsonCursor payload = interaction.member("payload");
  Status is_message = payload.member("entryType").expect_text("Message");
  if (!is_message.is_ok()) return is_message;
  Result<std::string> id = payload.member("id").string(stack::kWireIdBytesMax);
  if (!id.is_ok()) return id.status();
  const JsonCursor message = payload.member("abstractMessage");
  Status is_static = message.member("messageType").expect_text("StaticContentMessage");
  if (!is_static.is_ok()) return is_static;
  const JsonCursor content = message.member("staticContent");
  Status is_text = content.member("formatType").expect_text("Text");
  if (!is_text.is_ok()) return is_text;
  Result<std::string> text = content.member("text").string(stack::kWireTextBytesMax);
  if (!text.is_ok()) return text.status();
  send.retry_key = id.take();
  send.text = text.take();
  return Status::ok();
}

}  // namespace

ByocCodec::ByocCodec(stack::ChannelType type)
    : type_(type),
      entry_ids_(type == stack::ChannelType::kByoc ? kEntryKey : kEntryKey ^ kCcaasTweak),
      end_user_ids_(type == stack::ChannelType::kByoc ? kEndUserKey : kEndUserKey ^ kCcaasTweak) {
  MSGSIM_CHECK_MSG(type == stack::ChannelType::kByoc || type == stack::ChannelType::kByocCcaas,
                   "the BYOC codec serves byoc and byoc_ccaas");
}

stack::HttpRequest ByocCodec::encode_webhook(const stack::DecodedWebhook& events,
                                             const stack::WireCredentials& credentials) const {
  static const std::string kNobody;
  const std::string& from = !events.inbound.empty()    ? events.inbound.front().from_address
                            : !events.receipts.empty() ? events.receipts.front().recipient_address
                                                       : kNobody;
  stack::HttpRequest request;
  request.target = target_of_webhook_url(credentials.webhook_url);
  std::size_t bytes_expected = 64 + credentials.business_address.size() + from.size();
  for (const stack::WireInbound& event : events.inbound) {
    bytes_expected += 320 + 2 * event.message_id.size() + event.from_address.size() + event.text.size();
  }
  for (const stack::WireReceipt& receipt : events.receipts) {
    bytes_expected += 360 + receipt.message_id.size() + receipt.recipient_address.size();
  }
  stack::BodyWriter body(request.body, bytes_expected);
  body.byte('{');
  body.json_member("to", credentials.business_address);
  body.byte(',');
  body.json_member("from", from);
  body.raw(R"(,"interactions":[)");
  bool first = true;
  for (const stack::WireInbound& event : events.inbound) {
    MSGSIM_CHECK_MSG(event.from_address == from, "one BYOC request concerns one end user");
    if (!first) body.byte(',');
    append_inbound(body, event);
    first = false;
  }
  for (const stack::WireReceipt& receipt : events.receipts) {
    MSGSIM_CHECK_MSG(receipt.recipient_address == from, "one BYOC request concerns one end user");
    if (!has_interaction(receipt)) continue;
    if (!first) body.byte(',');
    append_receipt(body, receipt);
    first = false;
  }
  body.raw("]}");
  body.finish();
  request.headers.add("Content-Type", "application/json");
  request.headers.add(stack::kConnectorSignatureHeader,
                      stack::connector_signature_text(credentials.secret, request.body).view());
  return request;
}

Result<stack::WireSend> ByocCodec::decode_send(const stack::HttpRequest& request,
                                               const stack::WireCredentials& credentials) const {
  if (!stack::verify_connector_signature(credentials.secret, request.body,
                                         request.header(stack::kConnectorSignatureHeader))) {
    return Status(StatusCode::kUnauthenticated, "X-Msgsim-Signature: does not match the body");
  }
  if (request.method != "POST" || request.path() != stack::kByocOutboundPath) {
    return Status(StatusCode::kInvalidInput, "expected POST /outbound, got " + request.method + " " +
                                                 std::string(request.path()));
  }
  Status size = stack::check_webhook_size(request.body.size());
  if (!size.is_ok()) return size;
  Result<stack::JsonDocument> document = stack::JsonDocument::parse(request.body);
  if (!document.is_ok()) return document.status();
  const JsonCursor root(document.value().root());
  Status is_object = root.expect(JsonKind::kObject);
  if (!is_object.is_ok()) return is_object;
  const JsonCursor from = root.member("from");
  if (!credentials.business_address.empty()) {
    Status ours = from.expect_text(credentials.business_address);
    if (!ours.is_ok()) return ours;
  }
  stack::WireSend send;
  Result<std::string> to = root.member("to").string(stack::kWireIdBytesMax);
  if (!to.is_ok()) return to.status();
  send.to_address = to.take();
  Status interaction = read_interaction(root.member("interactions"), send);
  if (!interaction.is_ok()) return interaction;
  return send;
}

stack::HttpResponse ByocCodec::encode_send_response(const stack::WireSendAnswer& answer) const {
  if (!answer.outcome.accepted) {
    return stack::refusal_response(answer.outcome.error_code, "the partner did not accept the message");
  }
  stack::HttpResponse response;
  response.body = "{\"success\":true,";
  stack::append_json_member(response.body, "conversationEntryIdentifier", answer.message_id);
  response.body += '}';
  return response;
}

std::string ByocCodec::message_id(std::uint64_t number) const { return uuid_for(number, entry_ids_); }

std::optional<std::uint64_t> ByocCodec::message_number(std::string_view id) const {
  return number_of_uuid(id, entry_ids_);
}

std::string ByocCodec::opaque_address(std::uint64_t number) const { return uuid_for(number, end_user_ids_); }

std::optional<std::uint64_t> ByocCodec::opaque_number(std::string_view address) const {
  return number_of_uuid(address, end_user_ids_);
}

std::unique_ptr<ProviderWireCodec> make_byoc_codec() {
  return std::make_unique<ByocCodec>(stack::ChannelType::kByoc);
}
std::unique_ptr<ProviderWireCodec> make_byoc_ccaas_codec() {
  return std::make_unique<ByocCodec>(stack::ChannelType::kByocCcaas);
}

}  // namespace msgsim::fakes
