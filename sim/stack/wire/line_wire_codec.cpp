#include "sim/stack/wire/line_wire_codec.h"

#include <algorithm>
#include <array>
#include <utility>

#include "sim/stack/channels/signatures.h"
#include "sim/stack/wire/body_writer.h"
#include "sim/stack/wire/codecs.h"
#include "sim/stack/wire/json_cursor.h"
#include "sim/stack/wire/json_writing.h"
#include "sim/stack/wire/signed_json_webhook.h"
#include "sim/stack/wire/webhook_limits.h"
#include "sim/stack/wire/wire_time.h"

namespace msgsim::stack {

using runtime::Result;
using runtime::Status;
using runtime::StatusCode;

namespace {

constexpr std::array<std::string_view, 16> kIgnoredEventTypes{
    "postback",    "beacon",    "join",      "leave",      "memberJoined",     "memberLeft",
    "accountLink", "things",    "unsend",    "videoPlayComplete", "activated", "deactivated",
    "botSuspended", "botResumed", "membership", "module"};
constexpr std::array<std::string_view, 6> kIgnoredMessageTypes{"image", "video", "audio", "file", "location", "sticker"};

template <std::size_t N>
bool listed(const std::array<std::string_view, N>& names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

Result<bool> read_boolean(const JsonCursor& cursor) {
  const JsonKind kind = cursor.value().kind();
  if (kind == JsonKind::kTrue || kind == JsonKind::kFalse) return kind == JsonKind::kTrue;
  if (kind == JsonKind::kMissing) return cursor.error("required field is missing");
  return cursor.error(std::string("expected a boolean, got ") + json_kind_name(kind));
}

// The sender's userId, or "" for a group or room chat (not modelled).
Result<std::string> read_source(const JsonCursor& event) {
  const JsonCursor source = event.member("source");
  Status is_object = source.expect(JsonKind::kObject);
  if (!is_object.is_ok()) return is_object;
  const JsonCursor type = source.member("type");
  Result<std::string> kind = type.string(kWireIdBytesMax);
  if (!kind.is_ok()) return kind.status();
  if (kind.value() == "group" || kind.value() == "room") return std::string();
  if (kind.value() != "user") return type.error("unknown source type \"" + kind.value() + "\"");
  const JsonCursor user = source.member("userId");
  Result<std::string> user_id = user.string(kWireIdBytesMax);
  if (!user_id.is_ok()) return user_id.status();
  if (!is_line_user_id(user_id.value())) return user.error("not a LINE userId (\"U\" + 32 lowercase hex)");
  return user_id;
}

// mode, timestamp, webhookEventId and deliveryContext: what every event has.
Status read_common(const JsonCursor& event, WireInbound& out) {
  const JsonCursor mode = event.member("mode");
  Result<std::string> mode_text = mode.string(kWireIdBytesMax);
  if (!mode_text.is_ok()) return mode_text.status();
  if (mode_text.value() != "active" && mode_text.value() != "standby") {
    return mode.error("expected \"active\" or \"standby\", got \"" + mode_text.value() + "\"");
  }
  out.standby = mode_text.value() == "standby";
  const JsonCursor timestamp = event.member("timestamp");
  Result<std::int64_t> unix_ms = timestamp.integer();
  if (!unix_ms.is_ok()) return unix_ms.status();
  Result<runtime::Time> sent_at = from_unix_ms(unix_ms.value());
  if (!sent_at.is_ok()) return timestamp.error(sent_at.status().message());
  out.sent_at = sent_at.value();
  const JsonCursor event_id = event.member("webhookEventId");
  Result<std::string> id = event_id.string(kWireIdBytesMax);
  if (!id.is_ok()) return id.status();
  if (id.value().empty()) return event_id.error("empty");
  out.message_id = id.take();
  const JsonCursor context = event.member("deliveryContext");
  Status is_object = context.expect(JsonKind::kObject);
  if (!is_object.is_ok()) return is_object;
  Result<bool> redelivery = read_boolean(context.member("isRedelivery"));
  if (!redelivery.is_ok()) return redelivery.status();
  out.redelivery = redelivery.value();
  return Status::ok();
}

// The text of a message event; false in `kept` for a non-text message.
Status read_text_message(const JsonCursor& event, WireInbound& out, bool& kept) {
  const JsonCursor message = event.member("message");
  Status is_object = message.expect(JsonKind::kObject);
  if (!is_object.is_ok()) return is_object;
  const JsonCursor type = message.member("type");
  Result<std::string> kind = type.string(kWireIdBytesMax);
  if (!kind.is_ok()) return kind.status();
  kept = kind.value() == "text";
  if (!kept) {
    return listed(kIgnoredMessageTypes, kind.value()) ? Status::ok()
                                                      : type.error("unknown message type \"" + kind.value() + "\"");
  }
  std::string id_storage;  // the message id is checked, not kept (events are named by webhookEventId)
  Result<std::string_view> id = message.member("id").string_view(kWireIdBytesMax, id_storage);
  if (!id.is_ok()) return id.status();
  Result<std::string> text = message.member("text").string(kWireTextBytesMax);
  if (!text.is_ok()) return text.status();
  out.text = text.take();
  return Status::ok();
}

// The reply token of an event that carries one (active messages must).
Status read_reply_token(const JsonCursor& event, bool required, WireInbound& out) {
  const JsonCursor token = event.member("replyToken");
  if (!token.present() && !required) return Status::ok();
  Result<std::string> text = token.string(kWireIdBytesMax);
  if (!text.is_ok()) return text.status();
  out.reply_token = text.take();
  return Status::ok();
}

// Appends the event at `event` to `out` unless it is one msgsim ignores.
Status read_event(const JsonCursor& event, std::vector<WireInbound>& out) {
  Status is_object = event.expect(JsonKind::kObject);
  if (!is_object.is_ok()) return is_object;
  const JsonCursor type = event.member("type");
  Result<std::string> kind = type.string(kWireIdBytesMax);
  if (!kind.is_ok()) return kind.status();
  WireInbound inbound;
  if (kind.value() == "follow") inbound.kind = InboundKind::kFollow;
  else if (kind.value() == "unfollow") inbound.kind = InboundKind::kUnfollow;
  else if (kind.value() != "message") {
    return listed(kIgnoredEventTypes, kind.value()) ? Status::ok()
                                                    : type.error("unknown event type \"" + kind.value() + "\"");
  }
  Result<std::string> user = read_source(event);
  if (!user.is_ok()) return user.status();
  Status common = read_common(event, inbound);
  if (!common.is_ok()) return common;
  bool kept = true;
  if (inbound.kind == InboundKind::kMessage) {
    Status text = read_text_message(event, inbound, kept);
    if (!text.is_ok()) return text;
  }
  if (inbound.kind != InboundKind::kUnfollow) {
    const bool required = inbound.kind == InboundKind::kMessage && !inbound.standby;
    Status token = read_reply_token(event, required, inbound);
    if (!token.is_ok()) return token;
  }
  if (!kept || user.value().empty()) return Status::ok();
  inbound.from_address = user.take();
  out.push_back(std::move(inbound));
  return Status::ok();
}

void append_messages(BodyWriter& body, std::string_view text) {
  body.raw(R"(,"messages":[{"type":"text",)");
  body.json_member("text", text);
  body.raw("}]}");
}

}  // namespace

std::string line_body_signature(std::string_view secret, std::string_view body) { return line_signature(secret, body); }

const char* line_error_message(int status) {
  switch (status) {
    case 400: return "Invalid reply token";
    case 401: return "Authentication failed. Confirm that the access token in the authorization header is valid.";
    case 409: return "The retry key is already accepted";
    case 429: return "The API rate limit has been exceeded. Try again later.";
    default: break;
  }
  return status >= 500 ? "An error occurred in the server. Try again later." : "The request could not be processed";
}

bool is_line_user_id(std::string_view user_id) {
  if (user_id.size() != 33 || user_id[0] != 'U') return false;
  return std::all_of(user_id.begin() + 1, user_id.end(),
                     [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

Result<DecodedWebhook> LineWireCodec::decode_webhook(const HttpRequest& request,
                                                     const WireCredentials& credentials) const {
  Result<JsonDocument> document = open_signed_json_webhook(
      request, verify_line_signature(credentials.secret, request.body, request.header(kLineSignatureHeader)),
      "x-line-signature: does not match the body");
  if (!document.is_ok()) return document.status();
  const JsonCursor root(document.value().root());
  Status is_object = root.expect(JsonKind::kObject);
  if (!is_object.is_ok()) return is_object;
  const JsonCursor destination = root.member("destination");
  std::string bot_storage;  // the bot is compared, not kept
  Result<std::string_view> bot = destination.string_view(kWireIdBytesMax, bot_storage);
  if (!bot.is_ok()) return bot.status();
  if (!credentials.business_address.empty() && bot.value() != credentials.business_address) {
    return destination.error("\"" + std::string(bot.value()) + "\" is not this channel's bot");
  }
  DecodedWebhook decoded;
  Status events = for_each_element(root.member("events"),
                                   [&](const JsonCursor& event) { return read_event(event, decoded.inbound); });
  if (!events.is_ok()) return events;
  return decoded;
}

HttpRequest LineWireCodec::encode_send(const WireSend& send, const WireCredentials& credentials) const {
  HttpRequest request;
  BodyWriter body(request.body, 64 + std::max(send.reply_token.size(), send.to_address.size()) + send.text.size());
  body.byte('{');
  if (send.uses_reply_token) {
    request.target = std::string(kLineReplyPath);
    body.json_member("replyToken", send.reply_token);
  } else {
    request.target = std::string(kLinePushPath);
    body.json_member("to", send.to_address);
  }
  append_messages(body, send.text);
  body.finish();
  constexpr std::string_view kBearer = "Bearer ";
  request.headers.add("Content-Type", "application/json");
  char* authorization = request.headers.add_uninitialized("Authorization", kBearer.size() + credentials.secret.size());
  std::copy(kBearer.begin(), kBearer.end(), authorization);
  std::copy(credentials.secret.begin(), credentials.secret.end(), authorization + kBearer.size());
  if (!send.uses_reply_token && !send.retry_key.empty()) request.headers.add(kLineRetryKeyHeader, send.retry_key);
  return request;
}

Result<WireSendAnswer> LineWireCodec::decode_send_response(const HttpResponse& response) const {
  WireSendAnswer answer;
  if (response.status < 200 || response.status > 299) {
    answer.outcome = SendOutcome{false, response.status};
    return answer;
  }
  Result<JsonDocument> document = JsonDocument::parse(response.body);
  if (!document.is_ok()) return document.status();
  const JsonCursor root(document.value().root());
  Status is_object = root.expect(JsonKind::kObject);
  if (!is_object.is_ok()) return is_object;
  const JsonCursor sent = root.member("sentMessages");
  if (sent.present()) {
    Status read = for_each_element(sent, [&](const JsonCursor& message) {
      Result<std::string> id = message.member("id").string(kWireIdBytesMax);
      if (!id.is_ok()) return id.status();
      if (answer.message_id.empty()) answer.message_id = id.take();
      return Status::ok();
    });
    if (!read.is_ok()) return read;
  }
  answer.outcome = SendOutcome{true, 0};
  return answer;
}

std::unique_ptr<StackWireCodec> make_line_wire_codec() { return std::make_unique<LineWireCodec>(); }

}  // namespace msgsim::stack
