// The stack's half of the Messenger Platform wire format.
//
// Webhook (POST, JSON, X-Hub-Signature-256 over the raw bytes), one
// messaging event per entry:
//   {"object":"page","entry":[{"id":PAGE,"time":<Unix ms>,"messaging":[
//     {"sender":{"id":PSID},"recipient":{"id":PAGE},"timestamp":<Unix ms>,
//      "message":{"mid":"m_…","text":..}}]}]}
// Deliveries and reads are watermarks from the person (sender) to the page:
//   {"sender":..,"recipient":..,"delivery":{"mids":["m_…"],"watermark":ms}}
//   {"sender":..,"recipient":..,"timestamp":ms,"read":{"watermark":ms}}
// A WireReceipt names one message, so the decoder yields one receipt per mid
// listed. Meta lists mids on deliveries (not always) and never on reads; the
// fake adds "mids" to reads for the messages the watermark covers. A
// watermark without mids cannot be attributed to any message by a stateless
// decoder, so it yields nothing (the stack's records stay at their last
// state; a later per-message receipt still advances them).
// Skipped rather than refused: echoes of the page's own messages
// (message.is_echo), messages with attachments and no text, the other
// documented events (postback, reaction, referral, optin, handover, ...),
// and entries carrying only "standby" or "changes". Every entry id and
// recipient must be this channel's page (credentials.business_address).
// WireInbound.sent_at keeps milliseconds.
//
// Send API: POST /v19.0/me/messages, Authorization: Bearer
// {credentials.secret}, JSON {"recipient":{"id":PSID},"messaging_type":
// "RESPONSE","message":{"text":..}}, or with OutboundOptions.tag set
// "messaging_type":"MESSAGE_TAG","tag":"HUMAN_AGENT" (or another tag).
// Answers: {"recipient_id":PSID,"message_id":"m_…"}, or a Graph API error
// {"error":{"message","type":"OAuthException","code":10,"error_subcode":
// 2018278,..}} (the stack keeps the code; the subcode refines it).
//
// Stateless; any thread may use it.
#pragma once

#include <optional>
#include <string_view>

#include "sim/stack/wire/stack_wire_codec.h"

namespace msgsim::stack {

class MessengerWireCodec final : public StackWireCodec {
 public:
  ChannelType type() const override { return ChannelType::kMessenger; }
  runtime::Result<DecodedWebhook> decode_webhook(const HttpRequest& request,
                                                 const WireCredentials& credentials) const override;
  std::optional<runtime::Result<HttpResponse>> answer_verification(const HttpRequest& request,
                                                                   const WireCredentials& credentials) const override;
  HttpRequest encode_send(const WireSend& send, const WireCredentials& credentials) const override;
  runtime::Result<WireSendAnswer> decode_send_response(const HttpResponse& response) const override;
};

// CONFIRMED_EVENT_UPDATE, POST_PURCHASE_UPDATE, ACCOUNT_UPDATE, HUMAN_AGENT
// (REQUIRES: not kNone), and back (nullopt for any other name).
const char* messenger_tag_name(MessageTag tag);
std::optional<MessageTag> messenger_tag_from_name(std::string_view name);

}  // namespace msgsim::stack
