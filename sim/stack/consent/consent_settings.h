// A channel's consent configuration: the level a customer must reach before
// the business may write, the keywords (a carrier pack plus custom words,
// including the answer to a double opt-in prompt) and the texts the platform
// sends in response. Built by the deployer.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/stack/channels/keywords.h"

namespace msgsim::stack {

// Lowest to highest. kNone: the customer never interacted.
enum class ConsentLevel : std::uint8_t { kOptedOut, kNone, kImplicit, kExplicit, kDouble };

const char* consent_level_name(ConsentLevel level);

// A channel's keywords and responses in one more language. A message is a
// keyword when it is one of the channel's own words or of any language's
// (the channel's own first); the language it was in picks the response.
struct ConsentLanguageSettings {
  std::string tag;  // "es", "fr-CA", ...
  KeywordPack words;
  std::vector<std::string> double_opt_in;
  // Absent: the channel's own text.
  std::optional<std::string> opt_out_response;
  std::optional<std::string> opt_in_response;
  std::optional<std::string> double_opt_in_prompt;
  std::optional<std::string> help_response;
};

// Which of the channel's language sets a user's consent exchange was in: 0 is
// the channel's own keywords, n is languages[n - 1].
using ConsentLanguageIndex = std::uint8_t;

struct ChannelConsentSettings {
  // Consent applies on this channel: keywords are handled and the outbound
  // gate checks the level. Channels without a consent configuration (web,
  // in-app) leave consent to the deployment's own login.
  bool enabled = false;
  bool keywords_enabled = false;  // keyword handling runs on this channel
  // BYOC for CCaaS with partner-owned consent: the partner handles keywords
  // and sends its own confirmations; the platform learns each change only
  // from the partner's consent call (ConsentLedger::set_by_partner).
  bool partner_owned = false;
  ConsentLevel required = ConsentLevel::kImplicit;  // kImplicit, kExplicit or kDouble
  KeywordPack pack;  // opt-out, opt-in and help words
  std::vector<std::string> double_opt_in;  // answers to the double opt-in prompt
  std::string opt_out_response = "You are unsubscribed and will receive no more messages. Reply START to resubscribe.";
  std::optional<std::string> opt_in_response;
  std::string double_opt_in_prompt = "Reply YES to confirm you want to receive messages.";
  std::optional<std::string> help_response;
  bool fcc_revocation = false;  // reasonable wording ("Stop please") also opts out
  std::vector<ConsentLanguageSettings> languages;  // at most 255

  // The platform's responses in language `index` (the channel's own where
  // that language has none).
  const std::string& opt_out_text(ConsentLanguageIndex index) const;
  const std::optional<std::string>& opt_in_text(ConsentLanguageIndex index) const;
  const std::string& double_opt_in_prompt_text(ConsentLanguageIndex index) const;
  const std::optional<std::string>& help_text(ConsentLanguageIndex index) const;
};

}  // namespace msgsim::stack
