#include "fakes/wire/line_codec.h"

#include <utility>

#include "fakes/wire/id_bijection.h"
#include "fakes/wire/provider_codecs.h"
#include "fakes/wire/webhook_url_target.h"
#include "sim/stack/channels/channel_adapter.h"
#include "sim/stack/channels/signatures.h"
#include "sim/stack/wire/body_writer.h"
#include "sim/stack/wire/json_cursor.h"
#include "sim/stack/wire/json_writing.h"
#include "sim/stack/wire/line_wire_codec.h"
#include "sim/stack/wire/webhook_limits.h"
#include "sim/stack/wire/wire_numbering.h"
#include "sim/stack/wire/wire_time.h"

namespace msgsim::fakes {

using runtime::Result;
using runtime::Status;
using runtime::StatusCode;
using stack::JsonCursor;
using stack::JsonKind;

namespace {

constexpr IdScrambler kEventIds(0x4c494e4545564e54ull);    // "LINEEVNT"
constexpr IdScrambler kMessageIds(0x4c494e454d534731ull);  // "LINEMSG1"
constexpr IdScrambler kUserIds(0x4c494e4555534552ull);     // "LINEUSER"
constexpr std::int64_t kRunStartUnixMs = stack::kRunStartUnixSeconds * 1000;

bool is_uuid(std::string_view text) {
  if (text.size() != 36) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const bool dash_place = i == 8 || i == 13 || i == 18 || i == 23;
    const bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    if (dash_place ? c != '-' : !hex) return false;
  }
  return true;
}

// The fields every event of the fake carries, after "type".
void append_common(stack::BodyWriter& body, const stack::WireInbound& event) {
  body.raw(event.standby ? R"("mode":"standby","timestamp":)" : R"("mode":"active","timestamp":)");
  body.integer(stack::to_unix_ms(event.sent_at));
  body.raw(R"(,"source":{"type":"user",)");
  body.json_member("userId", event.from_address);
  body.raw("},");
  body.json_member("webhookEventId", event.message_id);
  body.raw(event.redelivery ? R"(,"deliveryContext":{"isRedelivery":true})" : R"(,"deliveryContext":{"isRedelivery":false})");
  if (!event.reply_token.empty() && event.kind != stack::InboundKind::kUnfollow) {
    body.byte(',');
    body.json_member("replyToken", event.reply_token);
  }
}

// True iff `authorization` is "Bearer " + `token` (the token compared in
// constant time; its length is not secret).
bool is_bearer_of(std::string_view authorization, std::string_view token) {
  constexpr std::string_view kBearer = "Bearer ";
  return authorization.size() == kBearer.size() + token.size() && authorization.starts_with(kBearer) &&
         stack::constant_time_equals(authorization.substr(kBearer.size()), token);
}

// True iff LINE has an event for `event`.
bool has_line_event(const stack::WireInbound& event) {
  return !event.end_conversation && event.kind != stack::InboundKind::kConversationDeleted;
}

// The event as LINE writes it (REQUIRES: has_line_event).
void append_event(stack::BodyWriter& body, const stack::WireInbound& event, const LineCodec& codec) {
  if (event.kind == stack::InboundKind::kMessage) {
    body.raw(R"({"type":"message","message":{"type":"text",)");
    body.json_member("id", codec.message_digits(event.message_id));
    body.byte(',');
    body.json_member("text", event.text);
    body.raw("},");
  } else if (event.kind == stack::InboundKind::kFollow) {
    body.raw(R"({"type":"follow","follow":{"isUnblocked":false},)");
  } else {
    body.raw(R"({"type":"unfollow",)");
  }
  append_common(body, event);
  body.byte('}');
}

// The one text message of a send call's "messages".
Status read_messages(const JsonCursor& root, stack::WireSend& send) {
  const JsonCursor messages = root.member("messages");
  Status is_array = messages.expect(JsonKind::kArray);
  if (!is_array.is_ok()) return is_array;
  const std::size_t count = messages.value().size();
  if (count == 0 || count > LineCodec::kMessagesPerCallMax) return messages.error("expected 1 to 5 message objects");
  if (count > 1) return messages.error("msgsim's LINE reads one message object per call");
  const JsonCursor message = messages.element(messages.value().first_child(), 0);
  Status is_object = message.expect(JsonKind::kObject);
  if (!is_object.is_ok()) return is_object;
  Status is_text = message.member("type").expect_text("text");
  if (!is_text.is_ok()) return is_text;
  const JsonCursor text = message.member("text");
  Result<std::string> value = text.string(stack::kWireTextBytesMax);
  if (!value.is_ok()) return value.status();
  if (stack::text_characters(value.value()) > LineCodec::kTextCharactersMax) {
    return text.error("longer than LINE's 5,000 characters");
  }
  send.text = value.take();
  return Status::ok();
}

Status read_send_body(std::string_view body, bool reply, stack::WireSend& send) {
  Result<stack::JsonDocument> document = stack::JsonDocument::parse(body);
  if (!document.is_ok()) return document.status();
  const JsonCursor root(document.value().root());
  Status is_object = root.expect(JsonKind::kObject);
  if (!is_object.is_ok()) return is_object;
  Result<std::string> target = root.member(reply ? "replyToken" : "to").string(stack::kWireIdBytesMax);
  if (!target.is_ok()) return target.status();
  (reply ? send.reply_token : send.to_address) = target.take();
  send.uses_reply_token = reply;
  return read_messages(root, send);
}

}  // namespace

