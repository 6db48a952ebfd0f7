// LINE Messaging API as the stack meets it:
//   Webhook  POST, x-line-signature = base64(HMAC-SHA256(channel secret, raw
//            body)), body {"destination":"U…","events":[...]}; an empty
//            events array (LINE's connection check) yields nothing.
//            destination must be this channel's bot (business_address).
//            Events read: message (text), follow, unfollow, each with type,
//            mode (active | standby), timestamp (Unix ms), webhookEventId,
//            deliveryContext.isRedelivery, source {"type":"user","userId":
//            "U" + 32 hex} and, for active messages, replyToken (kept byte
//            for byte). The stack deduplicates on webhookEventId (the same
//            on a redelivery), not on message.id. Read and ignored: the
//            other documented event types (postback, beacon, join, leave,
//            memberJoined, memberLeft, accountLink, things, unsend,
//            videoPlayComplete, activated, deactivated, botSuspended,
//            botResumed, membership, module), non-text messages (image,
//            video, audio, file, location, sticker) and events from group or
//            room chats (msgsim models one-to-one chats). Anything else, or
//            one malformed event, refuses the whole request.
//   Send     POST /v2/bot/message/reply {"replyToken":..,"messages":[{"type":
//            "text","text":..}]} or /v2/bot/message/push {"to":..,"messages":
//            [...]} with X-Line-Retry-Key (a UUID; push only, as LINE
//            documents) when the send has a retry key; Authorization:
//            Bearer <channel access token> (msgsim: the shared secret).
//   Answer   200 {} or {"sentMessages":[{"id":"<digits>"}]}; refusals
//            {"message":"..."} with status 400 (invalid reply token and
//            other bad requests), 409 (retry key already accepted), 429
//            (rate limit), 5xx. SendOutcome.error_code is the HTTP status.
// LINE sends no delivery receipts. Stateless; any thread.
#pragma once

#include <string>
#include <string_view>

#include "sim/stack/wire/stack_wire_codec.h"

namespace msgsim::stack {

inline constexpr std::string_view kLineSignatureHeader = "x-line-signature";
inline constexpr std::string_view kLineRetryKeyHeader = "X-Line-Retry-Key";
inline constexpr std::string_view kLineReplyPath = "/v2/bot/message/reply";
inline constexpr std::string_view kLinePushPath = "/v2/bot/message/push";

// x-line-signature of `body`: base64(HMAC-SHA256(channel secret, body)),
// which is line_signature() of channels/signatures.h.
std::string line_body_signature(std::string_view secret, std::string_view body);

// The message LINE's API puts in the body of a refusal with `status`.
const char* line_error_message(int status);

// True iff `user_id` is "U" followed by 32 lowercase hex digits.
bool is_line_user_id(std::string_view user_id);

class LineWireCodec final : public StackWireCodec {
 public:
  ChannelType type() const override { return ChannelType::kLine; }
  runtime::Result<DecodedWebhook> decode_webhook(const HttpRequest& request,
                                                 const WireCredentials& credentials) const override;
  HttpRequest encode_send(const WireSend& send, const WireCredentials& credentials) const override;
  runtime::Result<WireSendAnswer> decode_send_response(const HttpResponse& response) const override;
};

}  // namespace msgsim::stack
