#include "sim/harness/oracles/consent_oracle.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <map>
#include <utility>

#include "sim/harness/oracles/latency_json.h"
#include "sim/runtime/check.h"

namespace msgsim::harness {

namespace {

constexpr runtime::Duration kConfirmationDeadline = runtime::Duration::minutes(1);
constexpr std::size_t kNoEvent = ~std::size_t{0};
constexpr std::size_t kExcerptChars = 40;

// Ordered as the platform's levels, below them "never wrote".
enum class Level : std::uint8_t { kNone, kOptedOut, kImplicit, kExplicit, kDouble };

Level required_level(ConsentLevelRequired required) {
  switch (required) {
    case ConsentLevelRequired::kImplicit: return Level::kImplicit;
    case ConsentLevelRequired::kExplicit: return Level::kExplicit;
    case ConsentLevelRequired::kDouble: return Level::kDouble;
  }
  return Level::kImplicit;
}

// One messaging user's consent as rebuilt from the log. Event fields are
// indexes into the boundary log, kept to cite as evidence.
struct UserState {
  Level level = Level::kNone;
  std::size_t last_inbound = kNoEvent;
  std::size_t opt_out = kNoEvent;       // the inbound that opted out (while opted out)
  std::size_t confirmation = kNoEvent;  // its first confirmation submission
  bool confirmation_accepted = false;
  bool confirmation_due = false;
  bool prompt_allowed = false;  // double: the one prompt after the opt-in keyword
  bool prompt_sent = false;
};

// A violation before formatting: up to three log indexes as evidence.
struct Found {
  ConsentViolationKind kind;
  runtime::Time at;
  std::array<std::size_t, 3> evidence{kNoEvent, kNoEvent, kNoEvent};
};

bool same_text(const std::optional<std::string>& response, const std::string& text) {
  return response.has_value() && *response == text;
}

// True iff `text` is the response `field` in the channel's language or any other.
bool is_response(const ConsentChannelRules& rules, std::optional<std::string> ConsentResponses::*field,
                 const std::string& text) {
  if (same_text(rules.responses.*field, text)) return true;
  for (const ConsentResponses& language : rules.language_responses) {
    if (same_text(language.*field, text)) return true;
  }
  return false;
}

// Walks the log once, in crossing order, keeping each user's state.
class Judge {
 public:
  Judge(const ConsentOracleConfig& config, const std::vector<fakes::BoundaryEvent>& log) : config_(config), log_(log) {}

  void run(runtime::Time end, ConsentSummary& summary) {
    summary_ = &summary;
    for (std::size_t i = 0; i < log_.size(); ++i) {
      const fakes::BoundaryEvent& event = log_[i];
      if (event.channel.value >= config_.channels.size() || !config_.channels[event.channel.value].judged) continue;
      const ConsentChannelRules& rules = config_.channels[event.channel.value];
      UserState& user = users_[{event.channel.value, event.handle.value}];
      if (event.direction == fakes::BoundaryDirection::kInbound) {
        on_inbound(rules, user, i);
      } else {
        on_outbound(rules, user, i);
      }
    }
    // Opt-outs whose minute ran out with no confirmation at all.
    for (const auto& [key, user] : users_) {
      if (!user.confirmation_due) continue;
      const runtime::Time deadline = log_[user.opt_out].at + kConfirmationDeadline;
      if (deadline <= end) add({ConsentViolationKind::kOptOutNotConfirmed, deadline, {user.opt_out, kNoEvent, kNoEvent}});
    }
  }

  std::vector<Found>& found() { return found_; }

 private:
  stack::KeywordAction classify(const ConsentChannelRules& rules, const std::string& text) const {
    const stack::KeywordAction action = stack::match_keyword(rules.pack, text).action;
    if (action == stack::KeywordAction::kNone && config_.fcc_revocation && stack::looks_like_revocation(text)) {
      return stack::KeywordAction::kOptOut;
    }
    return action;
  }

