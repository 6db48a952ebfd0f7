#include "fakes/wire/line_codec.h"

#include <utility>

#include "fakes/wire/id_bijection.h"
#include "fakes/wire/provider_codecs.h"
#include "fakes/wire/webhook_url_target.h"
#include "sim/stack/channels/channel_adapter.h"
#include "sim/stack/channels/signatures.h"
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
void append_common(std::string& body, const stack::WireInbound& event) {
  stack::append_json_member(body, "mode", event.standby ? "standby" : "active");
  body += ',';
  stack::append_json_member(body, "timestamp", stack::to_unix_ms(event.sent_at));
  body += ",\"source\":{\"type\":\"user\",";
  stack::append_json_member(body, "userId", event.from_address);
  body += "},";
  stack::append_json_member(body, "webhookEventId", event.message_id);
  body += event.redelivery ? ",\"deliveryContext\":{\"isRedelivery\":true}"
                           : ",\"deliveryContext\":{\"isRedelivery\":false}";
  if (!event.reply_token.empty() && event.kind != stack::InboundKind::kUnfollow) {
    body += ',';
    stack::append_json_member(body, "replyToken", event.reply_token);
  }
}

// True iff `authorization` is "Bearer " + `token` (the token compared in
// constant time; its length is not secret).
bool is_bearer_of(std::string_view authorization, std::string_view token) {
  constexpr std::string_view kBearer = "Bearer ";
  return authorization.size() == kBearer.size() + token.size() && authorization.starts_with(kBearer) &&
         stack::constant_time_equals(authorization.substr(kBearer.size()), token);
}

// The event as LINE writes it, or false when LINE has no such event.
bool append_event(std::string& body, const stack::WireInbound& event, const LineCodec& codec) {
  if (event.end_conversation || event.kind == stack::InboundKind::kConversationDeleted) return false;
  body += '{';
  if (event.kind == stack::InboundKind::kMessage) {
    body += "\"type\":\"message\",\"message\":{\"type\":\"text\",";
    stack::append_json_member(body, "id", codec.message_digits(event.message_id));
    body += ',';
    stack::append_json_member(body, "text", event.text);
    body += "},";
  } else if (event.kind == stack::InboundKind::kFollow) {
    body += "\"type\":\"follow\",\"follow\":{\"isUnblocked\":false},";
  } else {
    body += "\"type\":\"unfollow\",";
  }
  append_common(body, event);
  body += '}';
  return true;
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
  std::size_t text_bytes = 0;
  for (const stack::WireInbound& event : events.inbound) text_bytes += event.text.size();
  request.body.reserve(64 + 360 * events.inbound.size() + text_bytes * 5 / 4);
  request.body = "{";
  stack::append_json_member(request.body, "destination", credentials.business_address);
  request.body += ",\"events\":[";
  bool first = true;
  for (const stack::WireInbound& event : events.inbound) {
    const std::size_t before = request.body.size();
    if (!first) request.body += ',';
    if (append_event(request.body, event, *this)) {
      first = false;
    } else {
      request.body.resize(before);
    }
  }
  request.body += "]}";
  request.headers.reserve(2);
  request.headers.push_back(stack::HttpHeader{"Content-Type", "application/json"});
  request.headers.push_back(stack::HttpHeader{std::string(stack::kLineSignatureHeader),
                                              stack::line_body_signature(credentials.secret, request.body)});
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
