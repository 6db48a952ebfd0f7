#include "fakes/wire/web_codec.h"

#include "fakes/wire/id_bijection.h"
#include "fakes/wire/provider_codecs.h"
#include "fakes/wire/webhook_url_target.h"
#include "sim/runtime/check.h"
#include "sim/stack/wire/body_writer.h"
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

void append_visitor_event(stack::BodyWriter& body, const stack::WireInbound& event,
                          const stack::WireCredentials& credentials) {
  MSGSIM_CHECK_MSG(event.kind == stack::InboundKind::kMessage, "web and in-app report no conversation events");
  body.raw(event.end_conversation ? R"("type":"end",)" : R"("type":"message",)");
  body.json_member("conversationId", stack::content_uuid_text(event.from_address, credentials.business_address).view());
  body.byte(',');
  body.json_member("visitorId", event.from_address);
  body.byte(',');
  body.json_member("messageId", event.message_id);
  if (!event.end_conversation) {
    body.byte(',');
    body.json_member("text", event.text);
  }
  body.byte(',');
  const std::int64_t sent_at_ms = stack::to_unix_ms(event.sent_at);
  body.json_member("sentAt", sent_at_ms);
  if (!event.verified_subject.empty()) {
    const std::int64_t issued_at_s = sent_at_ms / 1000;
    body.byte(',');
    body.json_member("identityToken",
                     stack::sign_identity_token(credentials.secret,
                                                {event.verified_subject, issued_at_s, issued_at_s + kTokenLifetimeSeconds}));
  }
}

void append_receipt(stack::BodyWriter& body, const stack::WireReceipt& receipt) {
  body.raw(R"("type":"receipt",)");
  body.json_member("messageId", receipt.message_id);
  body.byte(',');
  body.json_member("visitorId", receipt.recipient_address);
  body.byte(',');
  body.json_member("status", stack::web_receipt_status(receipt.state));
  if (receipt.error_code != 0) {
    body.byte(',');
    body.json_member("errorCode", std::int64_t{receipt.error_code});
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
  std::size_t bytes_expected = 200;
  for (const stack::WireInbound& event : events.inbound) {
    bytes_expected += 2 * event.from_address.size() + event.message_id.size() + event.text.size() +
                      (event.verified_subject.empty() ? 0 : 200 + 2 * event.verified_subject.size());
  }
  for (const stack::WireReceipt& receipt : events.receipts) {
    bytes_expected += receipt.message_id.size() + receipt.recipient_address.size();
  }
  stack::BodyWriter body(request.body, bytes_expected);
  body.byte('{');
  if (events.inbound.empty()) {
    append_receipt(body, events.receipts.front());
  } else {
    append_visitor_event(body, events.inbound.front(), credentials);
  }
  body.byte('}');
  body.finish();
  request.headers.add("Content-Type", "application/json");
  request.headers.add(stack::kConnectorSignatureHeader,
                      stack::connector_signature_text(credentials.secret, request.body).view());
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
