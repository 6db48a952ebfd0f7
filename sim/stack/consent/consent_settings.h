// A channel's consent configuration: the level a customer must reach before
// the business may write, the keywords (a carrier pack plus custom words,
// including the answer to a double opt-in prompt) and the texts the platform
// sends in response. Built by the deployer.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sim/stack/channels/keywords.h"

namespace msgsim::stack {

// Lowest to highest. kNone: the customer never interacted.
enum class ConsentLevel : std::uint8_t { kOptedOut, kNone, kImplicit, kExplicit, kDouble };

const char* consent_level_name(ConsentLevel level);

struct ChannelConsentSettings {
  // Consent applies on this channel: keywords are handled and the outbound
  // gate checks the level. Channels without a consent configuration (web,
  // in-app) leave consent to the deployment's own login.
  bool enabled = false;
  bool keywords_enabled = false;  // keyword handling runs on this channel
  ConsentLevel required = ConsentLevel::kImplicit;  // kImplicit, kExplicit or kDouble
  KeywordPack pack;  // opt-out, opt-in and help words
  std::vector<std::string> double_opt_in;  // answers to the double opt-in prompt
  std::string opt_out_response = "You are unsubscribed and will receive no more messages. Reply START to resubscribe.";
  std::optional<std::string> opt_in_response;
  std::string double_opt_in_prompt = "Reply YES to confirm you want to receive messages.";
  std::optional<std::string> help_response;
  bool fcc_revocation = false;  // reasonable wording ("Stop please") also opts out
};

}  // namespace msgsim::stack
