// Checks the references between a scenario's parts (scenario_references.h):
// first an index of every id and where it is defined, then each reference
// against it.
#include "sim/harness/scenario_references.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "sim/harness/json_reader.h"
#include "sim/harness/scenario_value_readers.h"

namespace msgsim::harness::loading {

namespace {

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

// A partner owns routing or consent only on a BYOC for CCaaS channel
// (platform.md §1); on any other channel the key would mean nothing.
void check_partner_owners(const Org& org) {
  for (const Channel& channel : org.channels) {
    if (!channel.byoc || channel.type == ChannelType::kByocCcaas) continue;
    if (channel.byoc->routing_owner == Owner::kPartner) {
      fail_at(channel.source_path + ".byoc.routing_owner",
              "expected \"platform\": a partner owns routing only on type byoc_ccaas");
    }
    if (channel.byoc->consent_owner == Owner::kPartner) {
      fail_at(channel.source_path + ".byoc.consent_owner",
              "expected \"platform\": a partner owns consent only on type byoc_ccaas");
    }
  }
}

}  // namespace

void check_references(const Scenario& scenario) {
  const Index index = build_index(scenario);
  check_org_references(index, scenario.org);
  check_partner_owners(scenario.org);
  check_provider_keys(index, scenario);
  check_customer_references(index, scenario);
}

}  // namespace msgsim::harness::loading
