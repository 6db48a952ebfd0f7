// SMS keywords: the packs of opt-out / opt-in / help words that providers and
// carriers act on, how an inbound body is matched against a pack, and the FCC
// "reasonable revocation" classifier the consent oracle's strict mode uses.
//
// Packs (keyword_pack): `default` (the platform's own: Twilio's words plus
// "OPT OUT"), `twilio` (long-code defaults), `aws` (End User Messaging),
// `toll_free` (the US toll-free network: STOP only, START/UNSTOP resume, no
// HELP reply while opted out, no custom opt-out words), `telnyx` and `none`.
// A pack is a value: copy it, add custom keywords, hand it to a fake.
//
// Matching is the providers' rule: the WHOLE message must be a keyword ("STOP
// please" is not), so multi-word keywords such as "OPT OUT" match only alone.
// How providers treat white space and punctuation is unverified, hence modes.
//
// Pure functions over values; any thread may call them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sim/runtime/status.h"

namespace msgsim::stack {

enum class KeywordAction : std::uint8_t { kNone, kOptOut, kOptIn, kHelp };

// "none", "opt_out", "opt_in", "help" (the names the vectors use).
const char* keyword_action_name(KeywordAction action);

enum class KeywordMatchMode : std::uint8_t {
  // The platform's decision and the providers' default: trim white space,
  // collapse inner white space runs to one space, ignore ASCII case.
  kSingleWordCaseInsensitive,
  // Byte for byte: no trimming, case matters.
  kExactCaseSensitive,
  // As kSingleWordCaseInsensitive after deleting ASCII punctuation from the
  // body and the keyword alike: "Stop!" and "opt-out." match STOP and OPT-OUT.
  kIgnorePunctuation,
};

// "single_word_case_insensitive", "exact_case_sensitive", "ignore_punctuation".
const char* keyword_match_mode_name(KeywordMatchMode mode);
runtime::Result<KeywordMatchMode> keyword_match_mode_from_name(std::string_view name);

struct Keyword {
  std::string text;
  KeywordAction action = KeywordAction::kNone;
};

struct KeywordPack {
  std::string name;
  std::vector<Keyword> keywords;  // in the provider's documented order
  bool help_reply_while_opted_out = true;
  bool custom_opt_out_allowed = true;
};

// The pack names keyword_pack accepts, in a fixed order.
const std::vector<std::string>& keyword_pack_names();

// A built-in pack by name; kNotFound for any other name (the message lists them).
runtime::Result<KeywordPack> keyword_pack(std::string_view name);

// Adds a custom keyword (trimmed). kInvalidInput: empty, kNone, or already in
// the pack with another action (case-insensitively). kRefused: an opt-out word
// on a pack whose network fixes them (toll_free). Adding it twice is a no-op.
runtime::Status add_keyword(KeywordPack& pack, std::string_view text, KeywordAction action);

struct KeywordMatch {
  KeywordAction action = KeywordAction::kNone;
  std::string keyword;  // the pack's spelling; empty when action is kNone
};

// The keyword the whole body equals under mode; the first in pack order wins.
KeywordMatch match_keyword(const KeywordPack& pack, std::string_view body,
                           KeywordMatchMode mode = KeywordMatchMode::kSingleWordCaseInsensitive);

// The platform's keyword rule for one word: `text`, trimmed of white space,
// equals `word` ignoring ASCII case.
bool equals_keyword(std::string_view text, std::string_view word);

// Whether the provider answers a HELP keyword from this recipient.
bool sends_help_reply(const KeywordPack& pack, bool recipient_opted_out);

// True iff text reasonably revokes consent under the FCC rule (47 CFR
// 64.1200(a)(10), 2025): the per se words (stop, quit, end, revoke, opt out,
// cancel, unsubscribe; also stopall, remove, unsub) and natural wording built
// on them. The rule, applied to each clause (text split at . , ; : ! ? and
// line breaks; words are ASCII letters and digits, apostrophes dropped):
//   - phrases are first rewritten: "opt out" and "opt me out" -> optout (me),
//     "take me off" -> remove me, "leave me alone" -> stop, "no more" -> stop;
//   - the first revocation word must be preceded only by request framing
//     (please, hey, i, want, would, like, to, can, you, said, ...): so no
//     negation ("don't stop") and no other subject ("the end");
//   - after it, ignoring politeness (please, now, thanks, ...), the clause
//     ends or goes on with what is being stopped: me, texting, texts,
//     messages, this, it, all, sending, contacting, "my subscription", ...
//     so "stop by the store tomorrow?" and "cancel my appointment" are not.
bool looks_like_revocation(std::string_view text);

}  // namespace msgsim::stack