  // A partner that owns consent set the level: the evidence of an opt-out is
  // the call itself; the partner confirmed to the customer, not the platform.
  void on_consent_update(UserState& user, std::size_t index) {
    const stack::ConsentLevel level = log_[index].consent_level;
    if (level == stack::ConsentLevel::kOptedOut) {
      if (user.level == Level::kOptedOut) return;
      user.level = Level::kOptedOut;
      user.opt_out = index;
      user.confirmation = kNoEvent;
      user.confirmation_due = false;
      ++summary_->opt_outs;
      return;
    }
    user.opt_out = kNoEvent;
    if (level == stack::ConsentLevel::kDouble) {
      user.level = Level::kDouble;
    } else if (level == stack::ConsentLevel::kExplicit) {
      user.level = Level::kExplicit;
    } else if (level == stack::ConsentLevel::kImplicit) {
      user.level = Level::kImplicit;
    }
  }

  void on_inbound(const ConsentChannelRules& rules, UserState& user, std::size_t index) {
    if (log_[index].consent_update) {
      on_consent_update(user, index);
      return;
    }
    const std::string& text = log_[index].text;
    user.last_inbound = index;
    if (rules.partner_consent) {
      if (user.level == Level::kNone) user.level = Level::kImplicit;  // writing first is implicit consent
      return;
    }
    const bool double_answer = rules.required == ConsentLevelRequired::kDouble && user.level == Level::kExplicit &&
                               stack::match_keyword(rules.double_opt_in, text).action == stack::KeywordAction::kOptIn;
    const stack::KeywordAction action = double_answer ? stack::KeywordAction::kNone : classify(rules, text);
    if (action == stack::KeywordAction::kOptOut) {
      if (user.level == Level::kOptedOut) return;  // already out: nothing new to confirm
      user = UserState{Level::kOptedOut, index, index, kNoEvent, false, rules.expects_confirmation, false, false};
      ++summary_->opt_outs;
      return;
    }
    if (double_answer) {
      user.level = Level::kDouble;
    } else if (action == stack::KeywordAction::kOptIn) {
      on_opt_in(rules, user);
    } else if (user.level == Level::kNone) {
      user.level = Level::kImplicit;  // writing first is implicit consent
    }
  }

  void on_opt_in(const ConsentChannelRules& rules, UserState& user) {
    user.confirmation_due = false;
    user.opt_out = kNoEvent;
    if (rules.required != ConsentLevelRequired::kDouble) {
      user.level = std::max(user.level, Level::kExplicit);
      return;
    }
    // Without double-opt-in words, repeating the opt-in keyword answers the prompt.
    if (user.level == Level::kExplicit && user.prompt_sent && rules.double_opt_in.keywords.empty()) {
      user.level = Level::kDouble;
      return;
    }
    if (user.level < Level::kExplicit) user.level = Level::kExplicit;
    if (user.level == Level::kExplicit) user.prompt_allowed = true;
  }

  void on_outbound(const ConsentChannelRules& rules, UserState& user, std::size_t index) {
    const fakes::BoundaryEvent& event = log_[index];
    ++summary_->outbound_checked;
    if (!event.accepted) ++summary_->blocked_by_provider;
    if (user.level == Level::kOptedOut) {
      after_opt_out(rules, user, index);
    } else if (user.last_inbound == kNoEvent) {
      // Nobody wrote on this channel from this handle: no consent of any kind.
      if (rules.type != ChannelType::kInApp) add({ConsentViolationKind::kUnsolicited, event.at, {index, kNoEvent, kNoEvent}});
    } else if (user.level < required_level(rules.required) && !allowed_before_opt_in(rules, user, event.text)) {
      add({ConsentViolationKind::kWithoutRequiredOptIn, event.at, {user.last_inbound, index, kNoEvent}});
    }
  }

  // The configured responses may answer a user who is not (yet) fully opted in.
  bool allowed_before_opt_in(const ConsentChannelRules& rules, UserState& user, const std::string& text) {
    if (is_response(rules, &ConsentResponses::opt_in, text) || is_response(rules, &ConsentResponses::help, text)) {
      return true;
    }
    const bool is_prompt =
        rules.responses.double_opt_in ? is_response(rules, &ConsentResponses::double_opt_in, text) : true;
    if (user.prompt_allowed && is_prompt) {
      user.prompt_allowed = false;
      user.prompt_sent = true;
      return true;
    }
    return false;
  }

