#include "sim/stack/wire/sms_wire_codec.h"

#include <openssl/evp.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>

#include "sim/stack/channels/signatures.h"
#include "sim/stack/wire/address_syntax.h"
#include "sim/stack/wire/codecs.h"
#include "sim/stack/wire/form_encoding.h"
#include "sim/stack/wire/json_cursor.h"
#include "sim/stack/wire/webhook_limits.h"
#include "sim/stack/wire/wire_utf8.h"

namespace msgsim::stack {

using runtime::Result;
using runtime::Status;
using runtime::StatusCode;

namespace {

constexpr std::string_view kWebhook = "sms webhook";
constexpr std::string_view kSendApi = "sms send API";
constexpr std::string_view kSignatureHeader = "X-Twilio-Signature";

Status with_prefix(std::string_view what, const Status& status) {
  return Status(status.code(), std::string(what) + ": " + status.message());
}

Status bad_param(std::string_view name, std::string_view value, std::string_view what) {
  return Status(StatusCode::kInvalidInput,
                "parameter " + std::string(name) + " \"" + text_excerpt(value) + "\" " + std::string(what));
}

// The value of parameter `name`, which must be present exactly once.
Result<std::string_view> required_param(const FormFields& params, std::string_view name) {
  Result<std::optional<std::string_view>> found = params.find(name);
  if (!found.is_ok()) return found.status();
  if (!found.value()) return Status(StatusCode::kInvalidInput, "parameter " + std::string(name) + " is missing");
  if (found.value()->size() > kWireIdBytesMax && name != "Body") {
    return bad_param(name, *found.value(), "is longer than " + std::to_string(kWireIdBytesMax) + " bytes");
  }
  return *found.value();
}

// Signature (over the URL and the decoded parameters), size, method, in
// the order every decoder follows. The fields borrow request.body.
Result<FormFields> verified_params(const HttpRequest& request, const WireCredentials& credentials) {
  const std::string_view signature = request.header(kSignatureHeader);
  if (signature.empty()) return Status(StatusCode::kUnauthenticated, "missing X-Twilio-Signature header");
  Result<FormFields> params = FormFields::decode(request.body);
  if (!params.is_ok()) {
    return Status(StatusCode::kUnauthenticated,
                  "X-Twilio-Signature cannot be checked: the form does not decode (" + params.status().message() + ")");
  }
  FormParamViews signed_params(params.value());
  if (!verify_twilio_signature_of_views(credentials.secret, credentials.webhook_url, signed_params.span(), signature)) {
    return Status(StatusCode::kUnauthenticated, "X-Twilio-Signature does not match the URL and parameters");
  }
  Status size = check_webhook_size(request.body.size());
  if (!size.is_ok()) return size;
  if (request.method != "POST") return Status(StatusCode::kInvalidInput, "webhooks are POST requests");
  return params;
}

Status check_account(const FormFields& params, const WireCredentials& credentials) {
  Result<std::string_view> account = required_param(params, "AccountSid");
  if (!account.is_ok()) return account.status();
  if (!is_twilio_sid(account.value(), "AC")) return bad_param("AccountSid", account.value(), "is not AC + 32 hex");
  if (!credentials.account_id.empty() && account.value() != credentials.account_id) {
    return bad_param("AccountSid", account.value(), "is not this channel's account");
  }
  return Status::ok();
}

Result<std::string_view> read_message_sid(const FormFields& params) {
  Result<std::string_view> sid = required_param(params, "MessageSid");
  if (!sid.is_ok()) return sid.status();
  if (!is_twilio_sid(sid.value(), "SM") && !is_twilio_sid(sid.value(), "MM")) {
    return bad_param("MessageSid", sid.value(), "is not SM or MM + 32 hex");
  }
  return sid;
}

// The channel's own number in `name` (To of a message, From of a status).
Status check_business_number(const FormFields& params, std::string_view name, const WireCredentials& credentials) {
  Result<std::string_view> number = required_param(params, name);
  if (!number.is_ok()) return number.status();
  if (!credentials.business_address.empty()) {
    if (number.value() == credentials.business_address) return Status::ok();
    return bad_param(name, number.value(), "is not this channel's number " + credentials.business_address);
  }
  if (is_e164(number.value()) || is_short_code(number.value())) return Status::ok();
  return bad_param(name, number.value(), "is neither an E.164 number nor a short code");
}

Result<std::string_view> read_customer_number(const FormFields& params, std::string_view name) {
  Result<std::string_view> number = required_param(params, name);
  if (!number.is_ok()) return number.status();
  if (!is_e164(number.value())) return bad_param(name, number.value(), "is not an E.164 number");
  return number;
}

Status check_count(const FormFields& params, std::string_view name) {
  Result<std::string_view> count = required_param(params, name);
  if (!count.is_ok()) return count.status();
  if (!parse_unsigned_decimal(count.value())) return bad_param(name, count.value(), "is not a count");
  return Status::ok();
}

Status read_inbound(const FormFields& params, const WireCredentials& credentials, DecodedWebhook& out) {
  Result<std::string_view> sid = read_message_sid(params);
  if (!sid.is_ok()) return sid.status();
  Result<std::string_view> from = read_customer_number(params, "From");
  if (!from.is_ok()) return from.status();
  Status to = check_business_number(params, "To", credentials);
  if (!to.is_ok()) return to;
  for (std::string_view count : {"NumMedia", "NumSegments"}) {
    Status counted = check_count(params, count);
    if (!counted.is_ok()) return counted;
  }
  Result<std::string_view> body = required_param(params, "Body");
  if (!body.is_ok()) return body.status();
  if (body.value().size() > kWireTextBytesMax) {
    return Status(StatusCode::kInvalidInput, "parameter Body of " + std::to_string(body.value().size()) +
                                                 " bytes is over the limit of " + std::to_string(kWireTextBytesMax));
  }
  if (const std::optional<std::size_t> bad = find_invalid_utf8(body.value())) {
    return Status(StatusCode::kInvalidInput, "parameter Body: invalid UTF-8 at byte " + std::to_string(*bad));
  }
  WireInbound& inbound = out.inbound.emplace_back();
  inbound.kind = InboundKind::kMessage;
  inbound.from_address = from.value();
  inbound.message_id = sid.value();
  inbound.text = body.value();
  return Status::ok();
}

// nullopt: a status Twilio documents for a stage the stack does not track.
Result<std::optional<DeliveryState>> read_message_status(std::string_view status) {
  using State = std::optional<DeliveryState>;
  if (status == "queued") return State(DeliveryState::kQueued);
  if (status == "sent") return State(DeliveryState::kSent);
  if (status == "delivered") return State(DeliveryState::kDelivered);
  if (status == "read") return State(DeliveryState::kRead);
  if (status == "failed" || status == "undelivered") return State(DeliveryState::kFailed);
  for (std::string_view other : {"accepted", "scheduled", "sending", "receiving", "received", "partially_delivered",
                                 "canceled"}) {
    if (status == other) return State();
  }
  return bad_param("MessageStatus", status, "is not a Twilio message status");
}

Result<int> read_error_code(const FormFields& params) {
  Result<std::optional<std::string_view>> code = params.find("ErrorCode");
  if (!code.is_ok()) return code.status();
  if (!code.value() || code.value()->empty()) return 0;
  const std::optional<std::int64_t> value = parse_unsigned_decimal(*code.value());
  if (!value || *value > std::numeric_limits<int>::max()) return bad_param("ErrorCode", *code.value(), "is not an error code");
  return static_cast<int>(*value);
}

Status read_status_callback(const FormFields& params, std::string_view status, const WireCredentials& credentials,
                            DecodedWebhook& out) {
  Result<std::string_view> sid = read_message_sid(params);
  if (!sid.is_ok()) return sid.status();
  Result<std::optional<DeliveryState>> state = read_message_status(status);
  if (!state.is_ok()) return state.status();
  Result<std::string_view> to = read_customer_number(params, "To");
  if (!to.is_ok()) return to.status();
  Status from = check_business_number(params, "From", credentials);
  if (!from.is_ok()) return from;
  Result<int> error_code = read_error_code(params);
  if (!error_code.is_ok()) return error_code.status();
  if (!state.value()) return Status::ok();
  WireReceipt& receipt = out.receipts.emplace_back();
  receipt.message_id = sid.value();
  receipt.recipient_address = to.value();
  receipt.state = *state.value();
  receipt.error_code = error_code.value();
  return Status::ok();
}

Status read_event(const FormFields& params, const WireCredentials& credentials, DecodedWebhook& out) {
  Status account = check_account(params, credentials);
  if (!account.is_ok()) return account;
  Result<std::optional<std::string_view>> status = params.find("MessageStatus");
  if (!status.is_ok()) return status.status();
  if (status.value()) return read_status_callback(params, *status.value(), credentials, out);
  return read_inbound(params, credentials, out);
}

// 1 for the bytes of lowercase hex digits: a sid's 32 digits are checked
// by one table read each, without a branch per digit.
constexpr std::array<std::uint8_t, 256> kLowerHexDigits = [] {
  std::array<std::uint8_t, 256> table{};
  for (std::size_t byte = 0; byte < table.size(); ++byte) {
    table[byte] = (byte >= '0' && byte <= '9') || (byte >= 'a' && byte <= 'f') ? 1 : 0;
  }
  return table;
}();

}  // namespace

bool is_twilio_sid(std::string_view text, std::string_view prefix) {
  if (text.size() != prefix.size() + 32 || !text.starts_with(prefix)) return false;
  unsigned hex_digits = 0;
  for (const char c : text.substr(prefix.size())) hex_digits += kLowerHexDigits[static_cast<unsigned char>(c)];
  return hex_digits == 32;
}

std::string twilio_messages_path(std::string_view account_sid) {
  constexpr std::string_view kAccounts = "/Accounts/";
  constexpr std::string_view kMessages = "/Messages.json";
  std::string path;
  path.reserve(1 + kTwilioApiVersion.size() + kAccounts.size() + account_sid.size() + kMessages.size());
  path.append("/").append(kTwilioApiVersion).append(kAccounts).append(account_sid).append(kMessages);
  return path;
}

std::string twilio_basic_authorization(std::string_view account_sid, std::string_view auth_token) {
  return std::string(TwilioBasicAuthorization(account_sid, auth_token).view());
}

TwilioBasicAuthorization::TwilioBasicAuthorization(std::string_view account_sid, std::string_view auth_token) {
  constexpr std::string_view kBasic = "Basic ";
  const std::size_t plain_bytes = account_sid.size() + 1 + auth_token.size();
  MSGSIM_CHECK(plain_bytes < static_cast<std::size_t>(std::numeric_limits<int>::max() / 2));
  // EVP_EncodeBlock writes 4 characters per 3 bytes, no line breaks, and a
  // NUL; the plain "sid:token" goes after that room, in the same buffer.
  const std::size_t encoded_room = kBasic.size() + 4 * ((plain_bytes + 2) / 3) + 1;
  char* buffer = stack_text_.data();
  if (encoded_room + plain_bytes > stack_text_.size()) {
    heap_text_.resize(encoded_room + plain_bytes);
    buffer = heap_text_.data();
  }
  char* plain = buffer + encoded_room;
  std::copy(account_sid.begin(), account_sid.end(), plain);
  plain[account_sid.size()] = ':';
  std::copy(auth_token.begin(), auth_token.end(), plain + account_sid.size() + 1);
  std::copy(kBasic.begin(), kBasic.end(), buffer);
  const int written = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(buffer + kBasic.size()),
                                      reinterpret_cast<const unsigned char*>(plain), static_cast<int>(plain_bytes));
  text_ = buffer;
  size_ = kBasic.size() + static_cast<std::size_t>(written);
}

