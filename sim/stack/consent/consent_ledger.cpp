#include "sim/stack/consent/consent_ledger.h"

#include <algorithm>
#include <cctype>

namespace msgsim::stack {

using runtime::Status;
using runtime::StatusCode;

const char* consent_level_name(ConsentLevel level) {
  switch (level) {
    case ConsentLevel::kOptedOut: return "OptedOut";
    case ConsentLevel::kNone: return "None";
    case ConsentLevel::kImplicit: return "ImplicitlyOptedIn";
    case ConsentLevel::kExplicit: return "ExplicitlyOptedIn";
    case ConsentLevel::kDouble: return "DoublyOptedIn";
  }
  return "Unknown";
}


namespace {

ConsentExchange exchange_of(KeywordAction action) {
  switch (action) {
    case KeywordAction::kOptOut: return ConsentExchange::kOptOut;
    case KeywordAction::kOptIn: return ConsentExchange::kOptIn;
    case KeywordAction::kHelp: return ConsentExchange::kHelp;
    case KeywordAction::kNone: break;
  }
  return ConsentExchange::kNone;
}

}  // namespace

ConsentMatch ConsentLedger::classify(const ChannelConsentSettings& settings, std::string_view text, bool answers) {
  if (!settings.keywords_enabled) return {};
  // Set 0 is the channel's own; every index fits a ConsentLanguageIndex.
  const std::size_t sets = 1 + std::min<std::size_t>(settings.languages.size(), 255);
  if (answers) {
    for (std::size_t set = 0; set < sets; ++set) {
      const std::vector<std::string>& words = set == 0 ? settings.double_opt_in : settings.languages[set - 1].double_opt_in;
      for (const std::string& word : words) {
        if (equals_keyword(text, word)) return {ConsentExchange::kDoubleOptIn, static_cast<ConsentLanguageIndex>(set)};
      }
    }
  }
  for (std::size_t set = 0; set < sets; ++set) {
    const KeywordPack& pack = set == 0 ? settings.pack : settings.languages[set - 1].words;
    const ConsentExchange exchange = exchange_of(match_keyword(pack, text).action);
    if (exchange != ConsentExchange::kNone) return {exchange, static_cast<ConsentLanguageIndex>(set)};
  }
  if (settings.fcc_revocation && looks_like_revocation(text)) return {ConsentExchange::kOptOut, std::nullopt};
  return {};
}

ConsentLedger::Entry& ConsentLedger::entry(MessagingUserId user) {
  if (entries_.size() <= user.value) entries_.resize(user.value + 1);
  return entries_[user.value];
}

ConsentLevel ConsentLedger::level(MessagingUserId user) const {
  return user.value < entries_.size() ? entries_[user.value].level : ConsentLevel::kNone;
}

void ConsentLedger::set_level(MessagingUserId user, ConsentLevel level, runtime::Time at) {
  Entry& e = entry(user);
  if (e.level == level) return;
  e.level = level;
  history_.push_back(ConsentChange{user, at, level});
}

void ConsentLedger::on_inbound(MessagingUserId user, const ChannelConsentSettings& settings, ConsentExchange exchange,
                               runtime::Time at) {
  Entry& e = entry(user);
  switch (exchange) {
    case ConsentExchange::kOptOut:
      // Already opted out: the confirmation was the one message allowed.
      if (e.level != ConsentLevel::kOptedOut) e.confirmation_due = true;
      e.double_prompted = false;
      set_level(user, ConsentLevel::kOptedOut, at);
      return;
    case ConsentExchange::kOptIn:
      e.confirmation_due = false;
      set_level(user, std::max(level(user), ConsentLevel::kExplicit), at);
      entry(user).double_prompted = settings.required == ConsentLevel::kDouble && level(user) < ConsentLevel::kDouble;
      return;
    case ConsentExchange::kDoubleOptIn:
      // Only an answer to a prompt counts; otherwise it is an ordinary message.
      if (e.double_prompted) {
        e.double_prompted = false;
        set_level(user, ConsentLevel::kDouble, at);
      }
      return;
    case ConsentExchange::kHelp: return;
    case ConsentExchange::kNone:
      if (e.level == ConsentLevel::kNone) set_level(user, ConsentLevel::kImplicit, at);
      return;
  }
}

void ConsentLedger::set_by_partner(MessagingUserId user, ConsentLevel level, runtime::Time at) {
  Entry& e = entry(user);
  e.confirmation_due = false;
  e.double_prompted = false;
  set_level(user, level, at);
}

Status ConsentLedger::allows(MessagingUserId user, const ChannelConsentSettings& settings,
                             ConsentResponse response) const {
  if (!settings.enabled) return Status::ok();
  const ConsentLevel current = level(user);
  const bool confirmation_due = user.value < entries_.size() && entries_[user.value].confirmation_due;
  switch (response) {
    case ConsentResponse::kOptOutConfirmation:
      if (confirmation_due) return Status::ok();
      return Status(StatusCode::kRefused, "consent: the opt-out confirmation was already sent");
    case ConsentResponse::kHelp:
      if (current != ConsentLevel::kOptedOut || sends_help_reply(settings.pack, true)) return Status::ok();
      return Status(StatusCode::kRefused, "consent: no HELP reply to an opted-out customer on this keyword pack");
    case ConsentResponse::kOptInConfirmation:
    case ConsentResponse::kDoubleOptInPrompt: return Status::ok();
    case ConsentResponse::kNone: break;
  }
  if (current == ConsentLevel::kOptedOut) {
    return Status(StatusCode::kRefused, "consent: the customer opted out; nothing but the opt-out confirmation may be sent");
  }
  if (current < settings.required) {
    return Status(StatusCode::kRefused, std::string("consent: the channel requires ") +
                                            consent_level_name(settings.required) + ", the customer is " +
                                            consent_level_name(current));
  }
  return Status::ok();
}

void ConsentLedger::on_sent(MessagingUserId user, ConsentResponse response) {
  if (response == ConsentResponse::kOptOutConfirmation) entry(user).confirmation_due = false;
}

}  // namespace msgsim::stack
