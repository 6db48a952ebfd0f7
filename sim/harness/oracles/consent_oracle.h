// The consent oracle: rebuilds every (channel, customer handle)'s consent from
// the provider boundary log alone (fakes::GroundTruth::boundary(), never the
// stack's ledger) and judges every business message the stack submitted.
//
// Rules, per channel whose keywords are in effect (see consent_applies):
//  - a customer message is a keyword when, trimmed and ignoring case, it
//    equals one of the channel's pack + custom keywords; with FCC revocation
//    any message that looks_like_revocation() is an opt-out too;
//  - writing first makes the user implicitly opted in; an opt-in keyword makes
//    it explicitly opted in; on a `double` channel the answer to the prompt
//    (a double-opt-in keyword, or an opt-in keyword when none is configured)
//    makes it doubly opted in;
//  - after an opt-out, ONE opt-out confirmation may be submitted, nothing else,
//    until an opt-in keyword. The confirmation is the submission whose text is
//    the channel's opt_out response; with none configured, the first
//    submission after the opt-out. Resending it after the provider refused it
//    is a retry; after the provider accepted it, confirmation_repeated;
//  - an opt-out must be confirmed within 1 minute when the channel has an
//    opt_out response or a keyword pack;
//  - where the partner owns consent (BYOC for CCaaS), customer keywords are
//    the partner's to act on: the user's level changes at the partner's
//    consent call as it crossed the boundary, no confirmation is due from
//    the platform, and every submission while opted out is after_opt_out;
//  - a business message to a handle that never wrote on the channel is
//    unsolicited (in_app excepted, where business-initiated is allowed);
//    on explicit/double channels, a message before the required level is
//    without_required_opt_in unless it is one of the configured responses.
// Window rules are not judged here: outside_window stays 0.
//
// Also counts sends the stack refused itself (trace kOutboundRefused), so
// subscribe it to the stack's tracer. Single-threaded.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "fakes/ground_truth.h"
#include "sim/harness/histogram.h"
#include "sim/harness/scenario.h"
#include "sim/stack/channels/keywords.h"
#include "sim/stack/trace.h"

namespace msgsim::harness {

enum class ConsentViolationKind : std::uint8_t {
  kAfterOptOut,
  kWithoutRequiredOptIn,
  kOutsideWindow,
  kUnsolicited,
  kOptOutNotConfirmed,
  kConfirmationRepeated,
};
constexpr std::size_t kConsentViolationKinds = 6;
// The report's spelling: "after_opt_out", ...
const char* consent_violation_kind_name(ConsentViolationKind kind);

struct ConsentViolation {
  ConsentViolationKind kind = ConsentViolationKind::kAfterOptOut;
  double t_s = 0.0;
  std::string channel;   // channel id
  std::string customer;  // "c-<person id>"
  std::vector<std::string> evidence;  // the boundary events that make it one, oldest first
};

struct ConsentSummary {
  // The report keeps the first replication's violations, this many at most.
  static constexpr std::size_t kViolationsListedMax = 100;

  std::uint64_t outbound_checked = 0;
  std::uint64_t violations_by_kind[kConsentViolationKinds] = {};
  std::uint64_t blocked_by_stack = 0;
  std::uint64_t blocked_by_provider = 0;
  std::uint64_t opt_outs = 0;
  Histogram opt_out_latency;  // ns, opt-out received -> confirmation submitted
  std::vector<ConsentViolation> listed;  // by time, capped at kViolationsListedMax

  std::uint64_t violations() const;
  // 1 - violations / outbound_checked, clamped to [0, 1]; 1 when nothing
  // was checked and nothing violated.
  double compliance_rate() const;
  // Adds counts and latencies; keeps this summary's list (the first replication's).
  void merge(const ConsentSummary& other);
  nlohmann::ordered_json to_json() const;
  nlohmann::ordered_json violations_json() const;
};

// What the oracle knows of one channel, read from the scenario.
struct ConsentChannelRules {
  std::string id;
  ChannelType type = ChannelType::kSms;
  bool judged = false;  // keywords in effect on this channel
  ConsentLevelRequired required = ConsentLevelRequired::kImplicit;
  stack::KeywordPack pack;          // with the custom keywords added
  stack::KeywordPack double_opt_in;  // the custom double-opt-in words (as kOptIn)
  ConsentResponses responses;
  // The responses of the channel's other languages (consent.languages): the
  // platform answers a keyword in the language it was written in.
  std::vector<ConsentResponses> language_responses;
  bool expects_confirmation = false;  // opt_out response configured or a keyword pack in use
  // BYOC for CCaaS with partner-owned consent: the partner matches keywords
  // and confirms; the platform's duty starts at the partner's consent call.
  bool partner_consent = false;
};

struct ConsentOracleConfig {
  std::vector<ConsentChannelRules> channels;  // by channel id
  bool fcc_revocation = false;
};

// True iff some channel has keywords in effect: an sms channel whose pack is
// not `none`, or any channel with a `consent` object.
bool consent_applies(const Scenario& scenario);
// The oracle's rules for every channel of `scenario`.
ConsentOracleConfig consent_oracle_config(const Scenario& scenario);

class ConsentOracle final : public stack::TraceSink {
 public:
  explicit ConsentOracle(ConsentOracleConfig config) : config_(std::move(config)) {}
  void on_trace(const stack::TraceEvent& event) override;
  // Judges the whole boundary log of `truth`; opt-outs still waiting for a
  // confirmation at `end` count as not confirmed once their minute has passed.
  ConsentSummary finish(const fakes::GroundTruth& truth, runtime::Time end) const;

 private:
  ConsentOracleConfig config_;
  std::uint64_t blocked_by_stack_ = 0;
};

}  // namespace msgsim::harness