stack::HttpRequest LineCodec::encode_webhook(const stack::DecodedWebhook& events,
                                             const stack::WireCredentials& credentials) const {
  stack::HttpRequest request;
  request.target = target_of_webhook_url(credentials.webhook_url);
  std::size_t bytes_expected = 32 + credentials.business_address.size();
  for (const stack::WireInbound& event : events.inbound) {
    bytes_expected += 320 + event.from_address.size() + event.message_id.size() + event.reply_token.size() +
                      event.text.size();
  }
  stack::BodyWriter body(request.body, bytes_expected);
  body.raw("{");
  body.json_member("destination", credentials.business_address);
  body.raw(R"(,"events":[)");
  bool first = true;
  for (const stack::WireInbound& event : events.inbound) {
    if (!has_line_event(event)) continue;
    if (!first) body.byte(',');
    first = false;
    append_event(body, event, *this);
  }
  body.raw("]}");
  body.finish();
  request.headers.add("Content-Type", "application/json");
  request.headers.add(stack::kLineSignatureHeader, stack::line_signature_text(credentials.secret, request.body).view());
  return request;
}

Result<stack::WireSend> LineCodec::decode_send(const stack::HttpRequest& request,
                                               const stack::WireCredentials& credentials) const {
  if (!is_bearer_of(request.header("Authorization"), credentials.secret)) {
    return Status(StatusCode::kUnauthenticated, "Authorization: not this channel's access token");
  }
  const bool reply = request.path() == stack::kLineReplyPath;
  if (request.method != "POST" || (!reply && request.path() != stack::kLinePushPath)) {
    return Status(StatusCode::kInvalidInput, "expected POST /v2/bot/message/reply or /push, got " + request.method +
                                                 " " + std::string(request.path()));
  }
  Status size = stack::check_webhook_size(request.body.size());
  if (!size.is_ok()) return size;
  const std::string_view retry_key = request.header(stack::kLineRetryKeyHeader);
  if (!retry_key.empty() && (reply || !is_uuid(retry_key))) {
    return Status(StatusCode::kInvalidInput, reply ? "X-Line-Retry-Key: not supported on reply"
                                                   : "X-Line-Retry-Key: not a UUID");
  }
  stack::WireSend send;
  send.retry_key = std::string(retry_key);
  Status body = read_send_body(request.body, reply, send);
  if (!body.is_ok()) return body;
  return send;
}

stack::HttpResponse LineCodec::encode_send_response(const stack::WireSendAnswer& answer) const {
  stack::HttpResponse response;
  if (!answer.outcome.accepted) {
    const int code = answer.outcome.error_code;
    response.status = code >= 400 && code <= 599 ? code : 500;
    response.body = "{";
    stack::append_json_member(response.body, "message", stack::line_error_message(response.status));
    response.body += '}';
    return response;
  }
  if (answer.message_id.empty()) {
    response.body = "{}";
    return response;
  }
  response.body = "{\"sentMessages\":[{";
  stack::append_json_member(response.body, "id", answer.message_id);
  response.body += "}]}";
  return response;
}

std::string LineCodec::message_id(std::uint64_t number) const {
  return ulid_for(number, kEventIds, kRunStartUnixMs);
}

std::optional<std::uint64_t> LineCodec::message_number(std::string_view id) const {
  return number_of_ulid(id, kEventIds, kRunStartUnixMs);
}

std::string LineCodec::opaque_address(std::uint64_t number) const { return "U" + hex128_for(number, kUserIds); }

std::optional<std::uint64_t> LineCodec::opaque_number(std::string_view address) const {
  if (address.size() != 33 || address.front() != 'U') return std::nullopt;
  return number_of_hex128(address.substr(1), kUserIds);
}

std::string LineCodec::message_digits(std::string_view event_id) const {
  const std::optional<std::uint64_t> number = message_number(event_id);
  return std::to_string(kMessageIds.scramble(number ? *number : stack::hash_provider_id(event_id)));
}

std::unique_ptr<ProviderWireCodec> make_line_codec() { return std::make_unique<LineCodec>(); }

}  // namespace msgsim::fakes
