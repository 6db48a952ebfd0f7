#include "sim/stack/wire/web_wire_codec.h"

#include <array>
#include <utility>

#include "sim/runtime/check.h"
#include "sim/stack/wire/body_writer.h"
#include "sim/stack/wire/codecs.h"
#include "sim/stack/wire/connector_signature.h"
#include "sim/stack/wire/hmac_sha256.h"
#include "sim/stack/wire/identity_token.h"
#include "sim/stack/wire/iso8601_time.h"
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

constexpr std::string_view kPathPrefix = "/conversations/";
constexpr std::string_view kPathSuffix = "/messages";

constexpr std::array<const char*, 5> kStatusNames{"queued", "sent", "delivered", "read", "failed"};

bool is_unreserved(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
         c == '_' || c == '~';
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

// sentAt as Unix ms (an integer) or an ISO-8601 UTC string.
Result<runtime::Time> read_sent_at(const JsonCursor& event) {
  const JsonCursor sent_at = event.member("sentAt");
  std::int64_t unix_ms = -1;
  if (sent_at.value().kind() == JsonKind::kString) {
    const std::optional<std::int64_t> parsed = parse_iso8601_ms(sent_at.value().text());
    if (!parsed) return sent_at.error("not an ISO-8601 UTC timestamp");
    unix_ms = *parsed;
  } else {
    Result<std::int64_t> integer = sent_at.integer();
    if (!integer.is_ok()) return integer.status();
    unix_ms = integer.value();
  }
  Result<runtime::Time> time = from_unix_ms(unix_ms);
  if (!time.is_ok()) return sent_at.error(time.status().message());
  return time;
}

// The verified subject of an identity token, checked against the secret and
// against the message's own time.
Result<std::string> read_identity(const JsonCursor& event, const WireCredentials& credentials, runtime::Time sent_at) {
  const JsonCursor token = event.member("identityToken");
  if (!token.present()) return std::string();
  Result<std::string> text = token.string(kWireTextBytesMax);
  if (!text.is_ok()) return text.status();
  Result<IdentityClaims> claims = verify_identity_token(credentials.secret, text.value());
  if (!claims.is_ok()) return claims.status();
  // Compared in whole seconds, so no claim can overflow the arithmetic.
  if (claims.value().expires_at_s != 0 && claims.value().expires_at_s < to_unix_ms(sent_at) / 1000) {
    return Status(StatusCode::kUnauthenticated, "identityToken: expired before the message's sentAt");
  }
  return std::move(claims.value().subject);
}

// A message or an end of chat.
Result<WireInbound> read_visitor_event(const JsonCursor& event, bool is_message, const WireCredentials& credentials) {
  WireInbound inbound;
  inbound.end_conversation = !is_message;
  std::string conversation_storage;  // the conversation id is checked, not kept
  Result<std::string_view> conversation = event.member("conversationId").string_view(kWireIdBytesMax, conversation_storage);
  if (!conversation.is_ok()) return conversation.status();
  Result<std::string> visitor = event.member("visitorId").string(kWireIdBytesMax);
  if (!visitor.is_ok()) return visitor.status();
  inbound.from_address = visitor.take();
  const JsonCursor message_id = event.member("messageId");
  Result<std::string> id = message_id.string(kWireIdBytesMax);
  if (!id.is_ok()) return id.status();
  if (id.value().empty()) return message_id.error("empty");
  inbound.message_id = id.take();
  if (is_message) {
    Result<std::string> text = event.member("text").string(kWireTextBytesMax);
    if (!text.is_ok()) return text.status();
    inbound.text = text.take();
  }
  Result<runtime::Time> sent_at = read_sent_at(event);
  if (!sent_at.is_ok()) return sent_at.status();
  inbound.sent_at = sent_at.value();
  Result<std::string> subject = read_identity(event, credentials, inbound.sent_at);
  if (!subject.is_ok()) return subject.status();
  inbound.verified_subject = subject.take();
  return inbound;
}

Result<WireReceipt> read_receipt(const JsonCursor& event) {
  WireReceipt receipt;
  Result<std::string> id = event.member("messageId").string(kWireIdBytesMax);
  if (!id.is_ok()) return id.status();
  receipt.message_id = id.take();
  Result<std::string> visitor = event.member("visitorId").string(kWireIdBytesMax);
  if (!visitor.is_ok()) return visitor.status();
  receipt.recipient_address = visitor.take();
  const JsonCursor status = event.member("status");
  Result<std::string> name = status.string(kWireIdBytesMax);
  if (!name.is_ok()) return name.status();
  const std::optional<DeliveryState> state = web_receipt_state(name.value());
  if (!state) return status.error("unknown status \"" + name.value() + "\"");
  receipt.state = *state;
  const JsonCursor error_code = event.member("errorCode");
  if (error_code.present()) {
    Result<std::int64_t> code = error_code.integer();
    if (!code.is_ok()) return code.status();
    if (code.value() < 0 || code.value() > 999'999'999) return error_code.error("out of range");
    receipt.error_code = static_cast<int>(code.value());
  }
  return receipt;
}

Status read_event(const JsonCursor& root, const WireCredentials& credentials, DecodedWebhook& out) {
  Status is_object = root.expect(JsonKind::kObject);
  if (!is_object.is_ok()) return is_object;
  const JsonCursor type = root.member("type");
  Result<std::string> kind = type.string(kWireIdBytesMax);
  if (!kind.is_ok()) return kind.status();
  if (kind.value() == "typing") return Status::ok();
  if (kind.value() == "receipt") {
    Result<WireReceipt> receipt = read_receipt(root);
    if (!receipt.is_ok()) return receipt.status();
    out.receipts.push_back(receipt.take());
    return Status::ok();
  }
  if (kind.value() != "message" && kind.value() != "end") {
    return type.error("unknown event type \"" + kind.value() + "\"");
  }
  Result<WireInbound> inbound = read_visitor_event(root, kind.value() == "message", credentials);
  if (!inbound.is_ok()) return inbound.status();
  out.inbound.push_back(inbound.take());
  return Status::ok();
}

}  // namespace

