// The typed model of a scenario file (spec/scenario-format.md, version 1).
// The loader fills it from JSON after strict validation; everything after the
// loader reads only this model. Defaults here are the contract's defaults.
// `source_path` fields keep the JSON path of an item so later checks (support,
// lint) can name where a problem is. Plain data; no behaviour.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sim/runtime/distribution.h"
#include "sim/runtime/time.h"

namespace msgsim::harness {

using runtime::Distribution;
using runtime::Duration;

// A rate in events per second.
struct Rate {
  double per_second = 0.0;
};

enum class CapacityModel { kTabBased, kStatusBased };
enum class ConsentRevocation { kKeywords, kFcc };
enum class IdentityPolicy { kStrict, kVerified, kPhoneEmail, kNone };
enum class RoutingModel { kMostAvailable, kLeastActive, kExternal };
enum class ChannelType { kSms, kWhatsapp, kMessenger, kApple, kLine, kWeb, kInApp, kByoc, kByocCcaas };
enum class ConsentLevelRequired { kImplicit, kExplicit, kDouble };
enum class KeywordPack { kDefault, kTwilio, kAws, kTollFree, kNone };
enum class Owner { kPlatform, kPartner };
enum class WireMode { kTyped, kJson };
enum class PresenceStatus { kOnline, kBusy, kAway, kOffline };
enum class AllowExistingSession { kAny, kClosed, kNonActive };
enum class TemplateCategory { kMarketing, kUtility, kAuthentication };
enum class KeywordMatch { kSingleWordCaseInsensitive, kExactCaseSensitive, kIgnorePunctuation };
// A returning customer's last agent: not preferred, tried first, or waited for.
enum class PreferredAgent { kNone, kLast, kLastRequired };

const char* to_string(ChannelType type);

// One enum value and its spelling in scenario files (and reports).
template <typename E>
struct EnumName {
  E value;
  const char* name;
};

// The spellings of every value of E, in declaration order. Specialised in
// scenario.cpp for each enum of this model.
template <typename E>
std::span<const EnumName<E>> enum_names();

// The spelling of `value`; "?" for a value outside the table (never in a
// validated model).
template <typename E>
const char* enum_name(E value) {
  for (const EnumName<E>& entry : enum_names<E>()) {
    if (entry.value == value) return entry.name;
  }
  return "?";
}

// The value spelled `name` (exact, case-sensitive), if any.
template <typename E>
std::optional<E> enum_from_name(std::string_view name) {
  for (const EnumName<E>& entry : enum_names<E>()) {
    if (name == entry.name) return entry.value;
  }
  return std::nullopt;
}

struct IdentitySettings {
  IdentityPolicy policy = IdentityPolicy::kVerified;
  std::string phone_region = "US";
  bool reassigned_numbers_check = true;
};

// Opening hours of one weekday; closed when `open` is false.
struct DayHours {
  bool open = false;
  int open_minute = 0;   // minutes after midnight, local time
  int close_minute = 0;  // exclusive; may equal 1440
};

struct BusinessHours {
  std::string id;
  std::string time_zone;            // IANA name
  DayHours week[7];                 // index 0 = Monday; days not listed are closed
  std::vector<std::string> holidays;  // ISO dates, local
};

struct Overflow {
  Duration after;
  std::string queue;
};

struct Queue {
  std::string id;
  int priority = 1;  // lower routes first
  RoutingModel model = RoutingModel::kMostAvailable;
  Duration push_timeout;  // zero = off
  std::optional<int> capacity_weight;         // default 1 when neither is set
  std::optional<double> capacity_percentage;  // (0, 100]
  std::vector<std::string> skills;
  Duration drop_additional_skills_after;  // zero = never
  std::optional<Overflow> overflow;
  std::string source_path;
};

// Where a session (or a flow's outcome) goes: exactly one of queue, flow, agent.
struct RouteTarget {
  std::string queue;
  std::vector<std::string> skills;  // with `queue` only
  std::string flow;
  std::string agent;
  std::string source_path;  // the JSON path of the routing object
};

struct Flow {
  std::string id;
  std::string greeting;
  Duration bot_time;
  double resolve_probability = 0.0;
  std::map<std::string, RouteTarget> by_intent;
  std::optional<RouteTarget> default_route;
  std::string source_path;
};

struct Keywords {
  std::vector<std::string> opt_out;
  std::vector<std::string> opt_in;
  std::vector<std::string> double_opt_in;
  std::vector<std::string> help;
};

struct ConsentResponses {
  std::optional<std::string> opt_out;
  std::optional<std::string> opt_in;
  std::optional<std::string> double_opt_in;
  std::optional<std::string> help;
};

// One more language's keywords and responses on a channel (consent.languages).
struct ConsentLanguage {
  std::string tag;  // "es", "fr-CA", ...
  Keywords keywords;
  ConsentResponses responses;  // absent ones fall back to the channel's own
};

struct ChannelConsent {
  ConsentLevelRequired required = ConsentLevelRequired::kImplicit;
  KeywordPack keyword_pack = KeywordPack::kDefault;
  Keywords keywords;  // added to the pack
  ConsentResponses responses;
  std::vector<ConsentLanguage> languages;  // in file order
};

struct AutoResponses {
  std::optional<std::string> initial;
  std::optional<std::string> offline;
};

struct ByocSettings {
  Owner routing_owner = Owner::kPlatform;
  Owner consent_owner = Owner::kPlatform;
  bool supports_keywords = true;
};

// One channel after expanding `count`: `id-1`, `id-2`, ... with numbered
// addresses. `declared_id` keeps the id written in the file.
struct Channel {
  std::string id;
  std::string declared_id;
  ChannelType type = ChannelType::kWeb;
  std::string address;
  bool active = true;
  RouteTarget routing;
  std::string fallback_queue;
  std::string business_hours;  // empty = always open
  ChannelConsent consent;
  bool consent_given = false;  // the file had a `consent` object
  AutoResponses auto_responses;
  Duration customer_inactivity_timeout;  // zero = off
  PreferredAgent preferred_agent = PreferredAgent::kNone;
  std::optional<ByocSettings> byoc;
  std::string source_path;
};

struct Presence {
  bool auto_accept = false;
  bool decline_enabled = true;
  std::optional<PresenceStatus> status_on_push_timeout;  // none = unchanged
  std::optional<PresenceStatus> status_on_decline;       // none = unchanged
};

struct ShiftEntry {
  Duration at;
  PresenceStatus status = PresenceStatus::kOnline;
};

struct AgentBehavior {
  Distribution accept_delay;  // default 0
  double decline_probability = 0.0;
  Distribution reply_delay;  // default 0
  Distribution handle_time = Distribution::constant(300.0);
  double transfer_probability = 0.0;
  std::optional<RouteTarget> transfer_to;
  double mark_inactive_probability = 0.0;
  double follow_up_probability = 0.0;
  std::optional<Distribution> follow_up_after;
  // After each reply, how long the agent waits for the customer to write
  // before ending the session; none = only handle_time ends it.
  std::optional<Distribution> end_when_silent;
};

// One agent group as written; `count` > 1 creates `id-1` ... `id-N`.
struct AgentGroup {
  std::string id;
  int count = 1;
  std::vector<std::string> queues;
  std::map<std::string, int> skills;  // skill -> level
  int capacity = 1;
  std::vector<std::string> permission_sets;
  Presence presence;
  std::vector<ShiftEntry> shift;  // empty = online throughout
  AgentBehavior behavior;
  std::string source_path;
};

struct Org {
  bool messaging_enabled = true;
  CapacityModel capacity_model = CapacityModel::kTabBased;
  ConsentRevocation consent_revocation = ConsentRevocation::kKeywords;
  IdentitySettings identity;
  std::vector<BusinessHours> business_hours;
  std::vector<Queue> queues;
  std::vector<Flow> flows;
  std::vector<Channel> channels;  // expanded
  std::vector<AgentGroup> agents;
};

struct Outage {
  Duration at;
  Duration length;  // "for"
};

struct Faults {
  double duplicate = 0.0;
  double reorder = 0.0;
  double drop_then_retry = 0.0;
  std::vector<Outage> outages;
  std::optional<double> throttle_per_s;
  double bad_signature = 0.0;
};

// Settings under one `providers` key; unset fields inherit from a less
// specific key ("*" < channel type < channel id).
struct ProviderSettings {
  std::optional<Distribution> latency;
  std::optional<Distribution> receipt_latency;
  std::optional<Faults> faults;
  std::optional<KeywordMatch> keyword_match;
  std::optional<WireMode> wire;
  std::string source_path;
};

struct ProfileStep {
  Duration at;
  double factor = 1.0;
};

enum class ArrivalKind { kPoisson, kCount, kAt };

struct Arrivals {
  ArrivalKind kind = ArrivalKind::kPoisson;
  Rate rate;                          // kPoisson
  std::vector<ProfileStep> profile;   // kPoisson; empty = factor 1
  std::int64_t count = 0;             // kCount
  Duration over;                      // kCount
  std::vector<Duration> at;           // kAt
};

struct PopulationIdentity {
  double has_email = 0.0;
  double verified_web = 0.0;
  double shared_phone = 0.0;
  double recycled_phone = 0.0;
  double email_typo = 0.0;
};

// How customers type keywords; probabilities that sum to 1. When the file
// gives `keyword_style`, styles it leaves out are 0.
struct KeywordStyle {
  double exact = 1.0;
  double lowercase = 0.0;
  double padded = 0.0;
};

struct PopulationConsent {
  double opt_out_probability = 0.0;
  double opt_in_again_probability = 0.0;
  double help_probability = 0.0;
  KeywordStyle keyword_style;
};

struct CustomerBehavior {
  Distribution messages = Distribution::constant(1.0);  // a count
  Distribution think_time = Distribution::constant(30.0);
  std::optional<Distribution> patience;  // none = never abandons
  double switch_channel_probability = 0.0;
  std::optional<Distribution> switch_after;
  double return_probability = 0.0;
  std::optional<Distribution> return_after;
  std::vector<std::pair<std::string, double>> intents;  // in file order
};

struct Population {
  std::string id;
  Arrivals arrivals;
  std::optional<std::int64_t> max;
  std::vector<std::pair<std::string, double>> channels;  // channel id -> weight, file order
  PopulationIdentity identity;
  PopulationConsent consent;
  CustomerBehavior behavior;
  // The languages the customers write their consent keywords in, by weight
  // (language tag -> weight, file order); empty: the channels' own words.
  std::vector<std::pair<std::string, double>> languages;
  std::string source_path;
};

struct ScriptPerson {
  std::optional<std::string> phone;
  std::optional<std::string> email;
  std::optional<std::string> name;
};

struct ReceivedExpectation {
  std::string channel;
  std::string matching;  // ECMAScript regex; "(?i)" prefix = ignore case
  Duration within;
};

struct NoOutboundExpectation {
  std::string channel;
  Duration length;  // "for"
};

struct SessionStatusExpectation {
  std::string channel;
  std::vector<std::string> in;  // session status names
};

// One `expect` step; several checks may be combined in one object.
struct StepExpectation {
  std::optional<Duration> routed_within;
  std::optional<Duration> reply_within;
  std::optional<ReceivedExpectation> received;
  std::optional<NoOutboundExpectation> no_outbound;
  std::vector<std::string> linked;  // channel ids; empty = not checked
  std::optional<bool> same_agent;
  std::optional<SessionStatusExpectation> session_status;
  std::optional<Duration> within;  // applies to linked / same_agent
};

enum class StepAction { kSend, kExpect, kVerify, kDeleteConversation, kBlock, kClearDevice };

struct ScriptStep {
  std::optional<Duration> at;     // absolute
  std::optional<Duration> after;  // relative to the previous step
  StepAction action = StepAction::kSend;
  std::string channel;  // send and actions
  std::string text;     // send
  StepExpectation expect;
  std::string source_path;
};

struct Script {
  std::string id;
  ScriptPerson person;
  std::vector<ScriptStep> steps;
  std::string source_path;
};

struct Customers {
  std::vector<Population> populations;
  std::vector<Script> scripts;
};

struct Notification {
  std::string id;
  std::string channel;
  Duration at;
  std::string audience;  // "population:ID", "script:ID" or "all"
  std::string template_name;
  TemplateCategory category = TemplateCategory::kUtility;
  AllowExistingSession allow_existing_session = AllowExistingSession::kAny;
  std::optional<std::string> text;
  std::string source_path;
};

enum class CompareOp { kMin, kMax, kEquals };

struct Expectation {
  std::string metric;  // dotted path under the report's `metrics`
  CompareOp op = CompareOp::kMax;
  double threshold = 0.0;
  std::optional<std::string> each;  // dotted path of a breakdown
  std::string source_path;
};

struct Scenario {
  std::string file;  // as given on the command line
  std::string sha256;
  int format_version = 1;
  std::string name;
  std::string description;
  std::uint64_t seed = 1;
  std::string start = "2026-01-05T09:00:00Z";
  std::int64_t start_unix_s = 1767603600;  // `start` as Unix seconds (UTC)
  Duration duration;
  Duration drain = Duration::hours(1);
  int replications = 1;
  Org org;
  std::map<std::string, ProviderSettings> providers;
  Customers customers;
  std::vector<Notification> notifications;
  std::vector<Expectation> expect;
  WireMode wire = WireMode::kTyped;
  // JSON paths of every key present in the file, in document order
  // ("org.queues[0].push_timeout"); the support check reads them.
  std::vector<std::string> present_keys;
};

constexpr int kMaxChannels = 2000;
constexpr int kMaxAgents = 100000;  // after expanding `count`
constexpr int kMaxReplications = 10000;

// The session statuses an `expect.session_status.in` list may name.
constexpr std::string_view kSessionStatusNames[] = {"Waiting", "Active", "Inactive", "Paused",
                                                    "New",     "Consent", "Ended",   "Error"};

// The explicit specialisations defined in scenario.cpp.
template <> std::span<const EnumName<CapacityModel>> enum_names();
template <> std::span<const EnumName<ConsentRevocation>> enum_names();
template <> std::span<const EnumName<IdentityPolicy>> enum_names();
template <> std::span<const EnumName<RoutingModel>> enum_names();
template <> std::span<const EnumName<ChannelType>> enum_names();
template <> std::span<const EnumName<ConsentLevelRequired>> enum_names();
template <> std::span<const EnumName<KeywordPack>> enum_names();
template <> std::span<const EnumName<Owner>> enum_names();
template <> std::span<const EnumName<WireMode>> enum_names();
template <> std::span<const EnumName<PresenceStatus>> enum_names();
template <> std::span<const EnumName<AllowExistingSession>> enum_names();
template <> std::span<const EnumName<TemplateCategory>> enum_names();
template <> std::span<const EnumName<KeywordMatch>> enum_names();
template <> std::span<const EnumName<PreferredAgent>> enum_names();
template <> std::span<const EnumName<ArrivalKind>> enum_names();
template <> std::span<const EnumName<StepAction>> enum_names();
template <> std::span<const EnumName<CompareOp>> enum_names();

}  // namespace msgsim::harness
