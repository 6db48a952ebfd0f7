// The fake web-chat and in-app transports' half of msgsim's connector format
// (the format itself is described in sim/stack/wire/web_wire_codec.h).
//
// Webhooks: one event per request (REQUIRES exactly one inbound event or
// receipt, and no LINE / Apple conversation events): a message, an end of
// chat, or a receipt about a business message. A verified customer's
// message carries an identity token for its subject, signed with the shared
// secret, issued at the message's time and valid for an hour.
// conversationId is derived from the visitor and the deployment.
//
// Send calls: POST /conversations/{visitorId}/messages {"text": ...},
// signature checked; Idempotency-Key comes back as the retry key. Answer
// 201 {"messageId": ...}.
//
// Ids: message ids are UUIDs; web visitor ids lowercase UUIDs, in-app
// device ids uppercase UUIDs (as iOS prints a device identifier); all
// self-checking (fakes/wire/id_bijection.h) with keys per flavor.
// Stateless; any thread.
#pragma once

#include "fakes/wire/provider_wire_codec.h"

namespace msgsim::fakes {

class WebCodec final : public ProviderWireCodec {
 public:
  // REQUIRES: type is kWeb or kInApp.
  explicit WebCodec(stack::ChannelType type);

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
};

}  // namespace msgsim::fakes
