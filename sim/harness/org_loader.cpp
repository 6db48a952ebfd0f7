// Reads "org" (org_loader.h). Agent groups keep their declared `count`; the
// ids they expand to are resolved by scenario_references.
#include "sim/harness/org_loader.h"

#include <cctype>
#include <cstdint>
#include <limits>
#include <optional>

#include "sim/harness/channels_loader.h"
#include "sim/harness/scenario_value_readers.h"

namespace msgsim::harness::loading {

using runtime::Result;

namespace {

constexpr int kMaxCapacity = 1000;

// ---- Identity and business hours ------------------------------------------------

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

// ---- Queues and flows -------------------------------------------------------------

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

// ---- Agents ---------------------------------------------------------------------

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

AgentBehavior read_agent_behavior(const Node& node) {
  const ObjectReader object =
      node.object({"accept_delay", "decline_probability", "reply_delay", "handle_time", "transfer_probability",
                   "transfer_to", "mark_inactive_probability", "follow_up_probability", "follow_up_after",
                   "end_when_silent"});
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
  object.read("end_when_silent", behavior.end_when_silent, read_duration_distribution);
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

}  // namespace

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

}  // namespace msgsim::harness::loading
