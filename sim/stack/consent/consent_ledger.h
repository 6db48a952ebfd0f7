// The consent ledger: each messaging user's consent level with its
// timestamped history, moved by what the customer writes (keywords, the first
// message on an implicit channel) and read by the one outbound gate that
// every business message passes (agents, automations and auto-responses
// alike). After an opt-out only the opt-out confirmation may go, once, until
// the customer opts in again. Owned by the Stack; single-threaded.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "sim/runtime/status.h"
#include "sim/runtime/time.h"
#include "sim/stack/consent/consent_settings.h"
#include "sim/stack/ids.h"

namespace msgsim::stack {

// What an inbound message means for consent.
enum class ConsentExchange : std::uint8_t { kNone, kOptOut, kOptIn, kDoubleOptIn, kHelp };

// Why the platform itself sends a message; ordinary messages are kNone.
enum class ConsentResponse : std::uint8_t { kNone, kOptOutConfirmation, kOptInConfirmation, kDoubleOptInPrompt, kHelp };

// What a customer's text is to the channel's consent handling, and in
// which keyword set it was found (0: the channel's own, i: languages[i - 1];
// none for the FCC revocation wording, which is in no set, or no match).
struct ConsentMatch {
  ConsentExchange exchange = ConsentExchange::kNone;
  std::optional<ConsentLanguageIndex> language;
};

struct ConsentChange {
  MessagingUserId user;
  runtime::Time at;
  ConsentLevel level;
};

class ConsentLedger {
 public:
  // What `text` is on a channel with `settings` (kNone when it is no
  // keyword or the channel has no keyword handling). With `answers` (a
  // double opt-in prompt is pending) an answer word counts, before the
  // keywords: "YES" answers the prompt rather than opting in again. Sets
  // are read in order, the channel's own first; a word in two sets means
  // the same in both (the loader refuses one that does not).
  static ConsentMatch classify(const ChannelConsentSettings& settings, std::string_view text, bool answers);

  // Applies an inbound message of `user`: keywords move the level; any other
  // first message on the channel is implicit consent (never after an opt-out).
  void on_inbound(MessagingUserId user, const ChannelConsentSettings& settings, ConsentExchange exchange,
                  runtime::Time at);
  // The partner that owns consent on the channel set the user's level (its
  // `PATCH consent`). The partner sent any confirmation itself, so none is
  // due from the platform after an opt-out.
  void set_by_partner(MessagingUserId user, ConsentLevel level, runtime::Time at);
  // Ok iff a message of kind `response` may go to `user` now.
  runtime::Status allows(MessagingUserId user, const ChannelConsentSettings& settings,
                         ConsentResponse response) const;
  // Records that a message of kind `response` went out.
  void on_sent(MessagingUserId user, ConsentResponse response);

  ConsentLevel level(MessagingUserId user) const;
  bool awaiting_double_opt_in(MessagingUserId user) const {
    return user.value < entries_.size() && entries_[user.value].double_prompted;
  }
  const std::vector<ConsentChange>& history() const { return history_; }

 private:
  struct Entry {
    ConsentLevel level = ConsentLevel::kNone;
    bool confirmation_due = false;  // an opt-out waits for its one confirmation
    bool double_prompted = false;   // a double opt-in prompt waits for its answer
  };
  Entry& entry(MessagingUserId user);
  void set_level(MessagingUserId user, ConsentLevel level, runtime::Time at);

  std::vector<Entry> entries_;  // by messaging user id
  std::vector<ConsentChange> history_;
};

}  // namespace msgsim::stack
