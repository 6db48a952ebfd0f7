// Bring Your Own Channel (and BYOC for CCaaS) as the stack meets a partner
// connector, in the shape of the Interaction Service API (platform.md §6):
//   Inbound  POST <webhook path> (the platform's /api/v1/interactions),
//            X-Msgsim-Signature as web chat (connector_signature.h), body
//              {"to":<channel address>,"from":<end-user client id>,
//               "interactions":[{"timestamp":<Unix ms>,
//                 "interactionType":"EntryInteraction","payload":{...}}]}
//            `to` must be this channel's address. Payload entry types:
//              Message: {"id":..,"entryType":"Message","abstractMessage":
//                {"messageType":"StaticContentMessage","id":..,
//                 "staticContent":{"formatType":"Text","text":..}}}; the
//                stack deduplicates on payload.id;
//              ParticipantChanged with an entry {"operation":"remove",
//                "participant":{"role":"EndUser",..}}: the end user left
//                (end_conversation; other participant changes are ignored);
//              DeliveryAcknowledgement / ReadAcknowledgement:
//                acknowledgedConversationEntryIdentifier names the message
//                (the id the partner's send answer gave), with
//                acknowledgementTimestamp;
//              MessageDeliveryFailed: failedConversationEntryIdentifier and
//                errorCode (a string of digits, as partners send it, or an
//                integer).
//            Read and ignored: typing indicators, AttachmentInteraction,
//            other message types (choices, forms) and non-text content.
//            An empty interactions array yields nothing; a request with
//            one bad interaction is refused whole.
//   Send     POST /outbound to the partner: the same shape with to = the end
//            user and from = the channel, one Message interaction whose
//            payload id is the send's retry key (a resend keeps its id),
//            signed the same way. The stack has no clock here, so the
//            interaction carries no timestamp.
//   Answer   200 {"success":true,"conversationEntryIdentifier":<partner's
//            id>}; a refusal is its status with {"code":N,"message":..}.
// byoc_ccaas speaks exactly this format for messages; the calls of a CCaaS
// partner that owns routing or consent (route, agentWork, messagingSession,
// consent) and the platform's routing-request events are in
// partner_wire_codec.h. Stateless; any thread.
#pragma once

#include <string>
#include <string_view>

#include "sim/stack/wire/body_writer.h"
#include "sim/stack/wire/stack_wire_codec.h"

namespace msgsim::stack {

inline constexpr std::string_view kByocOutboundPath = "/outbound";

// Appends the payload of a text Message entry:
// {"id":..,"entryType":"Message","abstractMessage":{..,"staticContent":{..}}}.
void append_byoc_message_payload(BodyWriter& out, std::string_view id, std::string_view text);

class ByocWireCodec final : public StackWireCodec {
 public:
  // REQUIRES: type is kByoc or kByocCcaas.
  explicit ByocWireCodec(ChannelType type);

  ChannelType type() const override { return type_; }
  runtime::Result<DecodedWebhook> decode_webhook(const HttpRequest& request,
                                                 const WireCredentials& credentials) const override;
  HttpRequest encode_send(const WireSend& send, const WireCredentials& credentials) const override;
  runtime::Result<WireSendAnswer> decode_send_response(const HttpResponse& response) const override;

 private:
  ChannelType type_;
};

}  // namespace msgsim::stack
