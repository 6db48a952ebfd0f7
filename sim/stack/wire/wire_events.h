// What a provider's webhooks and send API say, in the provider's own terms:
// identifiers and addresses are the provider's strings (MessageSid, wamid,
// PSID, LINE userId, ...), not the stack's interned numbers. Codecs turn these
// into and out of each platform's bytes; the WireEndpoint and
// WireProviderClient intern them for the stack. Value types.
#pragma once

#include <string>
#include <vector>

#include "sim/runtime/time.h"
#include "sim/stack/channels/payloads.h"

namespace msgsim::stack {

// One inbound event of a webhook: a customer message or a conversation event.
struct WireInbound {
  InboundKind kind = InboundKind::kMessage;
  bool end_conversation = false;  // web / in-app / BYOC: the customer ended the chat
  // The customer's address as the provider names it: E.164 (SMS), wa_id
  // digits (WhatsApp), PSID (Messenger), opaque id (Apple), userId (LINE),
  // visitor / device id (web, in-app, BYOC).
  std::string from_address;
  // The provider's id of this event (MessageSid, wamid, mid, Apple message
  // id, LINE webhookEventId, ...): what the stack deduplicates on.
  std::string message_id;
  std::string text;
  runtime::Time sent_at;  // the provider's timestamp (ms or s precision)
  CapabilityMask capabilities = 0;  // Apple capability-list
  std::string verified_subject;     // web / in-app: the identity token's subject
  std::string reply_token;          // LINE: this event's replyToken
  bool redelivery = false;          // LINE deliveryContext.isRedelivery
  bool standby = false;             // LINE mode == "standby": do not reply
};

// A delivery status report about a business message.
struct WireReceipt {
  std::string message_id;         // the provider's id returned by the send call
  std::string recipient_address;  // the customer's address
  DeliveryState state = DeliveryState::kSent;
  int error_code = 0;  // failed: the provider's code (131047, 21610, ...)
};

// Everything one webhook request carries (LINE and Meta batch events).
struct DecodedWebhook {
  std::vector<WireInbound> inbound;
  std::vector<WireReceipt> receipts;
};

// A business message as the provider's send API receives it.
struct WireSend {
  std::string to_address;
  std::string text;
  OutboundOptions options;
  bool uses_reply_token = false;  // LINE: reply (with reply_token) instead of push
  std::string reply_token;
  std::string retry_key;  // LINE X-Line-Retry-Key (empty = none)
};

// The send API's answer: accepted with the provider's message id, or refused
// with the provider's error code.
struct WireSendAnswer {
  SendOutcome outcome;
  std::string message_id;
};

// What the stack and the provider share for one channel.
struct WireCredentials {
  // Signing secret: Twilio auth token, Meta app secret, LINE channel secret,
  // or the shared secret of an Apple / web / in-app / BYOC connector.
  std::string secret;
  // The full public URL the provider posts webhooks to (Twilio signs it).
  std::string webhook_url;
  // The business's own address on the platform: Twilio number (E.164),
  // WhatsApp phone_number_id, Facebook page id, LINE bot userId, Apple
  // business id, web deployment id, BYOC channel address.
  std::string business_address;
  std::string account_id;    // Twilio AccountSid (AC + 32 hex); others: empty
  std::string verify_token;  // Meta's hub.verify_token for the GET handshake
};

}  // namespace msgsim::stack
