#include "sim/stack/wire/apple_wire_codec.h"

#include <algorithm>
#include <array>
#include <utility>

#include "sim/runtime/check.h"
#include "sim/stack/channels/signatures.h"
#include "sim/stack/wire/body_writer.h"
#include "sim/stack/wire/codecs.h"
#include "sim/stack/wire/content_uuid.h"
#include "sim/stack/wire/header_fields.h"
#include "sim/stack/wire/hmac_sha256.h"
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

struct Capability {
  std::string_view name;
  InteractiveType type;
};
// In the order apple_capability_list writes them; AUTH2 (the newer
// authentication message) reads as the same capability as AUTH.
constexpr std::array<Capability, 6> kCapabilities{{{"LIST", InteractiveType::kListPicker},
                                                   {"TIME", InteractiveType::kTimePicker},
                                                   {"QUICK", InteractiveType::kQuickReply},
                                                   {"FORM", InteractiveType::kForm},
                                                   {"AUTH", InteractiveType::kAuthentication},
                                                   {"AUTH2", InteractiveType::kAuthentication}}};

struct InteractiveKey {
  std::string_view key;
  InteractiveType type;
};
constexpr std::array<InteractiveKey, 5> kInteractiveKeys{{{"listPicker", InteractiveType::kListPicker},
                                                          {"event", InteractiveType::kTimePicker},
                                                          {"quick-reply", InteractiveType::kQuickReply},
                                                          {"dynamic", InteractiveType::kForm},
                                                          {"authenticate", InteractiveType::kAuthentication}}};

std::string_view trim_spaces(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

bool is_token(std::string_view text) {
  if (text.empty()) return false;
  for (const char c : text) {
    const bool letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    if (!letter && !(c >= '0' && c <= '9') && c != '-' && c != '_') return false;
  }
  return true;
}

// What the headers say about the sender, checked before the body is read.
struct AppleEnvelope {
  std::string id;
  std::string source;
  std::string capability_list;
  bool has_capability_list = false;
  runtime::Time sent_at;
};

Result<AppleEnvelope> read_envelope(const HttpRequest& request, const WireCredentials& credentials) {
  AppleEnvelope envelope;
  Result<std::string> id = read_header(request, "id", kWireIdBytesMax);
  if (!id.is_ok()) return id.status();
  envelope.id = id.take();
  Result<std::string> source = read_header(request, "source-id", kWireIdBytesMax);
  if (!source.is_ok()) return source.status();
  envelope.source = source.take();
  Result<std::string> destination = read_header(request, "destination-id", kWireIdBytesMax);
  if (!destination.is_ok()) return destination.status();
  if (!credentials.business_address.empty() && destination.value() != credentials.business_address) {
    return Status(StatusCode::kInvalidInput, "header destination-id: '" + destination.value() +
                                                 "' is not this channel's business id");
  }
  // Present but empty is a device with no interactive capability.
  envelope.has_capability_list = request.headers.contains("capability-list");
  envelope.capability_list = std::string(request.header("capability-list"));
  Result<std::string> sent_at = read_optional_header(request, kAppleSentAtHeader, 32);
  if (!sent_at.is_ok()) return sent_at.status();
  if (!sent_at.value().empty()) {
    Result<runtime::Time> time = from_unix_ms(parse_decimal(sent_at.value()));
    if (!time.is_ok()) return Status(StatusCode::kInvalidInput, "header x-msgsim-sent-at: " + time.status().message());
    envelope.sent_at = time.value();
  }
  return envelope;
}

// The event a message body describes, or none for one that changes nothing
// (typing indicators). Takes the envelope's strings.
Result<std::optional<WireInbound>> read_message(const JsonCursor& root, AppleEnvelope& envelope) {
  Status is_object = root.expect(JsonKind::kObject);
  if (!is_object.is_ok()) return is_object;
  const JsonCursor type = root.member("type");
  Result<std::string> kind = type.string(kWireIdBytesMax);
  if (!kind.is_ok()) return kind.status();
  WireInbound event;
  event.from_address = std::move(envelope.source);
  event.message_id = std::move(envelope.id);
  event.sent_at = envelope.sent_at;
  if (kind.value() == "close") {
    event.kind = InboundKind::kConversationDeleted;
    return std::optional<WireInbound>(std::move(event));
  }
  if (kind.value() == "typing_start" || kind.value() == "typing_end") return std::optional<WireInbound>();
  if (kind.value() != "text") return type.error("unknown message type \"" + kind.value() + "\"");
  if (!envelope.has_capability_list) {
    return Status(StatusCode::kInvalidInput, "header capability-list: missing on a customer message");
  }
  Result<CapabilityMask> capabilities = parse_apple_capability_list(envelope.capability_list);
  if (!capabilities.is_ok()) return capabilities.status();
  event.capabilities = capabilities.value();
  Result<std::string> text = root.member("body").string(kWireTextBytesMax);
  if (!text.is_ok()) return text.status();
  event.text = text.take();
  return std::optional<WireInbound>(std::move(event));
}

void append_interactive(BodyWriter& body, const WireSend& send, std::string_view id) {
  body.raw(R"("type":"interactive","interactiveData":{)");
  body.json_member("bid", kAppleBusinessExtensionBid);
  body.raw(R"(,"data":{"version":"1.0",)");
  body.json_member("requestIdentifier", id);
  body.byte(',');
  body.key_of(apple_interactive_key(send.options.interactive));
  body.raw(R"({}},"receivedMessage":{)");
  body.json_member("title", send.text);
  body.raw("}}");
}

}  // namespace

