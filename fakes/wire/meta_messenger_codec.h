// The fake Messenger Platform's half of the wire format (the stack's half,
// and the format itself, are described in sim/stack/wire/
// messenger_wire_codec.h).
//
// Webhooks: one entry per messaging event, as Meta sends them, serialised
// as Meta does (ASCII only, \uXXXX escapes) and signed with
// X-Hub-Signature-256 over those bytes. Receipts of one person and one kind
// share one delivery (or read) event listing their mids; reads list mids
// too (Meta's carry only the watermark), because a WireReceipt names one
// message and the stack's decoder is stateless. A receipt has no time of its
// own in WireReceipt, so the watermark is the latest inbound message's time
// in the same webhook, or the run's start. Messenger reports only delivered
// and read (REQUIRES: no other receipt state).
//
// Send calls: POST /vN.M/me/messages (or /vN.M/{page id}/messages) with the
// page token as bearer or access_token; messaging_type RESPONSE, UPDATE or
// MESSAGE_TAG with a tag; text messages only. The answer omits
// "recipient_id": WireSendAnswer does not carry the recipient. Refusals are
// Graph API errors; code 10 (the only permission error the fake raises) goes
// with subcode 2018278, message sent outside the allowed window.
//
// Ids: m_ + unpadded URL-safe base64 of 64 bytes that encode the number
// (self-checking); customers have PSIDs (fakes/wire/psid_numbering.h).
// Stateless; any thread may use it.
#pragma once

#include "fakes/wire/provider_wire_codec.h"

namespace msgsim::fakes {

class MetaMessengerCodec final : public ProviderWireCodec {
 public:
  static constexpr int kOutsideWindowCode = 10;
  static constexpr int kOutsideWindowSubcode = 2018278;
  // The code of a refusal that names none: (#2) service temporarily unavailable.
  static constexpr int kServiceUnavailable = 2;

  stack::ChannelType type() const override { return stack::ChannelType::kMessenger; }
  stack::HttpRequest encode_webhook(const stack::DecodedWebhook& events,
                                    const stack::WireCredentials& credentials) const override;
  runtime::Result<stack::WireSend> decode_send(const stack::HttpRequest& request,
                                               const stack::WireCredentials& credentials) const override;
  stack::HttpResponse encode_send_response(const stack::WireSendAnswer& answer) const override;
  std::string message_id(std::uint64_t number) const override;
  std::optional<std::uint64_t> message_number(std::string_view id) const override;
  std::string opaque_address(std::uint64_t number) const override;
  std::optional<std::uint64_t> opaque_number(std::string_view address) const override;
};

}  // namespace msgsim::fakes
