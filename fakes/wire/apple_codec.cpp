#include "fakes/wire/apple_codec.h"

#include <array>
#include <charconv>
#include <utility>

#include "fakes/wire/id_bijection.h"
#include "fakes/wire/provider_codecs.h"
#include "fakes/wire/webhook_url_target.h"
#include "sim/runtime/check.h"
#include "sim/stack/wire/apple_wire_codec.h"
#include "sim/stack/wire/base64_text.h"
#include "sim/stack/wire/body_writer.h"
#include "sim/stack/wire/header_fields.h"
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

constexpr IdScrambler kMessageIds(0x41504c454d534731ull);   // "APLEMSG1"
constexpr IdScrambler kOpaqueIds(0x41504c454f504131ull);    // "APLEOPA1"
constexpr std::string_view kOpaquePrefix = "urn:mbid:";
// Apple's opaque ids open with the bytes 01 00 00 ("AQAA" in base64).
constexpr std::string_view kOpaqueLead("\x01\x00\x00", 3);
constexpr std::size_t kOpaqueBytes = 36;

constexpr std::array<stack::InteractiveType, 5> kInteractiveTypes{
    stack::InteractiveType::kListPicker, stack::InteractiveType::kTimePicker, stack::InteractiveType::kQuickReply,
    stack::InteractiveType::kForm, stack::InteractiveType::kAuthentication};

// The interactive type and title of an interactive body.
Status read_interactive(const JsonCursor& root, stack::WireSend& send) {
  const JsonCursor interactive = root.member("interactiveData");
  const JsonCursor data = interactive.member("data");
  Status is_object = data.expect(JsonKind::kObject);
  if (!is_object.is_ok()) return is_object;
  int found = 0;
  for (const stack::InteractiveType type : kInteractiveTypes) {
    if (!data.value().member(stack::apple_interactive_key(type)).present()) continue;
    send.options.interactive = type;
    ++found;
  }
  if (found != 1) return data.error("expected exactly one interactive kind (listPicker, event, quick-reply, dynamic, authenticate)");
  const JsonCursor received = interactive.member("receivedMessage");
  Result<std::string> title = received.member("title").string(stack::kWireTextBytesMax);
  if (!title.is_ok()) return title.status();
  send.text = title.take();
  return Status::ok();
}

Status read_send_body(std::string_view body, stack::WireSend& send) {
  Result<stack::JsonDocument> document = stack::JsonDocument::parse(body);
  if (!document.is_ok()) return document.status();
  const JsonCursor root(document.value().root());
  Status is_object = root.expect(JsonKind::kObject);
  if (!is_object.is_ok()) return is_object;
  const JsonCursor destination = root.member("destinationId");
  if (destination.present() && !destination.value().text_equals(send.to_address)) {
    return destination.error("differs from the destination-id header");
  }
  const JsonCursor type = root.member("type");
  Result<std::string> kind = type.string(stack::kWireIdBytesMax);
  if (!kind.is_ok()) return kind.status();
  if (kind.value() == "interactive") return read_interactive(root, send);
  if (kind.value() != "text") return type.error("a business message is text or interactive, not \"" + kind.value() + "\"");
  Result<std::string> text = root.member("body").string(stack::kWireTextBytesMax);
  if (!text.is_ok()) return text.status();
  send.text = text.take();
  return Status::ok();
}

}  // namespace