const char* twilio_status_name(DeliveryState state) {
  switch (state) {
    case DeliveryState::kQueued: return "queued";
    case DeliveryState::kSent: return "sent";
    case DeliveryState::kDelivered: return "delivered";
    case DeliveryState::kRead: return "read";
    case DeliveryState::kFailed: break;
  }
  return "failed";
}

Result<DecodedWebhook> SmsWireCodec::decode_webhook(const HttpRequest& request,
                                                    const WireCredentials& credentials) const {
  Result<FormFields> params = verified_params(request, credentials);
  if (!params.is_ok()) return with_prefix(kWebhook, params.status());
  DecodedWebhook out;
  Status read = read_event(params.value(), credentials, out);
  if (!read.is_ok()) return with_prefix(kWebhook, read);
  return out;
}

HttpRequest SmsWireCodec::encode_send(const WireSend& send, const WireCredentials& credentials) const {
  HttpRequest request;
  request.method = "POST";
  request.target = twilio_messages_path(credentials.account_id);
  request.headers.add("Authorization", TwilioBasicAuthorization(credentials.account_id, credentials.secret).view());
  request.headers.add("Content-Type", "application/x-www-form-urlencoded");
  const FormParamView fields[] = {{"To", send.to_address}, {"From", credentials.business_address}, {"Body", send.text}};
  BodyWriter body(request.body, form_body_bytes_max(fields));
  for (const FormParamView& field : fields) append_form_field(body, field.name, field.value);
  body.finish();
  return request;
}

