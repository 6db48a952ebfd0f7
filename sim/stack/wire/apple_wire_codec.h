// Apple Messages for Business as the stack meets it, through a messaging
// service provider (MSP), in Apple's MSP REST API shape:
//   Inbound  POST <webhook path>, headers `id` (the message's UUID: what the
//            stack deduplicates on), `source-id` (the customer's opaque id,
//            "urn:mbid:" + base64), `destination-id` (the business id, which
//            must be this channel's), `capability-list` (comma-separated,
//            case-insensitive: LIST, TIME, QUICK, FORM, AUTH or AUTH2;
//            others, such as future ones, are ignored), and body
//            {"v":1,"type":"text","body":"..."}. {"type":"close"} is the
//            customer deleting the conversation (InboundKind::
//            kConversationDeleted); typing_start / typing_end are read and
//            ignored; any other type is refused. Apple's payload has no send
//            time: msgsim's MSP adds `x-msgsim-sent-at` (Unix ms); without it
//            sent_at is the run's start.
//   Send     POST /v1/message with the headers reversed (source-id = the
//            business, destination-id = the customer; `id` = the retry key,
//            so a resend is recognisable) and {"v":1,"type":"text",...} or
//            {"v":1,"type":"interactive","interactiveData":{"bid":...,
//            "data":{"version":"1.0","requestIdentifier":<id>,<kind>:{}},
//            "receivedMessage":{"title":<text>}}} where <kind> is
//            listPicker, event (time picker), quick-reply, dynamic (form)
//            or authenticate.
//   Answer   200 {"id":"..."}; a refusal is its HTTP status with
//            {"code":N,"message":"..."}, N the provider's code.
//   Auth     Apple and the MSP sign with a JWT bearer; msgsim's stand-in is
//            `Authorization: Bearer ` + lowercase hex HMAC-SHA256(shared
//            secret, raw body), checked before anything is parsed, in both
//            directions. Apple reports no deliveries or reads: no receipts.
// Stateless; any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "sim/stack/channels/signatures.h"
#include "sim/stack/wire/stack_wire_codec.h"

namespace msgsim::stack {

inline constexpr std::string_view kAppleSendPath = "/v1/message";
inline constexpr std::string_view kAppleSentAtHeader = "x-msgsim-sent-at";
inline constexpr std::string_view kAppleBusinessExtensionBid =
    "com.apple.messages.MSMessageExtensionBalloonPlugin:0000000000:com.apple.icloud.apps.messages.business.extension";

// "LIST,TIME,QUICK,FORM,AUTH" for the bits of `mask` (kText needs none).
std::string apple_capability_list(CapabilityMask mask);
// The mask a capability-list names; kInvalidInput for a malformed list.
runtime::Result<CapabilityMask> parse_apple_capability_list(std::string_view list);

// The interactiveData.data key of an interactive type (REQUIRES: not kText),
// and back (nullopt for a key that names no type msgsim models).
const char* apple_interactive_key(InteractiveType type);
std::optional<InteractiveType> apple_interactive_type(std::string_view key);

// "Bearer " + hex HMAC-SHA256(secret, body), and its check.
std::string apple_authorization(std::string_view secret, std::string_view body);
// The same without an allocation.
SignatureText apple_authorization_text(std::string_view secret, std::string_view body);
bool verify_apple_authorization(std::string_view secret, std::string_view body, std::string_view header_value);

class AppleWireCodec final : public StackWireCodec {
 public:
  ChannelType type() const override { return ChannelType::kApple; }
  runtime::Result<DecodedWebhook> decode_webhook(const HttpRequest& request,
                                                 const WireCredentials& credentials) const override;
  HttpRequest encode_send(const WireSend& send, const WireCredentials& credentials) const override;
  runtime::Result<WireSendAnswer> decode_send_response(const HttpResponse& response) const override;
};

}  // namespace msgsim::stack
