// The scenario loader reads the whole file into the model first, then checks
// every reference between its parts. Any problem is thrown as an InputError
// (json_reader.h) with its JSON path and caught once, in load_scenario_text:
// the loader is the input boundary, and nothing it throws escapes it.
#include "sim/harness/scenario_loader.h"

#include <openssl/evp.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>
#include <map>
#include <regex>

#include "sim/harness/json_reader.h"
#include "sim/harness/value_syntax.h"

namespace msgsim::harness {

using runtime::Result;
using runtime::Status;
using runtime::StatusCode;

namespace {

constexpr std::int64_t kNoMax = std::numeric_limits<std::int64_t>::max();
constexpr int kMaxCapacity = 1000;
constexpr std::int64_t kMaxArrivalCount = 100'000'000;
constexpr std::size_t kMaxIdSize = 100;
constexpr std::size_t kMaxRegexSize = 500;
constexpr std::size_t kMaxFileSize = 64u << 20;

// ---- Values -----------------------------------------------------------------

[[noreturn]] void fail_at(std::string path, std::string problem) {
  throw InputError(std::move(path), std::move(problem));
}

template <typename T>
T or_fail(const Node& node, Result<T> result) {
  if (!result.is_ok()) node.fail(result.status().message() + ", got " + node.describe());
  return result.take();
}

// The node's string, or "expected EXPECTED, got ..." for any other type.
const std::string& string_of(const Node& node, std::string_view expected) {
  if (!node.json().is_string()) node.fail_expected(expected);
  return node.json().get_ref<const std::string&>();
}

std::string read_string(const Node& node) { return node.string(); }
std::string read_text(const Node& node) { return node.text(); }
bool read_bool(const Node& node) { return node.boolean(); }

int read_int(const Node& node, int min, int max) { return static_cast<int>(node.integer(min, max)); }

auto int_in(int min, int max) {
  return [min, max](const Node& node) { return read_int(node, min, max); };
}

std::string read_id(const Node& node) {
  constexpr std::string_view kExpected = "an id: a non-empty string of at most 100 bytes without spaces";
  const std::string& id = string_of(node, kExpected);
  bool plain = !id.empty() && id.size() <= kMaxIdSize;
  for (const char c : id) plain = plain && static_cast<unsigned char>(c) > ' ';
  if (!plain) node.fail_expected(kExpected);
  return id;
}

template <typename Read>
auto read_list(const Node& node, Read read) {
  std::vector<decltype(read(node))> items;
  for (const Node& element : node.elements()) items.push_back(read(element));
  return items;
}

std::vector<std::string> read_ids(const Node& node) { return read_list(node, read_id); }
std::vector<std::string> read_texts(const Node& node) { return read_list(node, read_text); }

template <typename E>
E read_enum(const Node& node) {
  std::string names;
  for (const EnumName<E>& entry : enum_names<E>()) names += (names.empty() ? "" : ", ") + std::string(entry.name);
  if (node.json().is_string()) {
    if (const std::optional<E> value = enum_from_name<E>(node.string())) return *value;
  }
  node.fail_expected("one of: " + names);
}

Duration read_duration(const Node& node) {
  if (node.json().is_number()) return or_fail(node, duration_from_seconds(node.json().get<double>()));
  return or_fail(node, parse_duration(string_of(node, kDurationSyntax)));
}

Duration read_positive_duration(const Node& node) {
  const Duration duration = read_duration(node);
  if (duration <= Duration::zero()) node.fail_expected("a duration > 0");
  return duration;
}

double read_probability(const Node& node) {
  const double p = node.json().is_number() ? node.json().get<double>() : -1.0;
  if (!(p >= 0.0 && p <= 1.0)) node.fail_expected("a probability in [0, 1]");
  return p;
}

double read_positive_number(const Node& node) {
  const double value = node.number();
  if (value <= 0.0) node.fail_expected("a number > 0");
  return value;
}

Rate read_rate(const Node& node) { return or_fail(node, parse_rate(string_of(node, kRateSyntax))); }

double read_distribution_parameter(const Node& node, std::string_view parameter, Quantity quantity) {
  if (parameter == "k") return static_cast<double>(node.integer(1, 1000));
  if (quantity == Quantity::kDuration) return read_duration(node).to_seconds();
  return node.number();
}

Distribution read_distribution_object(const Node& node, Quantity quantity) {
  const ObjectReader object = node.object({"dist", "value", "mean", "sd", "low", "high", "k"});
  const Node name = object.required("dist");
  const DistributionForm* form =
      name.json().is_string() ? find_distribution_form(name.string(), quantity) : nullptr;
  if (form == nullptr) name.fail_expected("one of: " + distribution_form_names(quantity));
  for (const auto& [key, value] : node.members()) {
    const auto& parameters = form->parameters;
    if (key != "dist" && std::find(parameters.begin(), parameters.end(), key) == parameters.end()) {
      value.fail("expected no " + json_string(key) + " in a " + json_string(form->name) + " distribution");
    }
  }
  std::vector<double> values;
  for (const std::string_view parameter : form->parameters) {
    values.push_back(read_distribution_parameter(object.required(parameter), parameter, quantity));
  }
  return or_fail(node, make_distribution(*form, values, quantity));
}

Distribution read_distribution(const Node& node, Quantity quantity) {
  const Json& json = node.json();
  if (json.is_number()) return or_fail(node, constant_distribution(json.get<double>(), quantity));
  if (json.is_object()) return read_distribution_object(node, quantity);
  return or_fail(node, parse_distribution(string_of(node, distribution_syntax(quantity)), quantity));
}

Distribution read_duration_distribution(const Node& node) { return read_distribution(node, Quantity::kDuration); }
Distribution read_count_distribution(const Node& node) { return read_distribution(node, Quantity::kCount); }

// An object of names chosen by the file -> weights >= 0 with a sum > 0.
std::vector<std::pair<std::string, double>> read_weights(const Node& node) {
  std::vector<std::pair<std::string, double>> weights;
  double sum = 0.0;
  for (const auto& [key, value] : node.members()) {
    const double weight = value.number();
    if (weight < 0.0) value.fail_expected("a weight >= 0");
    weights.emplace_back(key, weight);
    sum += weight;
  }
  if (!(sum > 0.0 && std::isfinite(sum))) node.fail_expected("weights >= 0 with a sum > 0");
  return weights;
}

std::string read_dotted_path(const Node& node) {
  static const std::regex kDotted("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");
  constexpr std::string_view kExpected = R"(a dotted path such as "routing.latency_s.p95")";
  const std::string& path = string_of(node, kExpected);
  if (path.size() > 200 || !std::regex_match(path, kDotted)) node.fail_expected(kExpected);
  return path;
}

std::string read_regex(const Node& node) {
  constexpr std::string_view kExpected = R"x(an ECMAScript regular expression, optionally after "(?i)")x";
  const std::string& pattern = string_of(node, kExpected);
  if (pattern.size() > kMaxRegexSize) node.fail_expected("a regular expression of at most 500 bytes");
  const bool ignore_case = pattern.starts_with("(?i)");
  const std::string body = pattern.substr(ignore_case ? 4 : 0);
  try {
    const std::regex compiled(body, ignore_case ? std::regex::ECMAScript | std::regex::icase : std::regex::ECMAScript);
  } catch (const std::regex_error& error) {
    node.fail("expected " + std::string(kExpected) + ", got " + node.describe() + " (" + error.what() + ")");
  }
  return pattern;
}

std::string with_thousands(std::uint64_t value) {
  std::string digits = std::to_string(value);
  for (std::size_t i = digits.size(); i > 3; i -= 3) digits.insert(i - 3, ",");
  return digits;
}

// ---- Org ----------------------------------------------------------------------

IdentitySettings read_identity_settings(const Node& node) {
  const ObjectReader object = node.object({"policy", "phone_region", "reassigned_numbers_check"});
  IdentitySettings identity;
  object.read("policy", identity.policy, read_enum<IdentityPolicy>);
  object.read("phone_region", identity.phone_region, [](const Node& region) {
    const std::string& text = string_of(region, R"(a two-letter region code such as "US")");
    if (text.size() != 2 || !std::isupper(static_cast<unsigned char>(text[0])) ||
        !std::isupper(static_cast<unsigned char>(text[1]))) {
      region.fail_expected(R"(a two-letter region code such as "US")");
    }
    return text;
  });
  object.read("reassigned_numbers_check", identity.reassigned_numbers_check, read_bool);
  return identity;
}

void read_week(const Node& node, DayHours (&week)[7]) {
  std::string set_by[7];
  for (const auto& [key, value] : node.members()) {
    const Result<std::pair<int, int>> days = parse_day_range(key);
    if (!days.is_ok()) value.fail(days.status().message() + ", got " + json_string(key));
    const DayHours hours = or_fail(value, parse_day_hours(string_of(value, R"("HH:MM-HH:MM" or "closed")")));
    for (int day = days.value().first; day <= days.value().second; ++day) {
      if (!set_by[day].empty()) {
        value.fail("expected each day once, got " + std::string(day_name(day)) + " in both " +
                   json_string(set_by[day]) + " and " + json_string(key));
      }
      set_by[day] = key;
      week[day] = hours;
    }
  }
}

BusinessHours read_business_hours(const std::string& id, const Node& node) {
  const ObjectReader object = node.object({"time_zone", "week", "holidays"});
  BusinessHours hours;
  hours.id = id;
  const Node zone = object.required("time_zone");
  hours.time_zone = zone.string();
  if (!is_time_zone_name(hours.time_zone)) zone.fail_expected(R"(a time zone such as "America/New_York" or "UTC")");
  read_week(object.required("week"), hours.week);
  object.read("holidays", hours.holidays, [](const Node& list) {
    return read_list(list, [](const Node& day) {
      or_fail(day, parse_iso_date(string_of(day, R"(an ISO 8601 date such as "2026-12-25")")));
      return day.string();
    });
  });
  return hours;
}

Overflow read_overflow(const Node& node) {
  const ObjectReader object = node.object({"after", "queue"});
  return Overflow{read_positive_duration(object.required("after")), read_id(object.required("queue"))};
}

Queue read_queue(const Node& node) {
  const ObjectReader object = node.object({"id", "priority", "model", "push_timeout", "capacity_weight",
                                           "capacity_percentage", "skills", "drop_additional_skills_after",
                                           "overflow"});
  Queue queue;
  queue.id = read_id(object.required("id"));
  object.read("priority", queue.priority, int_in(1, 1'000'000));
  object.read("model", queue.model, read_enum<RoutingModel>);
  object.read("push_timeout", queue.push_timeout, read_duration);
  object.at_most_one_of({"capacity_weight", "capacity_percentage"});
  object.read("capacity_weight", queue.capacity_weight, int_in(1, kMaxCapacity));
  object.read("capacity_percentage", queue.capacity_percentage, [](const Node& percentage) {
    const double value = percentage.number();
    if (!(value > 0.0 && value <= 100.0)) percentage.fail_expected("a percentage in (0, 100]");
    return value;
  });
  object.read("skills", queue.skills, read_ids);
  object.read("drop_additional_skills_after", queue.drop_additional_skills_after, read_duration);
  object.read("overflow", queue.overflow, read_overflow);
  queue.source_path = node.path();
  return queue;
}

RouteTarget read_route_target(const Node& node) {
  const ObjectReader object = node.object({"queue", "skills", "flow", "agent"});
  const std::string_view kind = object.exactly_one_of({"queue", "flow", "agent"});
  RouteTarget target;
  target.source_path = node.path();
  if (kind != "queue" && object.has("skills")) object.required("skills").fail("expected \"skills\" only with \"queue\"");
  if (kind == "queue") {
    target.queue = read_id(object.required("queue"));
    object.read("skills", target.skills, read_ids);
  } else if (kind == "flow") {
    target.flow = read_id(object.required("flow"));
  } else {
    target.agent = read_id(object.required("agent"));
  }
  return target;
}

Flow read_flow(const Node& node) {
  const ObjectReader object = node.object({"id", "greeting", "bot_time", "resolve_probability", "route"});
  Flow flow;
  flow.id = read_id(object.required("id"));
  object.read("greeting", flow.greeting, read_text);
  object.read("bot_time", flow.bot_time, read_duration);
  object.read("resolve_probability", flow.resolve_probability, read_probability);
  if (const std::optional<Node> route = object.find("route")) {
    const ObjectReader route_object = route->object({"by_intent", "default"});
    if (const std::optional<Node> by_intent = route_object.find("by_intent")) {
      for (const auto& [intent, target] : by_intent->members()) flow.by_intent[intent] = read_route_target(target);
    }
    route_object.read("default", flow.default_route, read_route_target);
  }
  flow.source_path = node.path();
  return flow;
}

Keywords read_keywords(const Node& node) {
  const ObjectReader object = node.object({"opt_out", "opt_in", "double_opt_in", "help"});
  Keywords keywords;
  object.read("opt_out", keywords.opt_out, read_texts);
  object.read("opt_in", keywords.opt_in, read_texts);
  object.read("double_opt_in", keywords.double_opt_in, read_texts);
  object.read("help", keywords.help, read_texts);
  return keywords;
}

ChannelConsent read_channel_consent(const Node& node) {
  const ObjectReader object = node.object({"required", "keyword_pack", "keywords", "responses"});
  ChannelConsent consent;
  object.read("required", consent.required, read_enum<ConsentLevelRequired>);
  object.read("keyword_pack", consent.keyword_pack, read_enum<KeywordPack>);
  object.read("keywords", consent.keywords, read_keywords);
  if (const std::optional<Node> responses = object.find("responses")) {
    const ObjectReader texts = responses->object({"opt_out", "opt_in", "double_opt_in", "help"});
    texts.read("opt_out", consent.responses.opt_out, read_text);
    texts.read("opt_in", consent.responses.opt_in, read_text);
    texts.read("double_opt_in", consent.responses.double_opt_in, read_text);
    texts.read("help", consent.responses.help, read_text);
  }
  return consent;
}

AutoResponses read_auto_responses(const Node& node) {
  const ObjectReader object = node.object({"initial", "offline"});
  AutoResponses responses;
  object.read("initial", responses.initial, read_text);
  object.read("offline", responses.offline, read_text);
  return responses;
}

ByocSettings read_byoc(const Node& node) {
  const ObjectReader object = node.object({"routing_owner", "consent_owner", "supports_keywords"});
  ByocSettings byoc;
  object.read("routing_owner", byoc.routing_owner, read_enum<Owner>);
  object.read("consent_owner", byoc.consent_owner, read_enum<Owner>);
  object.read("supports_keywords", byoc.supports_keywords, read_bool);
  return byoc;
}

Channel read_channel(const ObjectReader& object) {
  Channel channel;
  channel.id = read_id(object.required("id"));
  channel.declared_id = channel.id;
  channel.type = read_enum<ChannelType>(object.required("type"));
  channel.address = object.required("address").text(200);
  object.read("active", channel.active, read_bool);
  channel.routing = read_route_target(object.required("routing"));
  channel.fallback_queue = read_id(object.required("fallback_queue"));
  object.read("business_hours", channel.business_hours, read_id);
  channel.consent_given = object.read("consent", channel.consent, read_channel_consent);
  object.read("auto_responses", channel.auto_responses, read_auto_responses);
  object.read("customer_inactivity_timeout", channel.customer_inactivity_timeout, read_duration);
  if (const std::optional<Node> byoc = object.find("byoc")) {
    if (channel.type != ChannelType::kByoc && channel.type != ChannelType::kByocCcaas) {
      byoc->fail("expected \"byoc\" settings only on channels of type byoc or byoc_ccaas, got type " +
                 std::string(to_string(channel.type)));
    }
    channel.byoc = read_byoc(*byoc);
  }
  channel.source_path = object.path();
  return channel;
}

// `digits` (base 10 or 16) plus `amount`, keeping the width; a decimal carry
// out of the first digit widens the number, a hexadecimal one wraps.
std::string add_to_digits(std::string digits, std::uint64_t amount, unsigned base) {
  const bool upper = digits.find_first_of("ABCDEF") != std::string::npos;
  const char* symbols = upper ? "0123456789ABCDEF" : "0123456789abcdef";
  for (std::size_t i = digits.size(); i-- > 0 && amount > 0;) {
    const char c = static_cast<char>(std::tolower(static_cast<unsigned char>(digits[i])));
    const std::uint64_t digit = c <= '9' ? static_cast<std::uint64_t>(c - '0') : static_cast<std::uint64_t>(c - 'a' + 10);
    const std::uint64_t sum = digit + amount % base;
    amount = amount / base + sum / base;
    digits[i] = symbols[sum % base];
  }
  return amount > 0 && base == 10 ? std::to_string(amount) + digits : digits;
}

bool all_of_chars(std::string_view text, std::string_view allowed) {
  return !text.empty() && text.find_first_not_of(allowed) == std::string_view::npos;
}

bool is_uuid(std::string_view text) {
  static const std::regex kUuid("[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}");
  return std::regex_match(text.begin(), text.end(), kUuid);
}

// The address of channel `index` (0-based) of a group numbered from `base`.
std::string numbered_address(const std::string& base, std::uint64_t index) {
  constexpr std::string_view kDecimal = "0123456789";
  if (all_of_chars(base, kDecimal)) return add_to_digits(base, index, 10);
  if (base.size() > 1 && base[0] == '+' && all_of_chars(std::string_view(base).substr(1), kDecimal)) {
    return "+" + add_to_digits(base.substr(1), index, 10);
  }
  if (is_uuid(base)) return base.substr(0, 24) + add_to_digits(base.substr(24), index, 16);
  return base + "-" + std::to_string(index + 1);
}

void read_channels(const Node& node, std::vector<Channel>& channels) {
  for (const Node& element : node.elements()) {
    const ObjectReader object =
        element.object({"id", "type", "address", "count", "active", "routing", "fallback_queue", "business_hours",
                        "consent", "auto_responses", "customer_inactivity_timeout", "byoc"});
    const Channel channel = read_channel(object);
    std::int64_t count = 1;
    object.read("count", count, [](const Node& value) { return value.integer(1, kNoMax); });
    const std::uint64_t room = kMaxChannels - channels.size();
    if (static_cast<std::uint64_t>(count) > room) {
      object.find("count").value_or(element).fail(
          "expected at most 2,000 channels in total after expanding count, got " +
          with_thousands(channels.size() + static_cast<std::uint64_t>(count)));
    }
    if (count == 1) {
      channels.push_back(channel);
      continue;
    }
    for (std::int64_t i = 0; i < count; ++i) {
      Channel expanded = channel;
      expanded.id = channel.id + "-" + std::to_string(i + 1);
      expanded.address = numbered_address(channel.address, static_cast<std::uint64_t>(i));
      channels.push_back(std::move(expanded));
    }
  }
}

Presence read_presence(const Node& node) {
  const ObjectReader object =
      node.object({"auto_accept", "decline_enabled", "status_on_push_timeout", "status_on_decline"});
  Presence presence;
  object.read("auto_accept", presence.auto_accept, read_bool);
  object.read("decline_enabled", presence.decline_enabled, read_bool);
  object.read("status_on_push_timeout", presence.status_on_push_timeout, read_enum<PresenceStatus>);
  object.read("status_on_decline", presence.status_on_decline, read_enum<PresenceStatus>);
  return presence;
}

std::vector<ShiftEntry> read_shift(const Node& node) {
  std::vector<ShiftEntry> shift;
  for (const Node& element : node.elements()) {
    const ObjectReader object = element.object({"at", "status"});
    const Node at = object.required("at");
    ShiftEntry entry{read_duration(at), read_enum<PresenceStatus>(object.required("status"))};
    if (!shift.empty() && entry.at <= shift.back().at) at.fail_expected("a time after the previous shift entry's");
    shift.push_back(entry);
  }
  return shift;
}

// Fails unless `dependent` is present whenever `probability` is above 0.
void require_when_likely(const ObjectReader& object, double probability, std::string_view probability_key,
                         std::string_view dependent) {
  if (probability > 0.0 && !object.has(dependent)) {
    object.fail("missing key " + json_string(dependent) + " (required when " + std::string(probability_key) + " > 0)");
  }
}

AgentBehavior read_agent_behavior(const Node& node) {
  const ObjectReader object =
      node.object({"accept_delay", "decline_probability", "reply_delay", "handle_time", "transfer_probability",
                   "transfer_to", "mark_inactive_probability", "follow_up_probability", "follow_up_after"});
  AgentBehavior behavior;
  object.read("accept_delay", behavior.accept_delay, read_duration_distribution);
  object.read("decline_probability", behavior.decline_probability, read_probability);
  object.read("reply_delay", behavior.reply_delay, read_duration_distribution);
  object.read("handle_time", behavior.handle_time, read_duration_distribution);
  object.read("transfer_probability", behavior.transfer_probability, read_probability);
  object.read("transfer_to", behavior.transfer_to, read_route_target);
  object.read("mark_inactive_probability", behavior.mark_inactive_probability, read_probability);
  object.read("follow_up_probability", behavior.follow_up_probability, read_probability);
  object.read("follow_up_after", behavior.follow_up_after, read_duration_distribution);
  require_when_likely(object, behavior.transfer_probability, "transfer_probability", "transfer_to");
  require_when_likely(object, behavior.follow_up_probability, "follow_up_probability", "follow_up_after");
  return behavior;
}

AgentGroup read_agent(const Node& node) {
  const ObjectReader object = node.object(
      {"id", "count", "queues", "skills", "capacity", "permission_sets", "presence", "shift", "behavior"});
  AgentGroup agent;
  agent.id = read_id(object.required("id"));
  object.read("count", agent.count, int_in(1, kMaxAgents));
  object.read("queues", agent.queues, read_ids);
  if (const std::optional<Node> skills = object.find("skills")) {
    for (const auto& [skill, level] : skills->members()) {
      agent.skills[skill] = read_int(level, 0, std::numeric_limits<int>::max());
    }
  }
  object.read("capacity", agent.capacity, int_in(1, kMaxCapacity));
  object.read("permission_sets", agent.permission_sets, read_ids);
  object.read("presence", agent.presence, read_presence);
  object.read("shift", agent.shift, read_shift);
  object.read("behavior", agent.behavior, read_agent_behavior);
  agent.source_path = node.path();
  return agent;
}

std::vector<AgentGroup> read_agents(const Node& node) {
  std::vector<AgentGroup> agents = read_list(node, read_agent);
  std::int64_t total = 0;
  for (const AgentGroup& agent : agents) {
    total += agent.count;
    if (total > kMaxAgents) {
      fail_at(agent.source_path + ".count", "expected at most 100,000 agents in total after expanding count, got " +
                                                with_thousands(static_cast<std::uint64_t>(total)) + " so far");
    }
  }
  return agents;
}

Org read_org(const Node& node) {
  const ObjectReader object = node.object({"messaging_enabled", "capacity_model", "consent_revocation", "identity",
                                           "business_hours", "queues", "flows", "channels", "agents"});
  Org org;
  object.read("messaging_enabled", org.messaging_enabled, read_bool);
  object.read("capacity_model", org.capacity_model, read_enum<CapacityModel>);
  object.read("consent_revocation", org.consent_revocation, read_enum<ConsentRevocation>);
  object.read("identity", org.identity, read_identity_settings);
  if (const std::optional<Node> hours = object.find("business_hours")) {
    for (const auto& [id, value] : hours->members()) org.business_hours.push_back(read_business_hours(id, value));
  }
  object.read("queues", org.queues, [](const Node& list) { return read_list(list, read_queue); });
  object.read("flows", org.flows, [](const Node& list) { return read_list(list, read_flow); });
  if (const std::optional<Node> channels = object.find("channels")) read_channels(*channels, org.channels);
  object.read("agents", org.agents, read_agents);
  return org;
}

// ---- Providers ------------------------------------------------------------------

Outage read_outage(const Node& node) {
  const ObjectReader object = node.object({"at", "for"});
  return Outage{read_duration(object.required("at")), read_positive_duration(object.required("for"))};
}

Faults read_faults(const Node& node) {
  const ObjectReader object =
      node.object({"duplicate", "reorder", "drop_then_retry", "outages", "throttle_per_s", "bad_signature"});
  Faults faults;
  object.read("duplicate", faults.duplicate, read_probability);
  object.read("reorder", faults.reorder, read_probability);
  object.read("drop_then_retry", faults.drop_then_retry, read_probability);
  object.read("outages", faults.outages, [](const Node& list) { return read_list(list, read_outage); });
  object.read("throttle_per_s", faults.throttle_per_s, read_positive_number);
  object.read("bad_signature", faults.bad_signature, read_probability);
  return faults;
}

std::map<std::string, ProviderSettings> read_providers(const Node& node) {
  std::map<std::string, ProviderSettings> providers;
  for (const auto& [key, value] : node.members()) {
    const ObjectReader object = value.object({"latency", "receipt_latency", "faults", "keyword_match", "wire"});
    ProviderSettings& settings = providers[key];
    object.read("latency", settings.latency, read_duration_distribution);
    object.read("receipt_latency", settings.receipt_latency, read_duration_distribution);
    object.read("faults", settings.faults, read_faults);
    object.read("keyword_match", settings.keyword_match, read_enum<KeywordMatch>);
    object.read("wire", settings.wire, read_enum<WireMode>);
    settings.source_path = value.path();
  }
  return providers;
}

// ---- Customers ------------------------------------------------------------------

std::vector<ProfileStep> read_profile(const Node& node) {
  std::vector<ProfileStep> profile;
  for (const Node& element : node.elements()) {
    const ObjectReader object = element.object({"at", "factor"});
    const Node at = object.required("at");
    const Node factor = object.required("factor");
    ProfileStep step{read_duration(at), factor.number()};
    if (step.factor < 0.0) factor.fail_expected("a factor >= 0");
    if (!profile.empty() && step.at <= profile.back().at) at.fail_expected("a time after the previous step's");
    profile.push_back(step);
  }
  return profile;
}

Arrivals read_arrivals(const Node& node) {
  const ObjectReader object = node.object({"rate", "profile", "count", "over", "at"});
  Arrivals arrivals;
  arrivals.kind = *enum_from_name<ArrivalKind>(object.exactly_one_of({"rate", "count", "at"}));
  const bool rate = arrivals.kind == ArrivalKind::kPoisson;
  const bool count = arrivals.kind == ArrivalKind::kCount;
  if (!rate && object.has("profile")) object.required("profile").fail("expected \"profile\" only with \"rate\"");
  if (!count && object.has("over")) object.required("over").fail("expected \"over\" only with \"count\"");
  if (rate) {
    arrivals.rate = read_rate(object.required("rate"));
    object.read("profile", arrivals.profile, read_profile);
  } else if (count) {
    arrivals.count = object.required("count").integer(1, kMaxArrivalCount);
    arrivals.over = read_positive_duration(object.required("over"));
  } else {
    arrivals.at = read_list(object.required("at"), read_duration);
  }
  return arrivals;
}

PopulationIdentity read_population_identity(const Node& node) {
  const ObjectReader object =
      node.object({"has_email", "verified_web", "shared_phone", "recycled_phone", "email_typo"});
  PopulationIdentity identity;
  object.read("has_email", identity.has_email, read_probability);
  object.read("verified_web", identity.verified_web, read_probability);
  object.read("shared_phone", identity.shared_phone, read_probability);
  object.read("recycled_phone", identity.recycled_phone, read_probability);
  object.read("email_typo", identity.email_typo, read_probability);
  return identity;
}

KeywordStyle read_keyword_style(const Node& node) {
  const ObjectReader object = node.object({"exact", "lowercase", "padded"});
  KeywordStyle style{0.0, 0.0, 0.0};  // styles left out are 0 once the object is given
  object.read("exact", style.exact, read_probability);
  object.read("lowercase", style.lowercase, read_probability);
  object.read("padded", style.padded, read_probability);
  const double sum = style.exact + style.lowercase + style.padded;
  if (std::abs(sum - 1.0) > 1e-6) {
    node.fail("expected probabilities that sum to 1, got a sum of " + Json(sum).dump());
  }
  return style;
}

PopulationConsent read_population_consent(const Node& node) {
  const ObjectReader object =
      node.object({"opt_out_probability", "opt_in_again_probability", "help_probability", "keyword_style"});
  PopulationConsent consent;
  object.read("opt_out_probability", consent.opt_out_probability, read_probability);
  object.read("opt_in_again_probability", consent.opt_in_again_probability, read_probability);
  object.read("help_probability", consent.help_probability, read_probability);
  object.read("keyword_style", consent.keyword_style, read_keyword_style);
  return consent;
}

CustomerBehavior read_customer_behavior(const Node& node) {
  const ObjectReader object =
      node.object({"messages", "think_time", "patience", "switch_channel_probability", "switch_after",
                   "return_probability", "return_after", "intents"});
  CustomerBehavior behavior;
  object.read("messages", behavior.messages, read_count_distribution);
  object.read("think_time", behavior.think_time, read_duration_distribution);
  object.read("patience", behavior.patience, read_duration_distribution);
  object.read("switch_channel_probability", behavior.switch_channel_probability, read_probability);
  object.read("switch_after", behavior.switch_after, read_duration_distribution);
  object.read("return_probability", behavior.return_probability, read_probability);
  object.read("return_after", behavior.return_after, read_duration_distribution);
  object.read("intents", behavior.intents, read_weights);
  require_when_likely(object, behavior.switch_channel_probability, "switch_channel_probability", "switch_after");
  require_when_likely(object, behavior.return_probability, "return_probability", "return_after");
  return behavior;
}

Population read_population(const Node& node) {
  const ObjectReader object =
      node.object({"id", "arrivals", "max", "channels", "identity", "consent", "behavior"});
  Population population;
  population.id = read_id(object.required("id"));
  population.arrivals = read_arrivals(object.required("arrivals"));
  object.read("max", population.max, [](const Node& max) { return max.integer(1, kNoMax); });
  population.channels = read_weights(object.required("channels"));
  object.read("identity", population.identity, read_population_identity);
  object.read("consent", population.consent, read_population_consent);
  object.read("behavior", population.behavior, read_customer_behavior);
  population.source_path = node.path();
  return population;
}

ScriptPerson read_person(const Node& node) {
  const ObjectReader object = node.object({"phone", "email", "name"});
  ScriptPerson person;
  object.read("phone", person.phone, read_text);
  object.read("email", person.email, read_text);
  object.read("name", person.name, read_text);
  return person;
}

std::string read_channel_only(const Node& node) {
  return read_id(node.object({"channel"}).required("channel"));
}

StepExpectation read_step_expectation(const Node& node) {
  const ObjectReader object = node.object({"routed_within", "reply_within", "received", "no_outbound", "linked",
                                           "same_agent", "session_status", "within"});
  StepExpectation expect;
  object.read("routed_within", expect.routed_within, read_positive_duration);
  object.read("reply_within", expect.reply_within, read_positive_duration);
  object.read("received", expect.received, [](const Node& value) {
    const ObjectReader received = value.object({"channel", "matching", "within"});
    return ReceivedExpectation{read_id(received.required("channel")), read_regex(received.required("matching")),
                               read_positive_duration(received.required("within"))};
  });
  object.read("no_outbound", expect.no_outbound, [](const Node& value) {
    const ObjectReader no_outbound = value.object({"channel", "for"});
    return NoOutboundExpectation{read_id(no_outbound.required("channel")),
                                 read_positive_duration(no_outbound.required("for"))};
  });
  object.read("linked", expect.linked, [](const Node& value) {
    std::vector<std::string> channels = read_ids(value);
    if (channels.size() < 2) value.fail_expected("an array of at least 2 channel ids");
    return channels;
  });
  object.read("same_agent", expect.same_agent, read_bool);
  object.read("session_status", expect.session_status, [](const Node& value) {
    const ObjectReader status = value.object({"channel", "in"});
    return SessionStatusExpectation{read_id(status.required("channel")), read_list(status.required("in"), [](const Node& name) {
      for (const std::string_view known : kSessionStatusNames) {
        if (name.json().is_string() && name.string() == known) return name.string();
      }
      name.fail_expected("one of: Waiting, Active, Inactive, Paused, New, Consent, Ended, Error");
    })};
  });
  object.read("within", expect.within, read_positive_duration);
  if (!object.has("routed_within") && !object.has("reply_within") && !object.has("received") &&
      !object.has("no_outbound") && !object.has("linked") && !object.has("same_agent") &&
      !object.has("session_status")) {
    object.fail("expected at least one check: routed_within, reply_within, received, no_outbound, linked, "
                "same_agent or session_status");
  }
  if (object.has("within") && !object.has("linked") && !object.has("same_agent")) {
    object.required("within").fail("expected \"within\" only with \"linked\" or \"same_agent\"");
  }
  return expect;
}

ScriptStep read_step(const Node& node) {
  const ObjectReader object = node.object(
      {"at", "after", "send", "expect", "verify", "delete_conversation", "block", "clear_device"});
  ScriptStep step;
  object.at_most_one_of({"at", "after"});
  object.read("at", step.at, read_duration);
  object.read("after", step.after, read_duration);
  const std::string_view action =
      object.exactly_one_of({"send", "expect", "verify", "delete_conversation", "block", "clear_device"});
  step.action = *enum_from_name<StepAction>(action);
  const Node body = object.required(action);
  if (step.action == StepAction::kSend) {
    const ObjectReader send = body.object({"channel", "text"});
    step.channel = read_id(send.required("channel"));
    step.text = send.required("text").text();
  } else if (step.action == StepAction::kExpect) {
    step.expect = read_step_expectation(body);
  } else {
    step.channel = read_channel_only(body);
  }
  step.source_path = node.path();
  return step;
}

Script read_script(const Node& node) {
  const ObjectReader object = node.object({"id", "person", "steps"});
  Script script;
  script.id = read_id(object.required("id"));
  object.read("person", script.person, read_person);
  const Node steps = object.required("steps");
  script.steps = read_list(steps, read_step);
  if (script.steps.empty()) steps.fail_expected("at least one step");
  script.source_path = node.path();
  return script;
}

Customers read_customers(const Node& node) {
  const ObjectReader object = node.object({"populations", "scripts"});
  Customers customers;
  object.read("populations", customers.populations, [](const Node& list) { return read_list(list, read_population); });
  object.read("scripts", customers.scripts, [](const Node& list) { return read_list(list, read_script); });
  return customers;
}

// ---- Notifications and expectations --------------------------------------------

Notification read_notification(const Node& node) {
  const ObjectReader object = node.object(
      {"id", "channel", "at", "audience", "template", "category", "allow_existing_session", "text"});
  Notification notification;
  notification.id = read_id(object.required("id"));
  notification.channel = read_id(object.required("channel"));
  notification.at = read_duration(object.required("at"));
  const Node audience = object.required("audience");
  notification.audience = read_id(audience);
  const std::string& text = notification.audience;
  const bool shaped = text == "all" || (text.starts_with("population:") && text.size() > 11) ||
                      (text.starts_with("script:") && text.size() > 7);
  if (!shaped) audience.fail_expected(R"("all", "population:ID" or "script:ID")");
  notification.template_name = read_id(object.required("template"));
  object.read("category", notification.category, read_enum<TemplateCategory>);
  object.read("allow_existing_session", notification.allow_existing_session, read_enum<AllowExistingSession>);
  object.read("text", notification.text, read_text);
  notification.source_path = node.path();
  return notification;
}

Expectation read_expectation(const Node& node) {
  const ObjectReader object = node.object({"metric", "min", "max", "equals", "each"});
  Expectation expectation;
  expectation.metric = read_dotted_path(object.required("metric"));
  const std::string_view op = object.exactly_one_of({"min", "max", "equals"});
  expectation.op = *enum_from_name<CompareOp>(op);
  expectation.threshold = object.required(op).number();
  object.read("each", expectation.each, read_dotted_path);
  expectation.source_path = node.path();
  return expectation;
}

Scenario read_scenario(const Node& root) {
  const ObjectReader object =
      root.object({"msgsim", "name", "description", "seed", "start", "duration", "drain", "replications", "org",
                   "providers", "customers", "notifications", "expect", "wire"});
  Scenario scenario;
  const Node version = object.required("msgsim");
  if (!version.json().is_number_integer() || version.json().get<std::int64_t>() != 1) {
    version.fail_expected("1 (the only format version)");
  }
  scenario.name = object.required("name").text(200);
  object.read("description", scenario.description, read_string);
  object.read("seed", scenario.seed, [](const Node& seed) { return seed.unsigned_integer(); });
  if (const std::optional<Node> start = object.find("start")) {
    scenario.start = string_of(*start, R"(an ISO 8601 date-time such as "2026-01-05T09:00:00Z")");
    scenario.start_unix_s = or_fail(*start, parse_iso_date_time(scenario.start));
  }
  scenario.duration = read_positive_duration(object.required("duration"));
  object.read("drain", scenario.drain, read_duration);
  object.read("replications", scenario.replications, int_in(1, kMaxReplications));
  scenario.org = read_org(object.required("org"));
  object.read("providers", scenario.providers, read_providers);
  scenario.customers = read_customers(object.required("customers"));
  object.read("notifications", scenario.notifications, [](const Node& list) { return read_list(list, read_notification); });
  object.read("expect", scenario.expect, [](const Node& list) { return read_list(list, read_expectation); });
  object.read("wire", scenario.wire, read_enum<WireMode>);
  return scenario;
}

// ---- References -------------------------------------------------------------------

// Ids of one kind -> the JSON path that defines each.
using IdPaths = std::map<std::string, std::string>;

struct Index {
  IdPaths business_hours, queues, flows, channels, agents, populations, scripts, notifications;
  std::map<std::string, std::int64_t> channel_groups;  // declared id -> count, for count > 1
  std::map<std::string, ChannelType> channel_types;    // expanded id -> type
};

void add_unique(IdPaths& ids, std::string_view kind, const std::string& id, const std::string& path) {
  const auto [it, inserted] = ids.emplace(id, path);
  if (!inserted) fail_at(path, "duplicate " + std::string(kind) + " id " + json_string(id) + " (also at " + it->second + ")");
}

std::string known_ids(const IdPaths& ids) {
  if (ids.empty()) return "none are defined";
  std::string list = "defined: ";
  std::size_t shown = 0;
  for (const auto& [id, path] : ids) {
    if (shown++ == 10) return list + ", ...";
    list += (shown > 1 ? ", " : "") + id;
  }
  return list;
}

void require_known(const IdPaths& ids, std::string_view kind, const std::string& id, const std::string& path) {
  if (!ids.contains(id)) fail_at(path, "unknown " + std::string(kind) + " " + json_string(id) + " (" + known_ids(ids) + ")");
}

void require_channel(const Index& index, const std::string& id, const std::string& path) {
  const auto group = index.channel_groups.find(id);
  if (group != index.channel_groups.end() && !index.channels.contains(id)) {
    fail_at(path, "unknown channel " + json_string(id) + " (channel " + json_string(id) + " has count " +
                      std::to_string(group->second) + ": use " + json_string(id + "-1") + " .. " +
                      json_string(id + "-" + std::to_string(group->second)) + ")");
  }
  require_known(index.channels, "channel", id, path);
}

Index build_index(const Scenario& scenario) {
  Index index;
  const Org& org = scenario.org;
  for (const BusinessHours& hours : org.business_hours) index.business_hours.emplace(hours.id, "org.business_hours");
  for (const Queue& queue : org.queues) add_unique(index.queues, "queue", queue.id, queue.source_path + ".id");
  for (const Flow& flow : org.flows) add_unique(index.flows, "flow", flow.id, flow.source_path + ".id");
  IdPaths declared_channels;
  for (const Channel& channel : org.channels) {
    if (channel.id == channel.declared_id || channel.id == channel.declared_id + "-1") {
      add_unique(declared_channels, "channel", channel.declared_id, channel.source_path + ".id");
    }
    if (channel.id != channel.declared_id) ++index.channel_groups[channel.declared_id];
    add_unique(index.channels, "channel", channel.id, channel.source_path + ".id");
    index.channel_types[channel.id] = channel.type;
  }
  for (const AgentGroup& agent : org.agents) {
    for (int i = 1; i <= agent.count; ++i) {
      const std::string id = agent.count == 1 ? agent.id : agent.id + "-" + std::to_string(i);
      add_unique(index.agents, "agent", id, agent.source_path + ".id");
    }
  }
  for (const Population& population : scenario.customers.populations) {
    add_unique(index.populations, "population", population.id, population.source_path + ".id");
  }
  for (const Script& script : scenario.customers.scripts) {
    add_unique(index.scripts, "script", script.id, script.source_path + ".id");
  }
  for (const Notification& notification : scenario.notifications) {
    add_unique(index.notifications, "notification", notification.id, notification.source_path + ".id");
  }
  return index;
}

void check_route(const Index& index, const RouteTarget& target) {
  if (!target.queue.empty()) require_known(index.queues, "queue", target.queue, target.source_path + ".queue");
  if (!target.flow.empty()) require_known(index.flows, "flow", target.flow, target.source_path + ".flow");
  if (!target.agent.empty()) require_known(index.agents, "agent", target.agent, target.source_path + ".agent");
}

void check_org_references(const Index& index, const Org& org) {
  for (const Queue& queue : org.queues) {
    if (!queue.overflow) continue;
    const std::string path = queue.source_path + ".overflow.queue";
    require_known(index.queues, "queue", queue.overflow->queue, path);
    if (queue.overflow->queue == queue.id) fail_at(path, "expected another queue to overflow to, got the queue itself");
  }
  for (const Flow& flow : org.flows) {
    for (const auto& [intent, target] : flow.by_intent) check_route(index, target);
    if (flow.default_route) check_route(index, *flow.default_route);
  }
  for (const Channel& channel : org.channels) {
    check_route(index, channel.routing);
    require_known(index.queues, "queue", channel.fallback_queue, channel.source_path + ".fallback_queue");
    if (!channel.business_hours.empty()) {
      require_known(index.business_hours, "business hours", channel.business_hours,
                    channel.source_path + ".business_hours");
    }
  }
  for (const AgentGroup& agent : org.agents) {
    for (std::size_t i = 0; i < agent.queues.size(); ++i) {
      require_known(index.queues, "queue", agent.queues[i], element_path(agent.source_path + ".queues", i));
    }
    if (agent.behavior.transfer_to) check_route(index, *agent.behavior.transfer_to);
  }
}

void check_provider_keys(const Index& index, const Scenario& scenario) {
  for (const auto& [key, settings] : scenario.providers) {
    const bool known = key == "*" || enum_from_name<ChannelType>(key).has_value() || index.channels.contains(key) ||
                       index.channel_groups.contains(key);
    if (!known) {
      fail_at(settings.source_path, "unknown provider key " + json_string(key) +
                                        " (expected \"*\", a channel type such as \"sms\", or a channel id)");
    }
  }
}

// The channel types an action works on; empty = any (send, expect).
std::vector<ChannelType> channel_types_for(StepAction action) {
  switch (action) {
    case StepAction::kVerify: return {ChannelType::kWeb, ChannelType::kInApp};
    case StepAction::kDeleteConversation: return {ChannelType::kApple};
    case StepAction::kBlock: return {ChannelType::kLine};
    case StepAction::kClearDevice: return {ChannelType::kWeb};
    default: return {};
  }
}

void check_action_channel(const Index& index, const ScriptStep& step, const std::string& path) {
  const std::vector<ChannelType> types = channel_types_for(step.action);
  const ChannelType type = index.channel_types.at(step.channel);
  if (types.empty() || std::find(types.begin(), types.end(), type) != types.end()) return;
  std::string needs;
  for (const ChannelType candidate : types) needs += (needs.empty() ? "" : " or ") + std::string(to_string(candidate));
  fail_at(path, "expected a channel of type " + needs + " for " + enum_name(step.action) + ", got " +
                    json_string(step.channel) + " of type " + to_string(type));
}

void check_step(const Index& index, const ScriptStep& step) {
  const std::string base = step.source_path + "." + enum_name(step.action);
  if (step.action != StepAction::kExpect) {
    require_channel(index, step.channel, base + ".channel");
    check_action_channel(index, step, base + ".channel");
    return;
  }
  const StepExpectation& expect = step.expect;
  if (expect.received) require_channel(index, expect.received->channel, base + ".received.channel");
  if (expect.no_outbound) require_channel(index, expect.no_outbound->channel, base + ".no_outbound.channel");
  for (std::size_t i = 0; i < expect.linked.size(); ++i) {
    require_channel(index, expect.linked[i], element_path(base + ".linked", i));
  }
  if (expect.session_status) {
    require_channel(index, expect.session_status->channel, base + ".session_status.channel");
  }
}

void check_customer_references(const Index& index, const Scenario& scenario) {
  for (const Population& population : scenario.customers.populations) {
    for (const auto& [channel, weight] : population.channels) {
      require_channel(index, channel, population.source_path + ".channels." + channel);
    }
  }
  for (const Script& script : scenario.customers.scripts) {
    for (const ScriptStep& step : script.steps) check_step(index, step);
  }
  for (const Notification& notification : scenario.notifications) {
    require_channel(index, notification.channel, notification.source_path + ".channel");
    const std::string& audience = notification.audience;
    const std::string path = notification.source_path + ".audience";
    if (audience.starts_with("population:")) require_known(index.populations, "population", audience.substr(11), path);
    if (audience.starts_with("script:")) require_known(index.scripts, "script", audience.substr(7), path);
  }
}

void check_references(const Scenario& scenario) {
  const Index index = build_index(scenario);
  check_org_references(index, scenario.org);
  check_provider_keys(index, scenario);
  check_customer_references(index, scenario);
}

// ---- Files ------------------------------------------------------------------------

// Reads the whole file into `text`; returns "" or what went wrong.
std::string read_file(const std::string& path, std::string& text) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) return std::string("cannot open the file: ") + std::strerror(errno);
  char buffer[65536];
  std::size_t read = 0;
  while ((read = std::fread(buffer, 1, sizeof buffer, file)) > 0 && text.size() <= kMaxFileSize) {
    text.append(buffer, read);
  }
  const int error = std::ferror(file) ? errno : 0;
  std::fclose(file);
  if (error != 0) return std::string("cannot read the file: ") + std::strerror(error);
  if (text.size() > kMaxFileSize) return "expected a file of at most 64 MiB";
  return "";
}