  void after_opt_out(const ConsentChannelRules& rules, UserState& user, std::size_t index) {
    const fakes::BoundaryEvent& event = log_[index];
    if (rules.partner_consent) {
      add({ConsentViolationKind::kAfterOptOut, event.at, {user.opt_out, kNoEvent, index}});
      return;
    }
    const bool is_confirmation = rules.responses.opt_out ? is_response(rules, &ConsentResponses::opt_out, event.text)
                                                         : user.confirmation == kNoEvent ||
                                                               log_[user.confirmation].text == event.text;
    if (!is_confirmation) {
      add({ConsentViolationKind::kAfterOptOut, event.at, {user.opt_out, user.confirmation, index}});
      return;
    }
    if (user.confirmation == kNoEvent) {
      const runtime::Time opted_out_at = log_[user.opt_out].at;
      user.confirmation = index;
      user.confirmation_accepted = event.accepted;
      summary_->opt_out_latency.record((event.at - opted_out_at).ns());
      if (user.confirmation_due && event.at - opted_out_at > kConfirmationDeadline) {
        add({ConsentViolationKind::kOptOutNotConfirmed, opted_out_at + kConfirmationDeadline, {user.opt_out, index, kNoEvent}});
      }
      user.confirmation_due = false;
      return;
    }
    // A resend after a refusal is a retry; after an accepted one, a repeat.
    if (!user.confirmation_accepted) {
      user.confirmation_accepted = event.accepted;
      return;
    }
    add({ConsentViolationKind::kConfirmationRepeated, event.at, {user.opt_out, user.confirmation, index}});
  }

  void add(const Found& found) {
    ++summary_->violations_by_kind[static_cast<std::size_t>(found.kind)];
    found_.push_back(found);
  }

