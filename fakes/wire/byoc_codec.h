// The fake BYOC partner connector's half of the Interaction Service API
// shape (the format itself is described in sim/stack/wire/
// byoc_wire_codec.h); byoc and byoc_ccaas speak it alike.
//
// Webhooks: {"to": <channel address>, "from": <end user>, "interactions":
// [...]}, one interaction per event: Message, ParticipantChanged (the end
// user left), DeliveryAcknowledgement, ReadAcknowledgement,
// MessageDeliveryFailed (errorCode as a string of digits, as partners send
// it). REQUIRES every event of one webhook to concern one end user, and no
// LINE / Apple conversation events. The API has no interaction for
// `queued` or `sent`, so those receipts are not in the body. A receipt
// carries no time of its own: its interaction is stamped with the run's
// start.
//
// Send calls: POST /outbound with one text Message interaction, signature
// checked; the payload id comes back as the retry key. Answer 200
// {"success":true,"conversationEntryIdentifier":<id>}.
//
// Ids: entry ids and end-user client ids are self-checking UUIDs
// (fakes/wire/id_bijection.h), keyed per channel type. Stateless; any
// thread.
#pragma once

#include "fakes/wire/id_bijection.h"
#include "fakes/wire/provider_wire_codec.h"

namespace msgsim::fakes {

class ByocCodec final : public ProviderWireCodec {
 public:
  // REQUIRES: type is kByoc or kByocCcaas.
  explicit ByocCodec(stack::ChannelType type);

  stack::ChannelType type() const override { return type_; }
  stack::HttpRequest encode_webhook(const stack::DecodedWebhook& events,
                                    const stack::WireCredentials& credentials) const override;
  runtime::Result<stack::WireSend> decode_send(const stack::HttpRequest& request,
                                               const stack::WireCredentials& credentials) const override;
  stack::HttpResponse encode_send_response(const stack::WireSendAnswer& answer) const override;

  std::string message_id(std::uint64_t number) const override;
  std::optional<std::uint64_t> message_number(std::string_view id) const override;
  std::string opaque_address(std::uint64_t number) const override;
  std::optional<std::uint64_t> opaque_number(std::string_view address) const override;

 private:
  stack::ChannelType type_;
  IdScrambler entry_ids_;
  IdScrambler end_user_ids_;
};

}  // namespace msgsim::fakes