std::string apple_capability_list(CapabilityMask mask) {
  std::string list;
  for (std::size_t i = 0; i + 1 < kCapabilities.size(); ++i) {  // AUTH2 is never written
    if ((mask & capability_bit(kCapabilities[i].type)) == 0) continue;
    if (!list.empty()) list += ',';
    list += kCapabilities[i].name;
  }
  return list;
}

Result<CapabilityMask> parse_apple_capability_list(std::string_view list) {
  CapabilityMask mask = 0;
  std::size_t start = 0;
  while (start <= list.size()) {
    const std::size_t end = std::min(list.find(',', start), list.size());
    const std::string_view item = trim_spaces(list.substr(start, end - start));
    if (!item.empty() && !is_token(item)) {
      return Status(StatusCode::kInvalidInput, "header capability-list: '" + std::string(item) +
                                                   "' is not a capability name");
    }
    for (const Capability& capability : kCapabilities) {
      if (equals_ignoring_case(item, capability.name)) mask |= capability_bit(capability.type);
    }
    start = end + 1;
  }
  return mask;
}

const char* apple_interactive_key(InteractiveType type) {
  for (const InteractiveKey& entry : kInteractiveKeys) {
    if (entry.type == type) return entry.key.data();
  }
  MSGSIM_CHECK_MSG(false, "a plain text message has no interactive data key");
  return "";
}

std::optional<InteractiveType> apple_interactive_type(std::string_view key) {
  for (const InteractiveKey& entry : kInteractiveKeys) {
    if (entry.key == key) return entry.type;
  }
  return std::nullopt;
}

std::string apple_authorization(std::string_view secret, std::string_view body) {
  return prefixed_hmac_sha256_hex("Bearer ", secret, body);
}

SignatureText apple_authorization_text(std::string_view secret, std::string_view body) {
  return prefixed_hmac_sha256_hex_text("Bearer ", secret, body);
}

bool verify_apple_authorization(std::string_view secret, std::string_view body, std::string_view header_value) {
  return prefixed_hmac_sha256_hex_matches("Bearer ", secret, body, header_value);
}

Result<DecodedWebhook> AppleWireCodec::decode_webhook(const HttpRequest& request,
                                                      const WireCredentials& credentials) const {
  Result<JsonDocument> document = open_signed_json_webhook(
      request, verify_apple_authorization(credentials.secret, request.body, request.header("Authorization")),
      "Authorization: the bearer token does not verify over the body");
  if (!document.is_ok()) return document.status();
  Result<AppleEnvelope> envelope = read_envelope(request, credentials);
  if (!envelope.is_ok()) return envelope.status();
  Result<std::optional<WireInbound>> event = read_message(JsonCursor(document.value().root()), envelope.value());
  if (!event.is_ok()) return event.status();
  DecodedWebhook decoded;
  if (event.value()) decoded.inbound.push_back(std::move(*event.value()));
  return decoded;
}

HttpRequest AppleWireCodec::encode_send(const WireSend& send, const WireCredentials& credentials) const {
  const UuidText content_id = content_uuid_text(send.to_address, send.text);
  const std::string_view id = send.retry_key.empty() ? content_id.view() : std::string_view(send.retry_key);
  HttpRequest request;
  request.target = std::string(kAppleSendPath);
  BodyWriter body(request.body, 256 + 2 * id.size() + credentials.business_address.size() + send.to_address.size() +
                                    send.text.size());
  body.raw(R"({"v":1,)");
  body.json_member("id", id);
  body.byte(',');
  body.json_member("sourceId", credentials.business_address);
  body.byte(',');
  body.json_member("destinationId", send.to_address);
  body.byte(',');
  if (send.options.interactive == InteractiveType::kText) {
    body.raw(R"("type":"text",)");
    body.json_member("body", send.text);
  } else {
    append_interactive(body, send, id);
  }
  body.byte('}');
  body.finish();
  const SignatureText authorization = apple_authorization_text(credentials.secret, request.body);
  request.headers.add("Content-Type", "application/json");
  request.headers.add("id", id);
  request.headers.add("source-id", credentials.business_address);
  request.headers.add("destination-id", send.to_address);
  request.headers.add("Authorization", authorization.view());
  return request;
}

Result<WireSendAnswer> AppleWireCodec::decode_send_response(const HttpResponse& response) const {
  return read_send_answer(response, "id");
}

std::unique_ptr<StackWireCodec> make_apple_wire_codec() { return std::make_unique<AppleWireCodec>(); }

}  // namespace msgsim::stack
