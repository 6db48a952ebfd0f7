#include "sim/stack/wire/byoc_wire_codec.h"

#include <limits>
#include <utility>

#include "sim/runtime/check.h"
#include "sim/stack/wire/codecs.h"
#include "sim/stack/wire/connector_signature.h"
#include "sim/stack/wire/content_uuid.h"
#include "sim/stack/wire/header_fields.h"
#include "sim/stack/wire/json_cursor.h"
#include "sim/stack/wire/json_writing.h"
#include "sim/stack/wire/refusal_answer.h"
#include "sim/stack/wire/signed_json_webhook.h"
#include "sim/stack/wire/webhook_limits.h"
#include "sim/stack/wire/wire_time.h"

namespace msgsim::stack {

using runtime::Result;
using runtime::Status;
using runtime::StatusCode;

namespace {

// What every interaction of one request shares.
struct Envelope {
  const std::string& from;
  runtime::Time sent_at;
  DecodedWebhook& out;
};

Result<std::string> read_id(const JsonCursor& cursor) {
  Result<std::string> id = cursor.string(kWireIdBytesMax);
  if (id.is_ok() && id.value().empty()) return cursor.error("empty");
  return id;
}

Status read_message(const JsonCursor& payload, Envelope& envelope) {
  Result<std::string> id = read_id(payload.member("id"));
  if (!id.is_ok()) return id.status();
  const JsonCursor message = payload.member("abstractMessage");
  Status is_object = message.expect(JsonKind::kObject);
  if (!is_object.is_ok()) return is_object;
  const JsonCursor message_type = message.member("messageType");
  std::string kind_storage;  // the type is compared, not kept
  Result<std::string_view> kind = message_type.string_view(kWireIdBytesMax, kind_storage);
  if (!kind.is_ok()) return kind.status();
  if (kind.value() == "ChoicesResponseMessage" || kind.value() == "FormResponseMessage") return Status::ok();
  if (kind.value() != "StaticContentMessage") {
    return message_type.error("unknown message type \"" + std::string(kind.value()) + "\"");
  }
  const JsonCursor content = message.member("staticContent");
  Status content_is_object = content.expect(JsonKind::kObject);
  if (!content_is_object.is_ok()) return content_is_object;
  const JsonCursor format = content.member("formatType");
  Result<std::string> format_type = format.string(kWireIdBytesMax);
  if (!format_type.is_ok()) return format_type.status();
  if (format_type.value() != "Text") return Status::ok();  // attachments, rich links: not modelled
  Result<std::string> text = content.member("text").string(kWireTextBytesMax);
  if (!text.is_ok()) return text.status();
  WireInbound inbound;
  inbound.from_address = envelope.from;
  inbound.message_id = id.take();
  inbound.text = text.take();
  inbound.sent_at = envelope.sent_at;
  envelope.out.inbound.push_back(std::move(inbound));
  return Status::ok();
}

// An end user leaving is the end of the chat; other changes are ignored.
Status read_participant_change(const JsonCursor& payload, Envelope& envelope) {
  Result<std::string> id = read_id(payload.member("id"));
  if (!id.is_ok()) return id.status();
  bool end_user_left = false;
  Status entries = for_each_element(payload.member("entries"), [&](const JsonCursor& entry) {
    Status is_object = entry.expect(JsonKind::kObject);
    if (!is_object.is_ok()) return is_object;
    Result<std::string> operation = entry.member("operation").string(kWireIdBytesMax);
    if (!operation.is_ok()) return operation.status();
    const JsonCursor participant = entry.member("participant");
    Status participant_is_object = participant.expect(JsonKind::kObject);
    if (!participant_is_object.is_ok()) return participant_is_object;
    Result<std::string> role = participant.member("role").string(kWireIdBytesMax);
    if (!role.is_ok()) return role.status();
    if (operation.value() == "remove" && role.value() == "EndUser") end_user_left = true;
    return Status::ok();
  });
  if (!entries.is_ok() || !end_user_left) return entries;
  WireInbound inbound;
  inbound.end_conversation = true;
  inbound.from_address = envelope.from;
  inbound.message_id = id.take();
  inbound.sent_at = envelope.sent_at;
  envelope.out.inbound.push_back(std::move(inbound));
  return Status::ok();
}

// errorCode as partners send it: a string of digits, or an integer.
Result<int> read_error_code(const JsonCursor& cursor) {
  std::int64_t code = -1;
  if (cursor.value().kind() == JsonKind::kString) {
    code = parse_decimal(cursor.value().text());
  } else {
    Result<std::int64_t> integer = cursor.integer();
    if (!integer.is_ok()) return integer.status();
    code = integer.value();
  }
  if (code < 0 || code > std::numeric_limits<int>::max()) return cursor.error("expected a non-negative error code");
  return static_cast<int>(code);
}

Status read_acknowledgement(const JsonCursor& payload, DeliveryState state, Envelope& envelope) {
  WireReceipt receipt;
  receipt.recipient_address = envelope.from;
  receipt.state = state;
  if (state == DeliveryState::kFailed) {
    Result<std::string> id = read_id(payload.member("failedConversationEntryIdentifier"));
    if (!id.is_ok()) return id.status();
    receipt.message_id = id.take();
    Result<int> code = read_error_code(payload.member("errorCode"));
    if (!code.is_ok()) return code.status();
    receipt.error_code = code.value();
  } else {
    Result<std::string> id = read_id(payload.member("acknowledgedConversationEntryIdentifier"));
    if (!id.is_ok()) return id.status();
    receipt.message_id = id.take();
    Result<std::int64_t> at = payload.member("acknowledgementTimestamp").integer();
    if (!at.is_ok()) return at.status();
  }
  envelope.out.receipts.push_back(std::move(receipt));
  return Status::ok();
}

Status read_payload(const JsonCursor& interaction, Envelope& envelope) {
  const JsonCursor payload = interaction.member("payload");
  Status is_object = payload.expect(JsonKind::kObject);
  if (!is_object.is_ok()) return is_object;
  const JsonCursor entry_type = payload.member("entryType");
  Result<std::string> kind = entry_type.string(kWireIdBytesMax);
  if (!kind.is_ok()) return kind.status();
  const std::string& name = kind.value();
  if (name == "Message") return read_message(payload, envelope);
  if (name == "ParticipantChanged") return read_participant_change(payload, envelope);
  if (name == "DeliveryAcknowledgement") return read_acknowledgement(payload, DeliveryState::kDelivered, envelope);
  if (name == "ReadAcknowledgement") return read_acknowledgement(payload, DeliveryState::kRead, envelope);
  if (name == "MessageDeliveryFailed") return read_acknowledgement(payload, DeliveryState::kFailed, envelope);
  if (name == "TypingStartedIndicator" || name == "TypingStoppedIndicator") return Status::ok();
  return entry_type.error("unknown entry type \"" + name + "\"");
}

Status read_interaction(const JsonCursor& interaction, const std::string& from, DecodedWebhook& out) {
  Status is_object = interaction.expect(JsonKind::kObject);
  if (!is_object.is_ok()) return is_object;
  const JsonCursor type = interaction.member("interactionType");
  std::string kind_storage;  // the type is compared, not kept
  Result<std::string_view> kind = type.string_view(kWireIdBytesMax, kind_storage);
  if (!kind.is_ok()) return kind.status();
  if (kind.value() == "AttachmentInteraction") return Status::ok();
  if (kind.value() != "EntryInteraction") {
    return type.error("unknown interaction type \"" + std::string(kind.value()) + "\"");
  }
  const JsonCursor timestamp = interaction.member("timestamp");
  Result<std::int64_t> unix_ms = timestamp.integer();
  if (!unix_ms.is_ok()) return unix_ms.status();
  Result<runtime::Time> sent_at = from_unix_ms(unix_ms.value());
  if (!sent_at.is_ok()) return timestamp.error(sent_at.status().message());
  Envelope envelope{from, sent_at.value(), out};
  return read_payload(interaction, envelope);
}

}  // namespace

void append_byoc_message_payload(BodyWriter& out, std::string_view id, std::string_view text) {
  out.byte('{');
  out.json_member("id", id);
  out.raw(R"(,"entryType":"Message","abstractMessage":{"messageType":"StaticContentMessage",)");
  out.json_member("id", id);
  out.raw(R"(,"staticContent":{"formatType":"Text",)");
  out.json_member("text", text);
  out.raw("}}}");
}

ByocWireCodec::ByocWireCodec(ChannelType type) : type_(type) {
  MSGSIM_CHECK_MSG(type == ChannelType::kByoc || type == ChannelType::kByocCcaas,
                   "the BYOC codec serves byoc and byoc_ccaas");
}

Result<DecodedWebhook> ByocWireCodec::decode_webhook(const HttpRequest& request,
                                                     const WireCredentials& credentials) const {
  Result<JsonDocument> document = open_signed_json_webhook(
      request, verify_connector_signature(credentials.secret, request.body, request.header(kConnectorSignatureHeader)),
      "X-Msgsim-Signature: does not match the body");
  if (!document.is_ok()) return document.status();
  const JsonCursor root(document.value().root());
  Status is_object = root.expect(JsonKind::kObject);
  if (!is_object.is_ok()) return is_object;
  const JsonCursor to = root.member("to");
  Result<std::string> address = to.string(kWireIdBytesMax);
  if (!address.is_ok()) return address.status();
  if (!credentials.business_address.empty() && address.value() != credentials.business_address) {
    return to.error("\"" + address.value() + "\" is not this channel's address");
  }
  Result<std::string> from = read_id(root.member("from"));
  if (!from.is_ok()) return from.status();
  DecodedWebhook decoded;
  Status read = for_each_element(root.member("interactions"), [&](const JsonCursor& interaction) {
    return read_interaction(interaction, from.value(), decoded);
  });
  if (!read.is_ok()) return read;
  return decoded;
}

HttpRequest ByocWireCodec::encode_send(const WireSend& send, const WireCredentials& credentials) const {
  const UuidText content_id = content_uuid_text(send.to_address, send.text);
  const std::string_view id = send.retry_key.empty() ? content_id.view() : std::string_view(send.retry_key);
  HttpRequest request;
  request.target = std::string(kByocOutboundPath);
  BodyWriter body(request.body, 256 + send.to_address.size() + credentials.business_address.size() + 2 * id.size() +
                                    send.text.size());
  body.byte('{');
  body.json_member("to", send.to_address);
  body.byte(',');
  body.json_member("from", credentials.business_address);
  body.raw(R"(,"interactions":[{"interactionType":"EntryInteraction","payload":)");
  append_byoc_message_payload(body, id, send.text);
  body.raw("}]}");
  body.finish();
  request.headers.add("Content-Type", "application/json");
  request.headers.add(kConnectorSignatureHeader, connector_signature_text(credentials.secret, request.body).view());
  return request;
}

Result<WireSendAnswer> ByocWireCodec::decode_send_response(const HttpResponse& response) const {
  return read_send_answer(response, "conversationEntryIdentifier");
}

std::unique_ptr<StackWireCodec> make_byoc_wire_codec() { return std::make_unique<ByocWireCodec>(ChannelType::kByoc); }
std::unique_ptr<StackWireCodec> make_byoc_ccaas_wire_codec() {
  return std::make_unique<ByocWireCodec>(ChannelType::kByocCcaas);
}

}  // namespace msgsim::stack
