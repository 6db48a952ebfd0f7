#include "sim/live/serve/supervisor_view.h"

namespace msgsim::live {

namespace {

nlohmann::ordered_json percentiles(const harness::Histogram& histogram, double unit_ns) {
  return {{"count", histogram.count()},
          {"p50", histogram.quantile_ns(0.50) / unit_ns},
          {"p90", histogram.quantile_ns(0.90) / unit_ns},
          {"p95", histogram.quantile_ns(0.95) / unit_ns},
          {"p99", histogram.quantile_ns(0.99) / unit_ns}};
}

nlohmann::ordered_json agents_json(const LiveSources& sources) {
  stack::Router& router = sources.world.stack().router();
  const double slot = stack::Router::kUnitsPerSlot;
  nlohmann::ordered_json agents = nlohmann::ordered_json::array();
  for (std::uint32_t a = 0; a < router.agent_count(); ++a) {
    const stack::AgentId agent(a);
    agents.push_back({{"id", router.agent(agent).id},
                      {"presence", stack::presence_status_name(router.presence(agent))},
                      {"used", router.used_capacity_units(agent) / slot},
                      {"capacity", router.capacity_units(agent) / slot},
                      {"seat", sources.seat != nullptr && sources.seat->agent() == agent}});
  }
  return agents;
}

nlohmann::ordered_json consent_json(const LiveSources& sources) {
  std::uint64_t opt_outs = 0;
  std::uint64_t opt_ins = 0;
  std::uint64_t refused_consent = 0;
  std::uint64_t refused_rules = 0;
  std::uint64_t refused_provider = 0;
  for (std::uint32_t i = 0; i < sources.tally.channel_count(); ++i) {
    const ChannelTally& tally = sources.tally.channel(stack::ChannelId(i));
    opt_outs += tally.opt_outs;
    opt_ins += tally.opt_ins;
    refused_consent += tally.refused_consent;
    refused_rules += tally.refused_rules;
    refused_provider += tally.refused_provider;
  }
  nlohmann::ordered_json events = nlohmann::ordered_json::array();
  for (const ConsentEvent& event : sources.tally.recent()) {
    events.push_back(consent_event_json(sources.world.stack(), event));
  }
  return {{"opt_outs", opt_outs},
          {"opt_ins", opt_ins},
          {"refused_consent", refused_consent},
          {"refused_rules", refused_rules},
          {"refused_provider", refused_provider},
          {"events", std::move(events)}};
}

nlohmann::ordered_json channels_json(const LiveSources& sources) {
  stack::ChannelRegistry& channels = sources.world.stack().channels();
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (std::uint32_t i = 0; i < channels.size(); ++i) {
    const stack::ChannelId id(i);
    const ChannelTally& tally = sources.tally.channel(id);
    const WebhookAnswerCounts& answers = sources.webhooks.counts(id);
    const LoopbackLineCounts& sends = sources.sends.counts(id);
    out.push_back({{"id", channels.settings(id).id},
                   {"type", stack::channel_type_name(channels.settings(id).type)},
                   {"inbound", tally.inbound},
                   {"outbound", tally.outbound},
                   {"webhooks_ok", answers.ok},
                   {"webhooks_refused", answers.malformed + answers.forged + answers.too_large + answers.other_4xx},
                   {"deliveries_pending", sources.deliveries.pending(id)},
                   {"send_calls_ok", sends.answered_2xx},
                   {"send_calls_refused", sends.answered_401 + sends.answered_4xx},
                   {"send_calls_failed", sends.answered_5xx + sends.failed},
                   {"send_calls_pending", sources.sends.pending(id)}});
  }
  return out;
}

}  // namespace

nlohmann::ordered_json supervisor_json(const LiveSources& sources) {
  stack::Router& router = sources.world.stack().router();
  nlohmann::ordered_json queues = nlohmann::ordered_json::array();
  for (std::uint32_t q = 0; q < router.queue_count(); ++q) {
    queues.push_back({{"id", router.queue(stack::QueueId(q)).id}, {"backlog", router.pending_in(stack::QueueId(q))}});
  }
  nlohmann::ordered_json view;
  view["time_s"] = sources.world.runtime().now().to_seconds();
  view["queues"] = std::move(queues);
  view["agents"] = agents_json(sources);
  view["latency"] = {{"routing_s", percentiles(sources.routing.summary().latency, 1e9)},
                     {"live_ms", percentiles(sources.probe.latency(), 1e6)}};
  view["consent"] = consent_json(sources);
  view["channels"] = channels_json(sources);
  return view;
}

}  // namespace msgsim::live
