// The deployment lint (lint.h): one function per group of rules, each adding
// findings through a Linter that drops repeats (the copies of a channel with
// `count` share its JSON path).
#include "sim/harness/lint.h"

#include <algorithm>
#include <set>
#include <utility>

#include "sim/harness/json_reader.h"

namespace msgsim::harness {

namespace {

constexpr std::string_view kMessagingUser = "MessagingUser";

class Linter {
 public:
  void add(std::string path, std::string message, std::string rule) {
    if (!seen_.emplace(rule, path).second) return;
    findings_.push_back(LintFinding{std::move(path), std::move(message), std::move(rule)});
  }
  std::vector<LintFinding> take() { return std::move(findings_); }

 private:
  std::set<std::pair<std::string, std::string>> seen_;  // (rule, path)
  std::vector<LintFinding> findings_;
};

bool has_messaging_user(const AgentGroup& group) {
  return std::find(group.permission_sets.begin(), group.permission_sets.end(), kMessagingUser) !=
         group.permission_sets.end();
}

bool has_queue(const Org& org, const std::string& id) {
  return std::any_of(org.queues.begin(), org.queues.end(), [&](const Queue& queue) { return queue.id == id; });
}

bool has_flow(const Org& org, const std::string& id) {
  return std::any_of(org.flows.begin(), org.flows.end(), [&](const Flow& flow) { return flow.id == id; });
}

// Agent ids after expanding `count`, as routing targets name them.
bool has_agent(const Org& org, const std::string& id) {
  for (const AgentGroup& group : org.agents) {
    if (group.count == 1 && group.id == id) return true;
    for (int i = 1; group.count > 1 && i <= group.count; ++i) {
      if (group.id + "-" + std::to_string(i) == id) return true;
    }
  }
  return false;
}

// An agent serves a queue by membership, or by holding every skill it requires.
bool serves(const AgentGroup& group, const Queue& queue) {
  if (std::find(group.queues.begin(), group.queues.end(), queue.id) != group.queues.end()) return true;
  if (queue.skills.empty()) return false;
  return std::all_of(queue.skills.begin(), queue.skills.end(), [&](const std::string& skill) {
    const auto it = group.skills.find(skill);
    return it != group.skills.end() && it->second > 0;
  });
}

void lint_agents(const Org& org, Linter& lint) {
  if (!org.messaging_enabled) {
    lint.add("org.messaging_enabled", "messaging is not enabled for the org: no channel can receive messages",
             "messaging-disabled");
  }
  for (const AgentGroup& group : org.agents) {
    if (!has_messaging_user(group)) {
      lint.add(group.source_path + ".permission_sets",
               "agent group " + json_string(group.id) + " lacks the MessagingUser permission set: its " +
                   std::to_string(group.count) + " agent(s) never receive messaging work",
               "agent-without-messaging-user");
    }
    for (const Queue& queue : org.queues) {
      const int weight = queue.capacity_weight.value_or(1);
      const bool listed = std::find(group.queues.begin(), group.queues.end(), queue.id) != group.queues.end();
      if (!listed || group.capacity >= weight) continue;
      lint.add(group.source_path + ".capacity",
               "agent group " + json_string(group.id) + " has capacity " + std::to_string(group.capacity) +
                   ", below the capacity_weight " + std::to_string(weight) + " of queue " + json_string(queue.id) +
                   " it serves: that queue's work is never routed to these agents",
               "capacity-below-weight");
    }
  }
}

void lint_queues(const Org& org, Linter& lint) {
  for (const Queue& queue : org.queues) {
    const bool served = std::any_of(org.agents.begin(), org.agents.end(), [&](const AgentGroup& group) {
      return has_messaging_user(group) && serves(group, queue);
    });
    if (served) continue;
    lint.add(queue.source_path,
             "queue " + json_string(queue.id) +
                 " is served by no agent with the MessagingUser permission set (none lists it" +
                 (queue.skills.empty() ? "" : " or has all its skills") + "): work routed there waits forever",
             "queue-not-served");
  }
}

// The problem with a routing target, or "" when it names an existing target.
std::string route_problem(const Org& org, const RouteTarget& target) {
  if (!target.queue.empty()) return has_queue(org, target.queue) ? "" : "unknown queue " + json_string(target.queue);
  if (!target.flow.empty()) return has_flow(org, target.flow) ? "" : "unknown flow " + json_string(target.flow);
  if (!target.agent.empty()) return has_agent(org, target.agent) ? "" : "unknown agent " + json_string(target.agent);
  return "no queue, flow or agent";
}

void lint_channel_routing(const Org& org, const Channel& channel, Linter& lint) {
  const std::string name = json_string(channel.declared_id);
  const std::string problem = route_problem(org, channel.routing);
  if (!problem.empty()) {
    lint.add(channel.source_path + ".routing", "channel " + name + " routes to " + problem +
                                                   ": its sessions can only reach the fallback queue",
             "channel-without-routing");
  }
  if (channel.fallback_queue.empty() || !has_queue(org, channel.fallback_queue)) {
    lint.add(channel.source_path + ".fallback_queue",
             "channel " + name + " has " +
                 (channel.fallback_queue.empty() ? "no fallback queue"
                                                 : "an unknown fallback queue " + json_string(channel.fallback_queue)) +
                 ": a routing failure loses its sessions",
             "channel-without-fallback-queue");
  }
}

void lint_channels(const Org& org, Linter& lint) {
  for (const Channel& channel : org.channels) {
    lint_channel_routing(org, channel, lint);
    const std::string name = json_string(channel.declared_id);
    if (channel.type == ChannelType::kSms && channel.consent.keyword_pack == KeywordPack::kNone &&
        channel.consent.keywords.opt_out.empty()) {
      lint.add(channel.source_path + ".consent",
               "SMS channel " + name +
                   " has keyword_pack \"none\" and no opt_out keywords: customers cannot opt out (carriers require STOP)",
               "sms-without-opt-out");
    }
    if (!channel.business_hours.empty() && !channel.auto_responses.offline) {
      lint.add(channel.source_path + ".auto_responses",
               "channel " + name + " has business hours " + json_string(channel.business_hours) +
                   " but no offline auto-response: customers who write while it is closed get no answer",
               "offline-without-auto-response");
    }
  }
}

// Flows that something routes to: a channel, an agent's transfer, or another flow.
std::set<std::string> routed_flows(const Org& org) {
  std::set<std::string> flows;
  for (const Channel& channel : org.channels) flows.insert(channel.routing.flow);
  for (const AgentGroup& group : org.agents) {
    if (group.behavior.transfer_to) flows.insert(group.behavior.transfer_to->flow);
  }
  for (const Flow& flow : org.flows) {
    for (const auto& [intent, target] : flow.by_intent) {
      if (target.flow != flow.id) flows.insert(target.flow);
    }
    if (flow.default_route && flow.default_route->flow != flow.id) flows.insert(flow.default_route->flow);
  }
  return flows;
}

void lint_flows(const Scenario& scenario, Linter& lint) {
  std::set<std::string> intents;
  for (const Population& population : scenario.customers.populations) {
    for (const auto& [intent, weight] : population.behavior.intents) {
      if (weight > 0.0) intents.insert(intent);
    }
  }
  const std::set<std::string> routed = routed_flows(scenario.org);
  for (const Flow& flow : scenario.org.flows) {
    if (!routed.contains(flow.id)) {
      lint.add(flow.source_path, "flow " + json_string(flow.id) + " is routed to by no channel, transfer or other flow: it never runs",
               "flow-not-routed");
    }
    for (const auto& [intent, target] : flow.by_intent) {
      if (intents.contains(intent)) continue;
      lint.add(target.source_path,
               "flow " + json_string(flow.id) + " routes intent " + json_string(intent) +
                   ", which no population has (behavior.intents): this route is never taken",
               "unreachable-flow-intent");
    }
  }
}

void lint_business_hours(const Org& org, Linter& lint) {
  for (const BusinessHours& hours : org.business_hours) {
    const bool opens = std::any_of(std::begin(hours.week), std::end(hours.week),
                                   [](const DayHours& day) { return day.open && day.close_minute > day.open_minute; });
    if (opens) continue;
    lint.add(member_path("org.business_hours", hours.id) + ".week",
             "business hours " + json_string(hours.id) +
                 " are closed on every day of the week: channels that use them never open",
             "business-hours-never-open");
  }
}

}  // namespace

std::vector<LintFinding> lint_scenario(const Scenario& scenario) {
  Linter lint;
  lint_agents(scenario.org, lint);
  lint_queues(scenario.org, lint);
  lint_channels(scenario.org, lint);
  lint_flows(scenario, lint);
  lint_business_hours(scenario.org, lint);
  return lint.take();
}

}  // namespace msgsim::harness
