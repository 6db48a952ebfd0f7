// The fake WhatsApp Cloud API's half of the wire format (the stack's half,
// and the format itself, are described in sim/stack/wire/
// whatsapp_wire_codec.h).
//
// Webhooks: one entry for the business account (credentials.account_id, or
// the phone_number_id when none is configured), one "messages" change for
// the inbound messages (with a contact per sender) and one for the statuses,
// as Meta serialises them: ASCII only, non-ASCII escaped as \uXXXX, signed
// with X-Hub-Signature-256 over those bytes. display_phone_number repeats the
// phone_number_id (the fake knows no other number) and a contact's profile
// name is its wa_id. A status carries no time of its own in WireReceipt, so
// its timestamp is the latest inbound message's of the same webhook, or the
// run's start. A failed status always carries errors[]: a receipt without a
// code gets 131000 (Something went wrong), as Meta never sends a failure
// without one.
//
// Send calls: POST /vN.M/{phone_number_id}/messages with the bearer token;
// text or template messages (the category read from
// biz_opaque_callback_data). The answer omits "contacts": WireSendAnswer
// does not carry the recipient. Refusals are Graph API errors with the
// WhatsApp title and details of the code (131047, 130429, 131056, ...).
//
// Ids: wamid. + base64 of the bytes of Meta's id layout with a 32-hex body
// that encodes the number (self-checking, see fakes/wire/id_bijection.h).
// Customers are phone numbers, so there are no opaque addresses.
// Stateless; any thread may use it.
#pragma once

#include "fakes/wire/provider_wire_codec.h"

namespace msgsim::fakes {

class MetaWhatsappCodec final : public ProviderWireCodec {
 public:
  // The error code of a failed status whose receipt has none.
  static constexpr int kSomethingWentWrong = 131000;

  stack::ChannelType type() const override { return stack::ChannelType::kWhatsapp; }
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