stack::HttpRequest AppleCodec::encode_webhook(const stack::DecodedWebhook& events,
                                              const stack::WireCredentials& credentials) const {
  MSGSIM_CHECK_MSG(events.inbound.size() == 1 && events.receipts.empty(),
                   "an Apple webhook carries exactly one message and Apple sends no receipts");
  const stack::WireInbound& event = events.inbound.front();
  MSGSIM_CHECK_MSG(event.kind == stack::InboundKind::kMessage || event.kind == stack::InboundKind::kConversationDeleted,
                   "Apple has no follow or unfollow events");
  const bool close = event.kind == stack::InboundKind::kConversationDeleted || event.end_conversation;
  stack::HttpRequest request;
  request.target = target_of_webhook_url(credentials.webhook_url);
  stack::BodyWriter body(request.body, 48 + event.text.size());
  if (close) {
    body.raw(R"({"v":1,"type":"close"})");
  } else {
    body.raw(R"({"v":1,"type":"text",)");
    body.json_member("body", event.text);
    body.byte('}');
  }
  body.finish();
  request.headers.add("Content-Type", "application/json");
  request.headers.add("id", event.message_id);
  request.headers.add("source-id", event.from_address);
  request.headers.add("destination-id", credentials.business_address);
  char sent_at[24];
  const auto [sent_at_end, error] = std::to_chars(sent_at, sent_at + sizeof sent_at, stack::to_unix_ms(event.sent_at));
  MSGSIM_CHECK(error == std::errc());
  request.headers.add(stack::kAppleSentAtHeader, std::string_view(sent_at, static_cast<std::size_t>(sent_at_end - sent_at)));
  request.headers.add("Authorization", stack::apple_authorization_text(credentials.secret, request.body).view());
  if (!close) request.headers.add("capability-list", stack::apple_capability_list(event.capabilities));
  return request;
}

Result<stack::WireSend> AppleCodec::decode_send(const stack::HttpRequest& request,
                                                const stack::WireCredentials& credentials) const {
  if (!stack::verify_apple_authorization(credentials.secret, request.body, request.header("Authorization"))) {
    return Status(StatusCode::kUnauthenticated, "Authorization: the bearer token does not verify over the body");
  }
  if (request.method != "POST" || request.path() != stack::kAppleSendPath) {
    return Status(StatusCode::kInvalidInput, "expected POST /v1/message, got " + request.method + " " +
                                                 std::string(request.path()));
  }
  Status size = stack::check_webhook_size(request.body.size());
  if (!size.is_ok()) return size;
  Result<std::string> id = stack::read_header(request, "id", stack::kWireIdBytesMax);
  if (!id.is_ok()) return id.status();
  Result<std::string> source = stack::read_header(request, "source-id", stack::kWireIdBytesMax);
  if (!source.is_ok()) return source.status();
  if (!credentials.business_address.empty() && source.value() != credentials.business_address) {
    return Status(StatusCode::kInvalidInput, "header source-id: '" + source.value() + "' is not this business");
  }
  Result<std::string> destination = stack::read_header(request, "destination-id", stack::kWireIdBytesMax);
  if (!destination.is_ok()) return destination.status();
  stack::WireSend send;
  send.to_address = destination.take();
  send.retry_key = id.take();
  Status body = read_send_body(request.body, send);
  if (!body.is_ok()) return body;
  return send;
}

stack::HttpResponse AppleCodec::encode_send_response(const stack::WireSendAnswer& answer) const {
  if (!answer.outcome.accepted) {
    return stack::refusal_response(answer.outcome.error_code, "the message was not accepted");
  }
  stack::HttpResponse response;
  response.body = "{";
  stack::append_json_member(response.body, "id", answer.message_id);
  response.body += '}';
  return response;
}

std::string AppleCodec::message_id(std::uint64_t number) const { return uuid_for(number, kMessageIds); }

std::optional<std::uint64_t> AppleCodec::message_number(std::string_view id) const {
  return number_of_uuid(id, kMessageIds);
}

std::string AppleCodec::opaque_address(std::uint64_t number) const {
  std::string bytes(kOpaqueLead);
  bytes += bytes_for(number, kOpaqueIds, kOpaqueBytes - kOpaqueLead.size());
  return std::string(kOpaquePrefix) + stack::base64_encode(bytes, stack::Base64Alphabet::kStandardPadded);
}

std::optional<std::uint64_t> AppleCodec::opaque_number(std::string_view address) const {
  if (!address.starts_with(kOpaquePrefix)) return std::nullopt;
  address.remove_prefix(kOpaquePrefix.size());
  const std::optional<std::string> bytes = stack::base64_decode(address, stack::Base64Alphabet::kStandardPadded);
  if (!bytes || bytes->size() != kOpaqueBytes || !bytes->starts_with(kOpaqueLead)) return std::nullopt;
  return number_of_bytes(std::string_view(*bytes).substr(kOpaqueLead.size()), kOpaqueIds);
}

std::unique_ptr<ProviderWireCodec> make_apple_codec() { return std::make_unique<AppleCodec>(); }

}  // namespace msgsim::fakes
