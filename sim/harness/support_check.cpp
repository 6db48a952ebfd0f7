#include "sim/harness/support_check.h"

#include <algorithm>
#include <regex>

#include "sim/harness/deployment.h"
#include "sim/harness/world.h"
#include "sim/stack/channels/keywords.h"
#include <string>
#include <vector>

namespace msgsim::harness {

using runtime::Status;
using runtime::StatusCode;

namespace {

// Keys `run` executes. `*` stands for one path segment (an id used as a map
// key) and `[*]` for any array index. A pattern ending in `/` also admits
// everything below it (values with an object form, lists of times).
const char* const kSupportedKeys[] = {
    "$schema", "msgsim", "name", "description", "seed", "start", "duration/", "drain/", "replications", "wire",
    "expect", "expect[*]", "expect[*].metric", "expect[*].min", "expect[*].max", "expect[*].equals",
    "expect[*].each", "notifications/",
    "org", "org.messaging_enabled", "org.identity/", "customers.populations[*].identity/", "org.capacity_model", "org.consent_revocation", "org.channels[*].consent/",
    "org.queues", "org.queues[*]", "org.queues[*].id", "org.queues[*].priority", "org.queues[*].model",
    "org.queues[*].push_timeout/", "org.queues[*].capacity_weight", "org.queues[*].capacity_percentage",
    "org.queues[*].skills/", "org.queues[*].drop_additional_skills_after/", "org.queues[*].overflow/",
    "org.channels", "org.channels[*]", "org.channels[*].id", "org.channels[*].type", "org.channels[*].address",
    "org.channels[*].count", "org.channels[*].routing", "org.channels[*].routing.queue",
    "org.channels[*].routing.skills/", "org.channels[*].routing.agent", "org.channels[*].routing.flow",
    "org.business_hours/", "org.channels[*].business_hours", "org.channels[*].auto_responses.offline",
    "org.channels[*].preferred_agent", "org.channels[*].byoc/",
    "org.flows/",
    "org.channels[*].fallback_queue", "org.channels[*].auto_responses", "org.channels[*].auto_responses.initial",
    "org.agents", "org.agents[*]", "org.agents[*].id", "org.agents[*].count", "org.agents[*].queues/",
    "org.agents[*].capacity", "org.agents[*].permission_sets/", "org.agents[*].behavior",
    "org.agents[*].skills/", "org.agents[*].presence/", "org.agents[*].shift/",
    "org.agents[*].behavior.transfer_probability", "org.agents[*].behavior.transfer_to/",
    "org.agents[*].behavior.mark_inactive_probability", "org.agents[*].behavior.follow_up_probability",
    "org.agents[*].behavior.follow_up_after/", "org.agents[*].behavior.end_when_silent/", "org.channels[*].customer_inactivity_timeout/",
    "org.agents[*].behavior.accept_delay/", "org.agents[*].behavior.reply_delay/",
    "org.agents[*].behavior.handle_time/", "org.agents[*].behavior.decline_probability",
    "providers", "providers.*", "providers.*.latency/", "providers.*.receipt_latency/", "providers.*.wire",
    "providers.*.faults/", "providers.*.keyword_match",
    "customers", "customers.populations", "customers.populations[*]", "customers.populations[*].id",
    "customers.populations[*].arrivals", "customers.populations[*].arrivals.rate",
    "customers.populations[*].arrivals.profile/", "customers.populations[*].arrivals.count",
    "customers.populations[*].arrivals.over/", "customers.populations[*].arrivals.at/",
    "customers.populations[*].max", "customers.populations[*].channels/",
    "customers.populations[*].behavior", "customers.populations[*].behavior.messages/",
    "customers.populations[*].behavior.think_time/", "customers.populations[*].behavior.patience/",
    "customers.populations[*].behavior.intents/", "customers.populations[*].consent/", "customers.populations[*].languages/", "customers.populations[*].behavior.return_probability",
    "customers.populations[*].behavior.return_after/", "customers.populations[*].behavior.switch_channel_probability",
    "customers.populations[*].behavior.switch_after/",
    "customers.scripts", "customers.scripts[*]", "customers.scripts[*].id", "customers.scripts[*].person/",
    "customers.scripts[*].steps", "customers.scripts[*].steps[*]", "customers.scripts[*].steps[*].at/",
    "customers.scripts[*].steps[*].after/", "customers.scripts[*].steps[*].send/",
    "customers.scripts[*].steps[*].clear_device/", "customers.scripts[*].steps[*].verify/",
    "customers.scripts[*].steps[*].delete_conversation/", "customers.scripts[*].steps[*].block/",
    "customers.scripts[*].steps[*].expect",
    "customers.scripts[*].steps[*].expect.routed_within/", "customers.scripts[*].steps[*].expect.reply_within/",
    "customers.scripts[*].steps[*].expect.received/", "customers.scripts[*].steps[*].expect.no_outbound/",
    "customers.scripts[*].steps[*].expect.same_agent", "customers.scripts[*].steps[*].expect.session_status/",
    "customers.scripts[*].steps[*].expect.within/", "customers.scripts[*].steps[*].expect.linked/",
};

std::regex pattern_regex(std::string pattern) {
  const bool subtree = !pattern.empty() && pattern.back() == '/';
  if (subtree) pattern.pop_back();
  std::string out;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern.compare(i, 3, "[*]") == 0) {
      out += "\\[[0-9]+\\]";
      i += 2;
    } else if (pattern[i] == '*') {
      out += "[^.\\[]+";
    } else if (pattern[i] == '.' || pattern[i] == '[' || pattern[i] == ']' || pattern[i] == '$') {
      out += std::string("\\") + pattern[i];
    } else {
      out += pattern[i];
    }
  }
  if (subtree) out += "([.\\[].*)?";
  return std::regex(out);
}

