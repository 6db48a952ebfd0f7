// Messaging for Web and for In-App as the stack meets them: msgsim's own
// connector format, modelled on embedded-service chat transports. Web and
// in-app share it; only the channel type and the id formats of the fakes
// differ (an in-app "visitor" is the app's device id).
//   Webhook  POST, X-Msgsim-Signature = "sha256=" + hex HMAC-SHA256(secret,
//            raw body); one event per request:
//              {"type":"message","conversationId":..,"visitorId":..,
//               "messageId":<UUID>,"text":..,"sentAt":<Unix ms or ISO-8601>,
//               "identityToken":<JWT, optional>}
//              {"type":"end", same fields without text}: the visitor ended
//               the chat (WireInbound.end_conversation)
//              {"type":"receipt","messageId":<the send's id>,"visitorId":..,
//               "status":"sent"|"delivered"|"read"|"failed","errorCode":N?}
//              {"type":"typing",...}: read and ignored.
//            The stack deduplicates on messageId. identityToken is an HS256
//            JWT (see identity_token.h, msgsim's stand-in for RS256) whose
//            `sub` becomes verified_subject; a token that does not verify,
//            or expired before sentAt, refuses the request
//            (kUnauthenticated).
//   Send     POST /conversations/{visitorId, percent-encoded}/messages
//            {"text":..}, signed the same way, Idempotency-Key = the retry
//            key when there is one.
//   Answer   201 {"messageId":<UUID>}; a refusal is its status with
//            {"code":N,"message":..} (refusal_answer.h).
// Web allows no business-initiated message: that is the adapter's rule, not
// the codec's. Stateless; any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "sim/stack/wire/stack_wire_codec.h"

namespace msgsim::stack {

inline constexpr std::string_view kIdempotencyKeyHeader = "Idempotency-Key";

// The X-Msgsim-Signature of a body and its check: the bytes of
// connector_signature and the verdict of verify_connector_signature
// (connector_signature.h), built in one string and checked without any.
std::string sign_connector_body(std::string_view secret, std::string_view raw_body);
bool verify_connector_body(std::string_view secret, std::string_view raw_body, std::string_view header_value);

// "/conversations/<visitor, percent-encoded>/messages", and back (nullopt
// for a path of another shape or a bad escape).
std::string web_send_path(std::string_view visitor_id);
std::optional<std::string> web_visitor_of_path(std::string_view path);

class WebWireCodec final : public StackWireCodec {
 public:
  // REQUIRES: type is kWeb or kInApp.
  explicit WebWireCodec(ChannelType type);

  ChannelType type() const override { return type_; }
  runtime::Result<DecodedWebhook> decode_webhook(const HttpRequest& request,
                                                 const WireCredentials& credentials) const override;
  HttpRequest encode_send(const WireSend& send, const WireCredentials& credentials) const override;
  runtime::Result<WireSendAnswer> decode_send_response(const HttpResponse& response) const override;

 private:
  ChannelType type_;
};

// "delivered" for kDelivered, ...: the status names of receipts, and back.
const char* web_receipt_status(DeliveryState state);
std::optional<DeliveryState> web_receipt_state(std::string_view status);

}  // namespace msgsim::stack
