// A channel adapter owns one channel type's rules at the provider boundary:
// which inbound webhooks it accepts and which outbound messages the channel
// allows (windows, templates, tags, business-initiated messages, lengths).
// One adapter instance serves every channel of its type. Stateless apart from
// settings; the conversation state the rules need comes in an
// OutboundContext, built by the OutboundSender from the messaging user and
// the session. Consent is not checked here (the consent module owns it).
#pragma once

#include <cstddef>
#include <memory>
#include <string_view>

#include "sim/runtime/status.h"
#include "sim/stack/channels/channel_settings.h"
#include "sim/stack/channels/payloads.h"

namespace msgsim::stack {

// What the outbound rules need to know about the conversation and the message.
struct OutboundContext {
  bool session_open = false;  // the user has a session that is not Ended/Error
  bool customer_wrote_first = false;
  runtime::Duration since_last_inbound = runtime::Duration::max();  // max: never wrote
  bool human_agent = false;  // the sender is a human agent (not automation)
  std::string_view text;
  OutboundOptions options;
  // LINE: the newest inbound event's reply token; its age is meaningful only
  // while reply_token_unused.
  bool reply_token_unused = false;
  runtime::Duration since_reply_token = runtime::Duration::max();
  bool follows_account = false;       // LINE
  bool blocked_account = false;       // LINE: unfollowed
  bool conversation_deleted = false;  // Apple
  CapabilityMask device_capabilities = 0;  // Apple
};

class ChannelAdapter {
 public:
  virtual ~ChannelAdapter() = default;
  virtual ChannelType type() const = 0;
  // Validates a decoded webhook (shape and content rules of the channel).
  virtual runtime::Status check_inbound(const InboundWebhook& webhook) const = 0;
  // Ok iff the channel's rules allow sending now; otherwise kRefused with the
  // reason naming the rule (kInvalidInput for a malformed message), which
  // goes back to the sender.
  virtual runtime::Status check_outbound(const OutboundContext& context) const = 0;
  // True iff an allowed send should go as a reply that uses (and so
  // consumes) the conversation's reply token rather than as a push.
  virtual bool uses_reply_token(const OutboundContext& /*context*/) const { return false; }
};

// The adapter for `type` with default settings, or null when this build has
// none for it.
std::unique_ptr<ChannelAdapter> make_channel_adapter(ChannelType type);

// Helpers shared by the adapters.

// Unicode scalar values in UTF-8 text (continuation bytes are not counted):
// how the providers count their text limits.
std::size_t text_characters(std::string_view utf8);
// Ok, or kRefused "<type>: message longer than <max> characters (...)".
runtime::Status check_text_length(ChannelType type, std::string_view text, std::size_t characters_max);
// kInvalidInput when the inbound event kind is not one the channel reports.
runtime::Status check_inbound_kind(ChannelType type, const InboundWebhook& webhook);
// kInvalidInput when the message carries a template (WhatsApp only), a tag
// (Messenger only) or an interactive type (Apple only) on another channel: a
// sender's mistake, not a window rule.
runtime::Status check_options_fit_channel(ChannelType type, const OutboundOptions& options);

}  // namespace msgsim::stack