Result<WireSendAnswer> SmsWireCodec::decode_send_response(const HttpResponse& response) const {
  const bool accepted = response.status >= 200 && response.status <= 299;
  Result<JsonDocument> document = JsonDocument::parse(response.body);
  if (!document.is_ok()) {
    const StatusCode code = response.status >= 500 ? StatusCode::kUnavailable : StatusCode::kInvalidInput;
    return Status(code, std::string(kSendApi) + ": HTTP " + std::to_string(response.status) + " with a body that is not JSON (" +
                            document.status().message() + ")");
  }
  const JsonCursor root(document.value().root());
  WireSendAnswer answer;
  if (accepted) {
    const JsonCursor sid = root.member("sid");
    Result<std::string> message_sid = sid.string(kWireIdBytesMax);
    if (!message_sid.is_ok()) return with_prefix(kSendApi, message_sid.status());
    if (!is_twilio_sid(message_sid.value(), "SM") && !is_twilio_sid(message_sid.value(), "MM")) {
      return with_prefix(kSendApi, sid.error("expected SM or MM + 32 hex"));
    }
    answer.outcome.accepted = true;
    answer.message_id = message_sid.take();
    return answer;
  }
  const JsonCursor code = root.member("code");
  Result<std::int64_t> value = code.integer();
  if (!value.is_ok()) {
    const StatusCode status = response.status >= 500 ? StatusCode::kUnavailable : StatusCode::kInvalidInput;
    return Status(status, std::string(kSendApi) + ": HTTP " + std::to_string(response.status) + ": " + value.status().message());
  }
  if (value.value() <= 0 || value.value() > std::numeric_limits<int>::max()) {
    return with_prefix(kSendApi, code.error("expected a positive error code"));
  }
  answer.outcome.error_code = static_cast<int>(value.value());
  return answer;
}

std::unique_ptr<StackWireCodec> make_sms_wire_codec() { return std::make_unique<SmsWireCodec>(); }

}  // namespace msgsim::stack
