// The fake Twilio's half of the Programmable Messaging wire format (the
// stack's half, and the format itself, are described in sim/stack/wire/
// sms_wire_codec.h).
//
// Webhooks: Twilio posts one event per request (REQUIRES: exactly one event
// per DecodedWebhook), form-encoded with the parameters in name order and
// X-Twilio-Signature computed over credentials.webhook_url and those
// parameters. An inbound message carries NumSegments as Twilio counts them
// (sim/stack/channels/sms_encoding.h). A failed status always carries an
// ErrorCode: a receipt without one gets 30008 (Unknown error), as Twilio
// never reports a failure without a code.
//
// Send calls: POST /2010-04-01/Accounts/{AccountSid}/Messages.json with HTTP
// Basic authentication; To (E.164), From (the channel's number) and Body
// (UTF-8) are required. Accepted: 201 {"sid","status":"queued",..} (the
// fields WireSendAnswer cannot fill, such as to and body, are left out).
// Refused: Twilio's error body with the HTTP status Twilio gives the code
// (21610 and 21617: 400, 20429: 429, 20500: 500); a refusal without a code
// is 20500.
//
// Ids: SM + 32 lowercase hex that encode the number (self-checking, see
// fakes/wire/id_bijection.h). Customers are phone numbers, so there are no
// opaque addresses. Stateless; any thread may use it.
#pragma once

#include "fakes/wire/provider_wire_codec.h"

namespace msgsim::fakes {

class TwilioSmsCodec final : public ProviderWireCodec {
 public:
  static constexpr int kUnknownDeliveryError = 30008;
  static constexpr int kInternalServerError = 20500;

  stack::ChannelType type() const override { return stack::ChannelType::kSms; }
  stack::HttpRequest encode_webhook(const stack::DecodedWebhook& events,
                                    const stack::WireCredentials& credentials) const override;
  runtime::Result<stack::WireSend> decode_send(const stack::HttpRequest& request,
                                               const stack::WireCredentials& credentials) const override;
  stack::HttpResponse encode_send_response(const stack::WireSendAnswer& answer) const override;
  std::string message_id(std::uint64_t number) const override;
  std::optional<std::uint64_t> message_number(std::string_view id) const override;
  std::string opaque_address(std::uint64_t /*number*/) const override { return {}; }
  std::optional<std::uint64_t> opaque_number(std::string_view /*address*/) const override { return std::nullopt; }
};

}  // namespace msgsim::fakes
