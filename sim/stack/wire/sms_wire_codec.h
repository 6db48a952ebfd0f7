// The stack's half of Twilio's Programmable Messaging wire format.
//
// Webhooks are form-encoded POSTs signed with X-Twilio-Signature =
// base64(HMAC-SHA1(auth token, webhook URL + every parameter sorted by
// name, name then value)). Twilio posts one event per request:
//   inbound message: MessageSid (SM + 32 hex; MM for MMS), AccountSid, From,
//     To (the channel's number), Body, NumMedia, NumSegments, plus
//     SmsSid, SmsMessageSid, SmsStatus=received, ApiVersion, ...
//   status callback: MessageSid, MessageStatus (queued | sent | delivered |
//     undelivered | failed | read), ErrorCode when it failed, To (the
//     customer), From (the channel's number), AccountSid, ...
// Undelivered and failed both decode to kFailed. Statuses Twilio documents
// for other stages (accepted, scheduled, sending, receiving, received,
// partially_delivered, canceled) are skipped; an unknown one is refused.
// Twilio's inbound webhook carries no timestamp: WireInbound.sent_at stays
// at Time::zero() and the receiver's own clock is the only time it has.
// The AccountSid and the channel's number must be this channel's
// (credentials.account_id, credentials.business_address) when configured.
//
// Send API: POST /2010-04-01/Accounts/{AccountSid}/Messages.json with HTTP
// Basic authentication (AccountSid : auth token) and the form To, From
// (the channel's number), Body. Answers: 201 {"sid":"SM…","status":
// "queued",..}, or Twilio's error {"code":21610,"message":..,"more_info":..,
// "status":400}.
//
// Stateless; any thread may use it.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

#include "sim/stack/wire/stack_wire_codec.h"

namespace msgsim::stack {

class SmsWireCodec final : public StackWireCodec {
 public:
  ChannelType type() const override { return ChannelType::kSms; }
  runtime::Result<DecodedWebhook> decode_webhook(const HttpRequest& request,
                                                 const WireCredentials& credentials) const override;
  HttpRequest encode_send(const WireSend& send, const WireCredentials& credentials) const override;
  runtime::Result<WireSendAnswer> decode_send_response(const HttpResponse& response) const override;
};

constexpr std::string_view kTwilioApiVersion = "2010-04-01";

// True iff `text` is `prefix` ("SM", "MM", "AC") then 32 lowercase hex digits.
bool is_twilio_sid(std::string_view text, std::string_view prefix);

// "/2010-04-01/Accounts/{account_sid}/Messages.json".
std::string twilio_messages_path(std::string_view account_sid);

// "Basic " + base64(account_sid ":" auth_token).
std::string twilio_basic_authorization(std::string_view account_sid, std::string_view auth_token);

// The same text, held on the stack when the credentials are of the usual
// size (both sides of every send call compute one).
class TwilioBasicAuthorization {
 public:
  TwilioBasicAuthorization(std::string_view account_sid, std::string_view auth_token);
  TwilioBasicAuthorization(const TwilioBasicAuthorization&) = delete;
  TwilioBasicAuthorization& operator=(const TwilioBasicAuthorization&) = delete;

  std::string_view view() const { return std::string_view(text_, size_); }

 private:
  std::array<char, 192> stack_text_;
  std::string heap_text_;
  const char* text_ = nullptr;
  std::size_t size_ = 0;
};

// The MessageStatus of a delivery state (queued, sent, delivered, read,
// failed).
const char* twilio_status_name(DeliveryState state);

}  // namespace msgsim::stack
