// The fake Apple Messages for Business gateway's half of the wire format
// (the format itself is described in sim/stack/wire/apple_wire_codec.h).
//
// Webhooks: one message per request, as Apple posts them: a text with the
// device's capability list, or a close when the customer deleted the
// conversation (an end of chat is the same thing on Apple). Apple sends no
// receipts and no LINE-style follows: REQUIRES a webhook of exactly one
// inbound message or conversation event.
//
// Send calls: POST /v1/message, bearer checked, text or interactive; the
// `id` header comes back as the send's retry key.
//
// Ids: message ids are UUIDs; customers' opaque ids are "urn:mbid:" +
// base64 of 36 bytes (Apple's "AQAA" opening, then the self-checking bytes
// of fakes/wire/id_bijection.h). Stateless; any thread.
#pragma once

#include "fakes/wire/provider_wire_codec.h"

namespace msgsim::fakes {

class AppleCodec final : public ProviderWireCodec {
 public:
  stack::ChannelType type() const override { return stack::ChannelType::kApple; }
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
