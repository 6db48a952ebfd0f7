// What crosses the provider boundary in typed mode: an inbound webhook as the
// provider delivers it, an outbound send request to the provider's API, and a
// delivery receipt. Wire (JSON/form) mode encodes the same content in each
// provider's real format.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "sim/runtime/time.h"
#include "sim/stack/ids.h"

namespace msgsim::stack {

// What an inbound webhook reports. Besides messages, some channels report
// conversation events that only change what the business may send:
// Apple's "customer deleted the conversation" (no business message until the
// customer writes again) and LINE's follow / unfollow (unfollow = the user
// blocked the account: no pushes, nothing at all).
enum class InboundKind : std::uint8_t { kMessage, kConversationDeleted, kFollow, kUnfollow };

// Apple interactive message types. A device lists the ones it can show in
// each message's capability list; kText needs no capability.
enum class InteractiveType : std::uint8_t { kText, kListPicker, kTimePicker, kQuickReply, kForm, kAuthentication };
// One bit per InteractiveType (bit i = type i).
using CapabilityMask = std::uint8_t;
constexpr CapabilityMask capability_bit(InteractiveType type) {
  return static_cast<CapabilityMask>(1u << static_cast<unsigned>(type));
}

// A customer message delivered by a provider webhook, or (end_conversation)
// the customer closing the conversation, as a web chat's "end chat" does.
// In typed mode the event's provider id doubles as its LINE reply token.
struct InboundWebhook {
  ChannelId channel;
  CustomerHandle from;
  ProviderMessageId id;
  std::string text;
  runtime::Time sent_at;  // the provider's timestamp
  bool end_conversation = false;
  InboundKind kind = InboundKind::kMessage;
  CapabilityMask capabilities = 0;  // Apple: the device's capability list
  // The customer's address as the provider names it: E.164 phone (SMS),
  // wa_id digits (WhatsApp), PSID, Apple opaque id, LINE id or web visitor id.
  std::string from_address = {};
  // Web / in-app: the verified login's subject (JWT `sub`); empty = a guest.
  std::string verified_subject = {};
};

// WhatsApp template categories; kNone = not a template.
enum class TemplateCategory : std::uint8_t { kNone, kMarketing, kUtility, kAuthentication };
// Messenger message tags; kNone = a standard (RESPONSE) message.
enum class MessageTag : std::uint8_t {
  kNone,
  kConfirmedEventUpdate,
  kPostPurchaseUpdate,
  kAccountUpdate,
  kHumanAgent,
};

// What a business message is besides its text, for the channels whose rules
// depend on it. The defaults describe a plain free-form text.
struct OutboundOptions {
  std::string template_name;  // WhatsApp: empty = free-form
  TemplateCategory template_category = TemplateCategory::kNone;
  MessageTag tag = MessageTag::kNone;                    // Messenger
  InteractiveType interactive = InteractiveType::kText;  // Apple
  // A consent response the platform sends itself (confirmation, prompt, help);
  // the consent gate treats these by their own rules. 0 = an ordinary message.
  std::uint8_t consent_response = 0;  // stack::ConsentResponse
};

// A message the stack submits to a provider's send API.
struct OutboundRequest {
  ChannelId channel;
  CustomerHandle to;
  OutboundId id;
  std::string_view text;
  const OutboundOptions* options = nullptr;  // valid during the call; null = plain text
  // LINE: a reply with the reply token of this inbound event; otherwise a push.
  bool uses_reply_token = false;
  ProviderMessageId reply_token{};
};

// Delivery states in the order they advance; kFailed is terminal.
enum class DeliveryState : std::uint8_t { kQueued, kSent, kDelivered, kRead, kFailed };

struct DeliveryReceipt {
  ChannelId channel;
  OutboundId id;
  DeliveryState state = DeliveryState::kSent;
  // kFailed: the provider's error code from the status report (WhatsApp's
  // 131047 re-engagement, Twilio's ErrorCode, BYOC's errorCode); 0 = none
  // given. None of the platforms' failed-status reports has a subcode.
  int error_code = 0;
};

// The provider's answer to a send request.
struct SendOutcome {
  bool accepted = false;
  int error_code = 0;  // the provider's own code when refused
  // Its refinement where the platform has one (Meta's error_subcode, e.g.
  // 2018278 under code 10: outside the allowed window); 0 = none.
  int error_subcode = 0;
  // The request is on its way and the provider's answer comes later
  // (Stack::receive_send_outcome), as a platform's API call over the network
  // does; `accepted` and the codes say nothing then.
  bool pending = false;

  static SendOutcome answered_later() { return SendOutcome{false, 0, 0, true}; }
};

}  // namespace msgsim::stack