std::string sha256_hex(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), digest, &size, EVP_sha256(), nullptr) != 1) return "";
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned int i = 0; i < size; ++i) {
    hex += kHex[digest[i] >> 4];
    hex += kHex[digest[i] & 0xF];
  }
  return hex;
}

}  // namespace

Result<Scenario> load_scenario_text(std::string_view text, const std::string& file_label) {
  try {
    Result<JsonDocument> document = parse_json_document(text, file_label);
    if (!document.is_ok()) return document.status();
    Scenario scenario = read_scenario(Node(document.value().root, ""));
    check_references(scenario);
    scenario.file = file_label;
    scenario.present_keys = std::move(document.value().key_paths);
    return scenario;
  } catch (const InputError& error) {
    return Status(StatusCode::kInvalidInput, format_input_error(file_label, error));
  } catch (const std::exception& error) {
    return Status(StatusCode::kInternal, file_label + ": internal error while loading: " + error.what());
  } catch (...) {
    return Status(StatusCode::kInternal, file_label + ": internal error while loading");
  }
}

Result<Scenario> load_scenario_file(const std::string& path) {
  std::string text;
  const std::string problem = read_file(path, text);
  if (!problem.empty()) return Status(StatusCode::kInvalidInput, path + ": " + problem);
  Result<Scenario> scenario = load_scenario_text(text, path);
  if (!scenario.is_ok()) return scenario;
  const std::string digest = sha256_hex(text);
  if (digest.empty()) return Status(StatusCode::kInternal, path + ": cannot compute the file's SHA-256");
  scenario.value().sha256 = digest;
  return scenario;
}

}  // namespace msgsim::harness