std::string web_send_path(std::string_view visitor_id) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string path(kPathPrefix);
  for (const char c : visitor_id) {
    if (is_unreserved(c)) {
      path += c;
    } else {
      const auto byte = static_cast<unsigned char>(c);
      path += '%';
      path += kHex[byte >> 4];
      path += kHex[byte & 0x0F];
    }
  }
  path += kPathSuffix;
  return path;
}

std::optional<std::string> web_visitor_of_path(std::string_view path) {
  if (path.size() <= kPathPrefix.size() + kPathSuffix.size() || !path.starts_with(kPathPrefix) ||
      !path.ends_with(kPathSuffix)) {
    return std::nullopt;
  }
  const std::string_view encoded = path.substr(kPathPrefix.size(), path.size() - kPathPrefix.size() - kPathSuffix.size());
  std::string visitor;
  for (std::size_t i = 0; i < encoded.size(); ++i) {
    if (encoded[i] == '/') return std::nullopt;
    if (encoded[i] != '%') {
      visitor += encoded[i];
      continue;
    }
    const int high = i + 2 < encoded.size() ? hex_value(encoded[i + 1]) : -1;
    const int low = i + 2 < encoded.size() ? hex_value(encoded[i + 2]) : -1;
    if (high < 0 || low < 0) return std::nullopt;
    visitor += static_cast<char>(high * 16 + low);
    i += 2;
  }
  return visitor;
}

const char* web_receipt_status(DeliveryState state) { return kStatusNames[static_cast<std::size_t>(state)]; }

std::optional<DeliveryState> web_receipt_state(std::string_view status) {
  for (std::size_t i = 0; i < kStatusNames.size(); ++i) {
    if (status == kStatusNames[i]) return static_cast<DeliveryState>(i);
  }
  return std::nullopt;
}

std::string sign_connector_body(std::string_view secret, std::string_view raw_body) {
  return prefixed_hmac_sha256_hex(kConnectorSignaturePrefix, secret, raw_body);
}

bool verify_connector_body(std::string_view secret, std::string_view raw_body, std::string_view header_value) {
  return prefixed_hmac_sha256_hex_matches(kConnectorSignaturePrefix, secret, raw_body, header_value);
}

WebWireCodec::WebWireCodec(ChannelType type) : type_(type) {
  MSGSIM_CHECK_MSG(type == ChannelType::kWeb || type == ChannelType::kInApp, "the web codec serves web and in-app");
}

Result<DecodedWebhook> WebWireCodec::decode_webhook(const HttpRequest& request,
                                                    const WireCredentials& credentials) const {
  Result<JsonDocument> document = open_signed_json_webhook(
      request, verify_connector_body(credentials.secret, request.body, request.header(kConnectorSignatureHeader)),
      "X-Msgsim-Signature: does not match the body");
  if (!document.is_ok()) return document.status();
  DecodedWebhook decoded;
  Status read = read_event(JsonCursor(document.value().root()), credentials, decoded);
  if (!read.is_ok()) return read;
  return decoded;
}

HttpRequest WebWireCodec::encode_send(const WireSend& send, const WireCredentials& credentials) const {
  HttpRequest request;
  request.target = web_send_path(send.to_address);
  BodyWriter body(request.body, 16 + send.text.size());
  body.byte('{');
  body.json_member("text", send.text);
  body.byte('}');
  body.finish();
  request.headers.add("Content-Type", "application/json");
  request.headers.add(kConnectorSignatureHeader, connector_signature_text(credentials.secret, request.body).view());
  if (!send.retry_key.empty()) request.headers.add(kIdempotencyKeyHeader, send.retry_key);
  return request;
}

Result<WireSendAnswer> WebWireCodec::decode_send_response(const HttpResponse& response) const {
  return read_send_answer(response, "messageId");
}

std::unique_ptr<StackWireCodec> make_web_wire_codec() { return std::make_unique<WebWireCodec>(ChannelType::kWeb); }
std::unique_ptr<StackWireCodec> make_in_app_wire_codec() {
  return std::make_unique<WebWireCodec>(ChannelType::kInApp);
}

}  // namespace msgsim::stack
