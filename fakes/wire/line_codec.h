// The fake LINE platform's half of the wire format (the format itself is
// described in sim/stack/wire/line_wire_codec.h).
//
// Webhooks: {"destination": <bot userId>, "events": [...]}, signed with
// x-line-signature; message, follow and unfollow events. LINE has no event
// for a customer who stops chatting, for a deleted conversation or for a
// delivery, so end-of-chat events and receipts are not in the body (a
// webhook of nothing else is LINE's empty `events` check). A text message's
// message.id is a digit string derived from its webhookEventId.
//
// Send calls: reply or push, bearer = the shared secret, one to five
// message objects of which msgsim reads exactly one text (more is refused
// as unsupported), text up to 5,000 characters, X-Line-Retry-Key a UUID on
// push only. Answers: LINE's status codes with {"message": ...}.
//
// Ids: webhookEventId is a ULID dated from the run's start that encodes the
// event's number; userIds are "U" + 32 hex; both self-checking (fakes/wire/
// id_bijection.h). Stateless; any thread.
#pragma once

#include "fakes/wire/provider_wire_codec.h"

namespace msgsim::fakes {

class LineCodec final : public ProviderWireCodec {
 public:
  // LINE's own limits on a send call.
  static constexpr std::size_t kMessagesPerCallMax = 5;
  static constexpr std::size_t kTextCharactersMax = 5000;

  stack::ChannelType type() const override { return stack::ChannelType::kLine; }
  stack::HttpRequest encode_webhook(const stack::DecodedWebhook& events,
                                    const stack::WireCredentials& credentials) const override;
  runtime::Result<stack::WireSend> decode_send(const stack::HttpRequest& request,
                                               const stack::WireCredentials& credentials) const override;
  stack::HttpResponse encode_send_response(const stack::WireSendAnswer& answer) const override;

  // webhookEventId (a ULID) of event `number`.
  std::string message_id(std::uint64_t number) const override;
  std::optional<std::uint64_t> message_number(std::string_view id) const override;
  // "U" + 32 lowercase hex.
  std::string opaque_address(std::uint64_t number) const override;
  std::optional<std::uint64_t> opaque_number(std::string_view address) const override;

  // The message.id (decimal digits) of the text message whose webhookEventId
  // is `event_id`.
  std::string message_digits(std::string_view event_id) const;
};

}  // namespace msgsim::fakes