bool key_supported(const std::string& path) {
  static const std::vector<std::regex> patterns = [] {
    std::vector<std::regex> compiled;
    for (const char* pattern : kSupportedKeys) compiled.push_back(pattern_regex(pattern));
    return compiled;
  }();
  for (const std::regex& pattern : patterns) {
    if (std::regex_match(path, pattern)) return true;
  }
  return false;
}

Status unsupported(const Scenario& scenario, const std::string& path, const std::string& what) {
  return Status(StatusCode::kUnsupported, scenario.file + ": at " + path + ": " + what +
                                              " is not supported yet by msgsim run (msgsim validate accepts it)");
}

// Channel types whose adapter and fake provider are wired end to end: all
// nine (a partner owning routing or consent is checked in check_values).
bool channel_type_runs(ChannelType type) {
  switch (type) {
    case ChannelType::kWeb:
    case ChannelType::kInApp:
    case ChannelType::kSms:
    case ChannelType::kWhatsapp:
    case ChannelType::kMessenger:
    case ChannelType::kApple:
    case ChannelType::kLine:
    case ChannelType::kByoc:
    case ChannelType::kByocCcaas: return true;
    default: return false;
  }
}

// Work in a queue with model "external" is assigned by a partner, and only
// the BYOC for CCaaS partner with partner-owned routing does that: any other
// way into such a queue would leave the work waiting forever. A partner that
// owns routing routes to a queue (with skills), not to a flow or an agent.
Status check_external_routing(const Scenario& scenario) {
  const Org& org = scenario.org;
  std::vector<std::string> external;
  for (const Queue& queue : org.queues) {
    if (queue.model == RoutingModel::kExternal) external.push_back(queue.id);
  }
  const auto is_external = [&](const std::string& queue) {
    return std::find(external.begin(), external.end(), queue) != external.end();
  };
  const auto refuse = [&](const std::string& path, const std::string& queue) {
    return unsupported(scenario, path, "work for queue \"" + queue +
                                           "\" (model \"external\") from anything but a byoc_ccaas channel whose "
                                           "partner owns routing, since nobody would route it,");
  };
  for (const Queue& queue : org.queues) {
    if (queue.overflow && is_external(queue.overflow->queue)) {
      return refuse(queue.source_path + ".overflow.queue", queue.overflow->queue);
    }
  }
  std::vector<const RouteTarget*> targets;
  for (const Flow& flow : org.flows) {
    for (const auto& [intent, target] : flow.by_intent) targets.push_back(&target);
    if (flow.default_route) targets.push_back(&*flow.default_route);
  }
  for (const AgentGroup& agent : org.agents) {
    if (agent.behavior.transfer_to) targets.push_back(&*agent.behavior.transfer_to);
  }
  for (const Channel& channel : org.channels) {
    const bool partner_routing = channel.byoc && channel.byoc->routing_owner == Owner::kPartner;
    // A partner-routed channel's requests are the partner's wherever they wait.
    if (!partner_routing && is_external(channel.fallback_queue)) {
      return refuse(channel.source_path + ".fallback_queue", channel.fallback_queue);
    }
    if (!partner_routing) {
      targets.push_back(&channel.routing);
    } else if (!channel.routing.flow.empty() || !channel.routing.agent.empty()) {
      return unsupported(scenario, channel.routing.source_path,
                         "a flow or agent as the routing of a channel whose partner owns routing (route to a queue)");
    }
  }
  for (const RouteTarget* target : targets) {
    if (is_external(target->queue)) return refuse(target->source_path + ".queue", target->queue);
  }
  return Status::ok();
}

