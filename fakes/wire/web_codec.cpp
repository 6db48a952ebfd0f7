#include "fakes/wire/web_codec.h"

#include "fakes/wire/id_bijection.h"
#include "fakes/wire/provider_codecs.h"
#include "fakes/wire/webhook_url_target.h"
#include "sim/runtime/check.h"
#include "sim/stack/wire/connector_signature.h"
#include "sim/stack/wire/content_uuid.h"
#include "sim/stack/wire/header_fields.h"
#include "sim/stack/wire/identity_token.h"
#include "sim/stack/wire/json_cursor.h"
#include "sim/stack/wire/json_writing.h"
#include "sim/stack/wire/refusal_answer.h"
#include "sim/stack/wire/web_wire_codec.h"
#include "sim/stack/wire/webhook_limits.h"
#include "sim/stack/wire/wire_time.h"

namespace msgsim::fakes {

using runtime::Result;
using runtime::Status;
using runtime::StatusCode;
using stack::JsonCursor;
using stack::JsonKind;

namespace {

constexpr IdScrambler kWebMessageIds(0x5745424d53474944ull);    // "WEBMSGID"
constexpr IdScrambler kWebVisitorIds(0x5745425649534954ull);    // "WEBVISIT"
constexpr IdScrambler kInAppMessageIds(0x4150504d53474944ull);  // "APPMSGID"
constexpr IdScrambler kInAppDeviceIds(0x4150504445564943ull);   // "APPDEVIC"
constexpr std::int64_t kTokenLifetimeSeconds = 3600;

void append_visitor_event(std::string& body, const stack::WireInbound& event,
                          const stack::WireCredentials& credentials) {
  MSGSIM_CHECK_MSG(event.kind == stack::InboundKind::kMessage, "web and in-app report no conversation events");
  stack::append_json_member(body, "type", event.end_conversation ? "end" : "message");
  body += ',';
  stack::append_json_member(body, "conversationId",
                            stack::content_uuid(event.from_address, credentials.business_address));
  body += ',';
  stack::append_json_member(body, "visitorId", event.from_address);
  body += ',';
  stack::append_json_member(body, "messageId", event.message_id);
  if (!event.end_conversation) {
    body += ',';
    stack::append_json_member(body, "text", event.text);
  }
  body += ',';
  const std::int64_t sent_at_ms = stack::to_unix_ms(event.sent_at);
  stack::append_json_member(body, "sentAt", sent_at_ms);
  if (!event.verified_subject.empty()) {
    const std::int64_t issued_at_s = sent_at_ms / 1000;
    body += ',';
    stack::append_json_member(
        body, "identityToken",
        stack::sign_identity_token(credentials.secret,
                                   {event.verified_subject, issued_at_s, issued_at_s + kTokenLifetimeSeconds}));
  }
}

void append_receipt(std::string& body, const stack::WireReceipt& receipt) {
  stack::append_json_member(body, "type", "receipt");
  body += ',';
  stack::append_json_member(body, "messageId", receipt.message_id);
  body += ',';
  stack::append_json_member(body, "visitorId", receipt.recipient_address);
  body += ',';
  stack::append_json_member(body, "status", stack::web_receipt_status(receipt.state));
  if (receipt.error_code != 0) {
    body += ',';
    stack::append_json_member(body, "errorCode", std::int64_t{receipt.error_code});
  }
}

}  // namespace

WebCodec::WebCodec(stack::ChannelType type) : type_(type) {
  MSGSIM_CHECK_MSG(type == stack::ChannelType::kWeb || type == stack::ChannelType::kInApp,
                   "the web codec serves web and in-app");
}

stack::HttpRequest WebCodec::encode_webhook(const stack::DecodedWebhook& events,
                                            const stack::WireCredentials& credentials) const {
  MSGSIM_CHECK_MSG(events.inbound.size() + events.receipts.size() == 1, "a web webhook carries exactly one event");
  stack::HttpRequest request;
  request.target = target_of_webhook_url(credentials.webhook_url);
  request.body.reserve(240 + (events.inbound.empty() ? 0 : events.inbound.front().text.size() * 5 / 4));
  request.body = "{";
  if (events.inbound.empty()) {
    append_receipt(request.body, events.receipts.front());
  } else {
    append_visitor_event(request.body, events.inbound.front(), credentials);
  }
  request.body += '}';
  request.headers.reserve(2);
  request.headers.push_back(stack::HttpHeader{"Content-Type", "application/json"});
  request.headers.push_back(stack::HttpHeader{std::string(stack::kConnectorSignatureHeader),
                                              stack::sign_connector_body(credentials.secret, request.body)});
  return request;
}

Result<stack::WireSend> WebCodec::decode_send(const stack::HttpRequest& request,
                                              const stack::WireCredentials& credentials) const {
  if (!stack::verify_connector_body(credentials.secret, request.body, request.header(stack::kConnectorSignatureHeader))) {
    return Status(StatusCode::kUnauthenticated, "X-Msgsim-Signature: does not match the body");
  }
  const std::optional<std::string> visitor = stack::web_visitor_of_path(request.path());
  if (request.method != "POST" || !visitor) {
    return Status(StatusCode::kInvalidInput, "expected POST /conversations/{visitorId}/messages, got " +
                                                 request.method + " " + std::string(request.path()));
  }
  Status size = stack::check_webhook_size(request.body.size());
  if (!size.is_ok()) return size;
  Result<std::string> retry_key = stack::read_optional_header(request, stack::kIdempotencyKeyHeader,
                                                              stack::kWireIdBytesMax);
  if (!retry_key.is_ok()) return retry_key.status();
  Result<stack::JsonDocument> document = stack::JsonDocument::parse(request.body);
  if (!document.is_ok()) return document.status();
  const JsonCursor root(document.value().root());
  Status is_object = root.expect(JsonKind::kObject);
  if (!is_object.is_ok()) return is_object;
  Result<std::string> text = root.member("text").string(stack::kWireTextBytesMax);
  if (!text.is_ok()) return text.status();
  stack::WireSend send;
  send.to_address = *visitor;
  send.text = text.take();
  send.retry_key = retry_key.take();
  return send;
}

stack::HttpResponse WebCodec::encode_send_response(const stack::WireSendAnswer& answer) const {
  if (!answer.outcome.accepted) {
    return stack::refusal_response(answer.outcome.error_code, "the message was not accepted");
  }
  stack::HttpResponse response;
  response.status = 201;
  response.body = "{";
  stack::append_json_member(response.body, "messageId", answer.message_id);
  response.body += '}';
  return response;
}

std::string WebCodec::message_id(std::uint64_t number) const {
  return uuid_for(number, type_ == stack::ChannelType::kWeb ? kWebMessageIds : kInAppMessageIds);
}

std::optional<std::uint64_t> WebCodec::message_number(std::string_view id) const {
  return number_of_uuid(id, type_ == stack::ChannelType::kWeb ? kWebMessageIds : kInAppMessageIds);
}

std::string WebCodec::opaque_address(std::uint64_t number) const {
  if (type_ == stack::ChannelType::kWeb) return uuid_for(number, kWebVisitorIds);
  return uuid_for(number, kInAppDeviceIds, HexCase::kUpper);
}

std::optional<std::uint64_t> WebCodec::opaque_number(std::string_view address) const {
  if (type_ == stack::ChannelType::kWeb) return number_of_uuid(address, kWebVisitorIds);
  return number_of_uuid(address, kInAppDeviceIds, HexCase::kUpper);
}

std::unique_ptr<ProviderWireCodec> make_web_codec() { return std::make_unique<WebCodec>(stack::ChannelType::kWeb); }
std::unique_ptr<ProviderWireCodec> make_in_app_codec() {
  return std::make_unique<WebCodec>(stack::ChannelType::kInApp);
}

}  // namespace msgsim::fakes