  const ConsentOracleConfig& config_;
  const std::vector<fakes::BoundaryEvent>& log_;
  ConsentSummary* summary_ = nullptr;
  std::map<std::pair<std::uint32_t, std::uint64_t>, UserState> users_;  // by (channel, handle)
  std::vector<Found> found_;
};

std::string excerpt(const std::string& text) {
  if (text.size() <= kExcerptChars) return text;
  return text.substr(0, kExcerptChars) + "...";
}

// "t=5301.0 inbound STOP", "t=5302.1 outbound opt-out confirmation",
// "t=5400.2 outbound text \"Your parcel ...\" (refused by provider)".
std::string describe(const fakes::BoundaryEvent& event, const ConsentChannelRules& rules, bool confirmation) {
  char time[48];
  std::snprintf(time, sizeof time, "t=%.1f ", event.at.to_seconds());
  std::string out = time;
  if (event.consent_update) return out + "partner consent " + stack::consent_level_name(event.consent_level);
  if (event.direction == fakes::BoundaryDirection::kInbound) return out + "inbound " + excerpt(event.text);
  out += "outbound ";
  if (confirmation || is_response(rules, &ConsentResponses::opt_out, event.text)) {
    out += "opt-out confirmation";
  } else if (!event.template_name.empty()) {
    out += "template " + event.template_name;
  } else {
    out += "text \"" + excerpt(event.text) + "\"";
  }
  if (!event.accepted) out += " (refused by provider)";
  return out;
}

ConsentViolation format(const Found& found, const ConsentOracleConfig& config, const fakes::GroundTruth& truth) {
  const std::vector<fakes::BoundaryEvent>& log = truth.boundary();
  const fakes::BoundaryEvent& subject = log[found.evidence[0]];
  const ConsentChannelRules& rules = config.channels[subject.channel.value];
  ConsentViolation violation;
  violation.kind = found.kind;
  violation.t_s = found.at.to_seconds();
  violation.channel = rules.id;
  violation.customer = "c-" + std::to_string(truth.person_of(subject.handle));
  // After an opt-out the second event, when present, is the confirmation.
  const bool second_is_confirmation = found.kind == ConsentViolationKind::kAfterOptOut ||
                                      found.kind == ConsentViolationKind::kConfirmationRepeated ||
                                      found.kind == ConsentViolationKind::kOptOutNotConfirmed;
  for (std::size_t i = 0; i < found.evidence.size(); ++i) {
    if (found.evidence[i] == kNoEvent) continue;
    const bool confirmation = (i == 1 && second_is_confirmation) ||
                              (i == 2 && found.kind == ConsentViolationKind::kConfirmationRepeated);
    violation.evidence.push_back(describe(log[found.evidence[i]], rules, confirmation));
  }
  return violation;
}

}  // namespace

const char* consent_violation_kind_name(ConsentViolationKind kind) {
  switch (kind) {
    case ConsentViolationKind::kAfterOptOut: return "after_opt_out";
    case ConsentViolationKind::kWithoutRequiredOptIn: return "without_required_opt_in";
    case ConsentViolationKind::kOutsideWindow: return "outside_window";
    case ConsentViolationKind::kUnsolicited: return "unsolicited";
    case ConsentViolationKind::kOptOutNotConfirmed: return "opt_out_not_confirmed";
    case ConsentViolationKind::kConfirmationRepeated: return "confirmation_repeated";
  }
  return "?";
}

void ConsentOracle::on_trace(const stack::TraceEvent& event) {
  if (event.kind != stack::TraceKind::kOutboundRefused) return;
  if (event.channel.value < config_.channels.size() && config_.channels[event.channel.value].judged) ++blocked_by_stack_;
}

ConsentSummary ConsentOracle::finish(const fakes::GroundTruth& truth, runtime::Time end) const {
  ConsentSummary summary;
  summary.blocked_by_stack = blocked_by_stack_;
  Judge judge(config_, truth.boundary());
  judge.run(end, summary);
  std::vector<Found>& found = judge.found();
  // Found in log order except the end-of-run opt-out checks; the list is by time.
  std::stable_sort(found.begin(), found.end(), [](const Found& a, const Found& b) { return a.at < b.at; });
  const std::size_t listed = std::min(found.size(), ConsentSummary::kViolationsListedMax);
  for (std::size_t i = 0; i < listed; ++i) summary.listed.push_back(format(found[i], config_, truth));
  return summary;
}

std::uint64_t ConsentSummary::violations() const {
  std::uint64_t total = 0;
  for (std::uint64_t count : violations_by_kind) total += count;
  return total;
}

double ConsentSummary::compliance_rate() const {
  const std::uint64_t total = violations();
  if (total == 0) return 1.0;
  if (outbound_checked == 0) return 0.0;
  // An unconfirmed opt-out is a violation without an outbound message, so
  // the plain formula can go below 0.
  return std::clamp(1.0 - static_cast<double>(total) / static_cast<double>(outbound_checked), 0.0, 1.0);
}

void ConsentSummary::merge(const ConsentSummary& other) {
  outbound_checked += other.outbound_checked;
  for (std::size_t i = 0; i < kConsentViolationKinds; ++i) violations_by_kind[i] += other.violations_by_kind[i];
  blocked_by_stack += other.blocked_by_stack;
  blocked_by_provider += other.blocked_by_provider;
  opt_outs += other.opt_outs;
  opt_out_latency.merge(other.opt_out_latency);
}

nlohmann::ordered_json ConsentSummary::to_json() const {
  nlohmann::ordered_json by_kind;
  for (std::size_t i = 0; i < kConsentViolationKinds; ++i) {
    by_kind[consent_violation_kind_name(static_cast<ConsentViolationKind>(i))] = violations_by_kind[i];
  }
  nlohmann::ordered_json out;
  out["outbound_checked"] = outbound_checked;
  out["violations"] = violations();
  out["violations_by_kind"] = std::move(by_kind);
  out["blocked_by_stack"] = blocked_by_stack;
  out["blocked_by_provider"] = blocked_by_provider;
  out["opt_outs"] = opt_outs;
  out["opt_out_latency_s"] = latency_summary_json(opt_out_latency);
  out["compliance_rate"] = compliance_rate();
  return out;
}

nlohmann::ordered_json ConsentSummary::violations_json() const {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const ConsentViolation& violation : listed) {
    out.push_back({{"kind", consent_violation_kind_name(violation.kind)},
                   {"t_s", violation.t_s},
                   {"channel", violation.channel},
                   {"customer", violation.customer},
                   {"evidence", violation.evidence}});
  }
  return out;
}

