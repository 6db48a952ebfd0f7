#include "fakes/wire/twilio_sms_codec.h"

#include <array>
#include <limits>
#include <optional>
#include <span>
#include <string>

#include "fakes/wire/id_bijection.h"
#include "fakes/wire/provider_codecs.h"
#include "fakes/wire/webhook_url_target.h"
#include "sim/stack/channels/signatures.h"
#include "sim/stack/channels/sms_encoding.h"
#include "sim/stack/wire/address_syntax.h"
#include "sim/stack/wire/ascii_json_writer.h"
#include "sim/stack/wire/form_encoding.h"
#include "sim/stack/wire/sms_wire_codec.h"
#include "sim/stack/wire/webhook_limits.h"
#include "sim/stack/wire/wire_utf8.h"

namespace msgsim::fakes {

using runtime::Result;
using runtime::Status;
using runtime::StatusCode;
using stack::FormParamView;

namespace {

constexpr IdScrambler kSidScrambler(0x534d'7477'696c'0003ull);
constexpr std::string_view kMessageSidPrefix = "SM";

struct ErrorInfo {
  int code;
  int http_status;
  std::string_view message;
};

constexpr std::array<ErrorInfo, 6> kErrors = {{
    {21610, 400, "Attempt to send to unsubscribed recipient"},
    {21617, 400, "The concatenated message body exceeds the 1600 character limit"},
    {20429, 429, "Too Many Requests"},
    {TwilioSmsCodec::kInternalServerError, 500, "Internal Server Error"},
    {21211, 400, "Invalid 'To' Phone Number"},
    {21606, 400, "The 'From' phone number provided is not a valid message-capable Twilio phone number for this destination"},
}};

ErrorInfo error_info(int code) {
  for (const ErrorInfo& info : kErrors) {
    if (info.code == code) return info;
  }
  return ErrorInfo{code, 400, "The request was refused"};
}

// Up to this many UTF-16 units a body is one segment whatever its encoding:
// a UCS-2 segment holds 70 units, and a GSM-7 character is one unit of at
// most 2 septets, so 70 of them fit in 160 septets.
constexpr std::size_t kOneSegmentUtf16Units = 70;

// UTF-16 units of valid UTF-8 text (4-byte sequences are surrogate pairs),
// counted only as far as `limit` + 1.
std::size_t utf16_units_up_to(std::string_view text, std::size_t limit) {
  std::size_t units = 0;
  for (std::size_t i = 0; i < text.size() && units <= limit; ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if ((byte & 0xC0u) != 0x80u) units += byte >= 0xF0u ? 2 : 1;
  }
  return units;
}

// NumSegments as Twilio counts it; the grapheme-exact segmentation runs only
// for bodies that may need more than one segment.
std::string segments_of(std::string_view text) {
  if (utf16_units_up_to(text, kOneSegmentUtf16Units) <= kOneSegmentUtf16Units) return "1";
  const Result<stack::SmsEncodingInfo> info = stack::sms_encoding_info(text);
  return std::to_string(info.is_ok() ? info.value().segments : 1);
}

// A webhook's parameters as views of the event and the credentials (and of
// `number`, written here), in name order as Twilio sends them. Views point
// into the object: fill it where it stays, never copy or move it.
struct WebhookParams {
  std::array<FormParamView, 12> views;
  std::size_t size = 0;
  std::string number;  // NumSegments or ErrorCode

  void add(std::string_view name, std::string_view value) {
    MSGSIM_CHECK(size < views.size());
    views[size++] = FormParamView{name, value};
  }
  std::span<FormParamView> span() { return std::span<FormParamView>(views.data(), size); }
};

void inbound_params(const stack::WireInbound& message, const stack::WireCredentials& credentials,
                    WebhookParams& params) {
  MSGSIM_CHECK_MSG(message.kind == stack::InboundKind::kMessage && !message.end_conversation,
                   "Twilio reports only messages");
  params.number = segments_of(message.text);
  params.add("AccountSid", credentials.account_id);
  params.add("ApiVersion", stack::kTwilioApiVersion);
  params.add("Body", message.text);
  params.add("From", message.from_address);
  params.add("MessageSid", message.message_id);
  params.add("MessagingServiceSid", "");  // the fake numbers belong to no messaging service
  params.add("NumMedia", "0");
  params.add("NumSegments", params.number);
  params.add("SmsMessageSid", message.message_id);
  params.add("SmsSid", message.message_id);
  params.add("SmsStatus", "received");
  params.add("To", credentials.business_address);
}

void status_params(const stack::WireReceipt& receipt, const stack::WireCredentials& credentials,
                   WebhookParams& params) {
  const std::string_view status = stack::twilio_status_name(receipt.state);
  params.add("AccountSid", credentials.account_id);
  params.add("ApiVersion", stack::kTwilioApiVersion);
  if (receipt.state == stack::DeliveryState::kFailed) {
    const int code = receipt.error_code != 0 ? receipt.error_code : TwilioSmsCodec::kUnknownDeliveryError;
    params.number = std::to_string(code);
    params.add("ErrorCode", params.number);
  }
  params.add("From", credentials.business_address);
  params.add("MessageSid", receipt.message_id);
  params.add("MessageStatus", status);
  params.add("SmsSid", receipt.message_id);
  params.add("SmsStatus", status);
  params.add("To", receipt.recipient_address);
}

// The AccountSid of a path "/2010-04-01/Accounts/{AccountSid}/Messages.json".
Result<std::string_view> account_of_path(std::string_view path) {
  constexpr std::string_view kAccounts = "/Accounts/";
  constexpr std::string_view kSuffix = "/Messages.json";
  const std::size_t prefix_size = 1 + stack::kTwilioApiVersion.size() + kAccounts.size();
  const bool prefixed = path.starts_with('/') && path.substr(1).starts_with(stack::kTwilioApiVersion) &&
                        path.substr(1 + stack::kTwilioApiVersion.size()).starts_with(kAccounts);
  if (prefixed && path.ends_with(kSuffix) && path.size() > prefix_size + kSuffix.size()) {
    return path.substr(prefix_size, path.size() - prefix_size - kSuffix.size());
  }
  return Status(StatusCode::kInvalidInput, "unknown resource " + stack::text_excerpt(path, 128));
}

Status check_credentials(const stack::HttpRequest& request, const stack::WireCredentials& credentials) {
  Result<std::string_view> account = account_of_path(request.path());
  if (!account.is_ok()) return account.status();
  if (credentials.account_id.empty() || account.value() != credentials.account_id) {
    return Status(StatusCode::kUnauthenticated, "account " + stack::text_excerpt(account.value()) + " is not this account");
  }
  const stack::TwilioBasicAuthorization expected(credentials.account_id, credentials.secret);
  if (!stack::constant_time_equals(request.header("Authorization"), expected.view())) {
    return Status(StatusCode::kUnauthenticated, "Authorization does not carry this account's credentials");
  }
  return Status::ok();
}

Result<std::string_view> required(const stack::FormFields& params, std::string_view name) {
  Result<std::optional<std::string_view>> found = params.find(name);
  if (!found.is_ok()) return found.status();
  if (!found.value()) return Status(StatusCode::kInvalidInput, "parameter " + std::string(name) + " is missing");
  return *found.value();
}

Result<stack::WireSend> read_send(const stack::FormFields& params, const stack::WireCredentials& credentials) {
  Result<std::string_view> to = required(params, "To");
  if (!to.is_ok()) return to.status();
  if (!stack::is_e164(to.value())) return Status(StatusCode::kInvalidInput, "parameter To \"" + stack::text_excerpt(to.value()) + "\" is not an E.164 number");
  Result<std::string_view> from = required(params, "From");
  if (!from.is_ok()) return from.status();
  if (!credentials.business_address.empty() && from.value() != credentials.business_address) {
    return Status(StatusCode::kInvalidInput, "parameter From \"" + stack::text_excerpt(from.value()) + "\" is not this account's number");
  }
  Result<std::string_view> body = required(params, "Body");
  if (!body.is_ok()) return body.status();
  if (const std::optional<std::size_t> bad = stack::find_invalid_utf8(body.value())) {
    return Status(StatusCode::kInvalidInput, "parameter Body: invalid UTF-8 at byte " + std::to_string(*bad));
  }
  if (body.value().size() > stack::kWireTextBytesMax) {
    return Status(StatusCode::kInvalidInput, "parameter Body is over " + std::to_string(stack::kWireTextBytesMax) + " bytes");
  }
  stack::WireSend send;
  send.to_address = to.value();
  send.text = body.value();
  return send;
}

Status with_prefix(const Status& status) { return Status(status.code(), "sms send call: " + status.message()); }

}  // namespace

stack::HttpRequest TwilioSmsCodec::encode_webhook(const stack::DecodedWebhook& events,
                                                  const stack::WireCredentials& credentials) const {
  MSGSIM_CHECK_MSG(events.inbound.size() + events.receipts.size() == 1, "Twilio posts one event per request");
  WebhookParams params;
  if (events.inbound.empty()) {
    status_params(events.receipts.front(), credentials, params);
  } else {
    inbound_params(events.inbound.front(), credentials, params);
  }
  stack::HttpRequest request;
  request.method = "POST";
  request.target = target_of_webhook_url(credentials.webhook_url);
  stack::BodyWriter body(request.body, stack::form_body_bytes_max(params.span()));
  for (const FormParamView& param : params.span()) stack::append_form_field(body, param.name, param.value);
  body.finish();
  request.headers.add("Content-Type", "application/x-www-form-urlencoded");
  request.headers.add("X-Twilio-Signature",
                      stack::twilio_signature_text(credentials.secret, credentials.webhook_url, params.span()).view());
  return request;
}

Result<stack::WireSend> TwilioSmsCodec::decode_send(const stack::HttpRequest& request,
                                                    const stack::WireCredentials& credentials) const {
  if (request.method != "POST") return with_prefix(Status(StatusCode::kInvalidInput, "messages are created with POST"));
  Status authorised = check_credentials(request, credentials);
  if (!authorised.is_ok()) return with_prefix(authorised);
  Status size = stack::check_webhook_size(request.body.size());
  if (!size.is_ok()) return with_prefix(size);
  Result<stack::FormFields> params = stack::FormFields::decode(request.body);
  if (!params.is_ok()) return with_prefix(params.status());
  Result<stack::WireSend> send = read_send(params.value(), credentials);
  if (!send.is_ok()) return with_prefix(send.status());
  return send;
}

stack::HttpResponse TwilioSmsCodec::encode_send_response(const stack::WireSendAnswer& answer) const {
  stack::HttpResponse response;
  stack::AsciiJsonWriter json(response.body);
  if (answer.outcome.accepted) {
    response.status = 201;
    json.begin_object().member_text("sid", answer.message_id).member_text("status", "queued");
    json.member_text("direction", "outbound-api").member_text("api_version", stack::kTwilioApiVersion);
    json.key("error_code").null().key("error_message").null().end_object();
    return response;
  }
  const ErrorInfo info = error_info(answer.outcome.error_code != 0 ? answer.outcome.error_code : kInternalServerError);
  response.status = info.http_status;
  json.begin_object().member_integer("code", info.code).member_text("message", info.message);
  json.member_text("more_info", "https://www.twilio.com/docs/errors/" + std::to_string(info.code));
  json.member_integer("status", info.http_status).end_object();
  return response;
}

std::string TwilioSmsCodec::message_id(std::uint64_t number) const {
  return std::string(kMessageSidPrefix) + hex128_for(number, kSidScrambler);
}

std::optional<std::uint64_t> TwilioSmsCodec::message_number(std::string_view id) const {
  if (!stack::is_twilio_sid(id, kMessageSidPrefix)) return std::nullopt;
  return number_of_hex128(id.substr(kMessageSidPrefix.size()), kSidScrambler);
}

std::unique_ptr<ProviderWireCodec> make_twilio_sms_codec() { return std::make_unique<TwilioSmsCodec>(); }

}  // namespace msgsim::fakes