// Custom keywords must fit the channel's pack (toll-free numbers fix their
// opt-out words; a word cannot mean two things): checked before anything runs.
Status check_consent_keywords(const Scenario& scenario) {
  for (const Channel& channel : scenario.org.channels) {
    if (!channel.consent_given) continue;
    runtime::Result<stack::KeywordPack> pack = stack::keyword_pack(enum_name(channel.consent.keyword_pack));
    if (!pack.is_ok()) return pack.status();
    // Every language's words join one pack here, so a word cannot mean two
    // things in two languages of the same channel either.
    std::vector<std::pair<const Keywords*, std::string>> sets = {
        {&channel.consent.keywords, channel.source_path + ".consent.keywords"}};
    for (const ConsentLanguage& language : channel.consent.languages) {
      sets.emplace_back(&language.keywords, channel.source_path + ".consent.languages." + language.tag + ".keywords");
    }
    for (const auto& [keywords, path] : sets) {
      const std::pair<const std::vector<std::string>*, stack::KeywordAction> lists[] = {
          {&keywords->opt_out, stack::KeywordAction::kOptOut},
          {&keywords->opt_in, stack::KeywordAction::kOptIn},
          {&keywords->help, stack::KeywordAction::kHelp}};
      for (const auto& [words, action] : lists) {
        for (const std::string& word : *words) {
          runtime::Status added = stack::add_keyword(pack.value(), word, action);
          if (!added.is_ok()) {
            return Status(StatusCode::kInvalidInput, scenario.file + ": at " + path + ": " + added.message());
          }
        }
      }
    }
  }
  return Status::ok();
}

Status check_values(const Scenario& scenario) {
  const Org& org = scenario.org;
  if (!org.messaging_enabled) return unsupported(scenario, "org.messaging_enabled", "messaging_enabled false");
  for (std::size_t i = 0; i < scenario.notifications.size(); ++i) {
    if (scenario.notifications[i].audience.rfind("script:", 0) == 0) {
      return unsupported(scenario, "notifications[" + std::to_string(i) + "].audience", "a script audience");
    }
  }
  for (const Channel& channel : org.channels) {
    if (!channel_type_runs(channel.type)) {
      return unsupported(scenario, channel.source_path + ".type",
                         std::string("channel type \"") + to_string(channel.type) + "\"");
    }
  }
  const Status external = check_external_routing(scenario);
  if (!external.is_ok()) return external;
  const Status keywords = check_consent_keywords(scenario);
  if (!keywords.is_ok()) return keywords;
  return Status::ok();
}

// Time zones exist only in the machine's time zone database: checked here,
// before anything runs, as invalid input.
Status check_time_zones(const Scenario& scenario) {
  for (const BusinessHours& hours : scenario.org.business_hours) {
    runtime::Result<stack::BusinessHours> made = business_hours(scenario, hours.id);
    if (!made.is_ok()) {
      return Status(StatusCode::kInvalidInput, scenario.file + ": at org.business_hours." + hours.id +
                                                   ".time_zone: unknown time zone \"" + hours.time_zone +
                                                   "\" (expected an IANA name such as America/New_York)");
    }
  }
  return Status::ok();
}

}  // namespace

Status check_supported(const Scenario& scenario) {
  for (const std::string& path : scenario.present_keys) {
    if (!key_supported(path)) return unsupported(scenario, path, "this key");
  }
  const Status zones = check_time_zones(scenario);
  if (!zones.is_ok()) return zones;
  return check_values(scenario);
}

}  // namespace msgsim::harness