namespace {

bool keywords_in_effect(const Channel& channel) {
  // A partner channel that cannot carry keywords has none in effect.
  if (channel.byoc && !channel.byoc->supports_keywords && channel.byoc->consent_owner != Owner::kPartner) return false;
  return channel.consent_given ||
         (channel.type == ChannelType::kSms && channel.consent.keyword_pack != KeywordPack::kNone);
}

// The channel's pack with its custom words. The loader has validated them;
// a word the network refuses (toll_free opt-outs) is refused by the
// platform too, so it is rightly left out.
stack::KeywordPack pack_of(const ChannelConsent& consent) {
  runtime::Result<stack::KeywordPack> built = stack::keyword_pack(enum_name(consent.keyword_pack));
  MSGSIM_CHECK_MSG(built.is_ok(), "every scenario keyword pack is built in");
  stack::KeywordPack pack = std::move(built.value());
  const std::pair<const std::vector<std::string>*, stack::KeywordAction> lists[] = {
      {&consent.keywords.opt_out, stack::KeywordAction::kOptOut},
      {&consent.keywords.opt_in, stack::KeywordAction::kOptIn},
      {&consent.keywords.help, stack::KeywordAction::kHelp}};
  for (const auto& [words, action] : lists) {
    for (const std::string& word : *words) (void)stack::add_keyword(pack, word, action);
  }
  // A keyword in any of the channel's languages is a keyword.
  for (const ConsentLanguage& language : consent.languages) {
    const std::pair<const std::vector<std::string>*, stack::KeywordAction> more[] = {
        {&language.keywords.opt_out, stack::KeywordAction::kOptOut},
        {&language.keywords.opt_in, stack::KeywordAction::kOptIn},
        {&language.keywords.help, stack::KeywordAction::kHelp}};
    for (const auto& [words, action] : more) {
      for (const std::string& word : *words) (void)stack::add_keyword(pack, word, action);
    }
  }
  return pack;
}

}  // namespace

bool consent_applies(const Scenario& scenario) {
  return std::any_of(scenario.org.channels.begin(), scenario.org.channels.end(), keywords_in_effect);
}

ConsentOracleConfig consent_oracle_config(const Scenario& scenario) {
  ConsentOracleConfig config;
  config.fcc_revocation = scenario.org.consent_revocation == ConsentRevocation::kFcc;
  for (const Channel& channel : scenario.org.channels) {
    ConsentChannelRules rules;
    rules.id = channel.id;
    rules.type = channel.type;
    rules.judged = keywords_in_effect(channel);
    rules.required = channel.consent.required;
    rules.responses = channel.consent.responses;
    for (const ConsentLanguage& language : channel.consent.languages) rules.language_responses.push_back(language.responses);
    if (rules.judged) {
      rules.pack = pack_of(channel.consent);
      rules.double_opt_in.name = "double_opt_in";
      for (const std::string& word : channel.consent.keywords.double_opt_in) {
        (void)stack::add_keyword(rules.double_opt_in, word, stack::KeywordAction::kOptIn);
      }
      for (const ConsentLanguage& language : channel.consent.languages) {
        for (const std::string& word : language.keywords.double_opt_in) {
          (void)stack::add_keyword(rules.double_opt_in, word, stack::KeywordAction::kOptIn);
        }
      }
    }
    rules.partner_consent = channel.byoc && channel.byoc->consent_owner == Owner::kPartner;
    rules.expects_confirmation = rules.judged && !rules.partner_consent &&
                                 (channel.consent.responses.opt_out.has_value() ||
                                  channel.consent.keyword_pack != KeywordPack::kNone);
    config.channels.push_back(std::move(rules));
  }
  return config;
}

}  // namespace msgsim::harness
