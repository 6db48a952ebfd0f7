#include "sim/live/serve/serve_metrics.h"

#include <array>
#include <chrono>

#include "sim/live/prometheus_text.h"

namespace msgsim::live {

namespace {

constexpr std::array<double, 4> kQuantiles = {0.5, 0.9, 0.95, 0.99};

PrometheusLabels channel_label(const std::string& channel) { return {{"channel", channel}}; }
PrometheusLabels two_labels(const std::string& channel, const char* name, const char* value) {
  return {{"channel", channel}, {name, value}};
}

// A latency histogram (nanoseconds) as a summary in seconds.
void latency_summary(PrometheusText& text, const harness::Histogram& histogram) {
  std::array<PrometheusQuantile, kQuantiles.size()> quantiles{};
  for (std::size_t i = 0; i < kQuantiles.size(); ++i) {
    quantiles[i] = {kQuantiles[i], histogram.quantile_ns(kQuantiles[i]) / 1e9};
  }
  const double sum_s = histogram.mean_ns() * static_cast<double>(histogram.count()) / 1e9;
  text.summary({}, quantiles, sum_s, histogram.count());
}

struct ChannelNames {
  std::vector<std::string> ids;
};

ChannelNames channel_names(harness::World& world) {
  ChannelNames names;
  stack::ChannelRegistry& channels = world.stack().channels();
  for (std::uint32_t i = 0; i < channels.size(); ++i) names.ids.push_back(channels.settings(stack::ChannelId(i)).id);
  return names;
}

void message_families(PrometheusText& text, const LiveSources& sources, const ChannelNames& names) {
  text.family("msgsim_inbound_messages_total", "Customer messages landed in a transcript.", PrometheusType::kCounter);
  for (std::uint32_t i = 0; i < names.ids.size(); ++i) {
    text.sample(channel_label(names.ids[i]), static_cast<double>(sources.tally.channel(stack::ChannelId(i)).inbound));
  }
  text.family("msgsim_outbound_messages_total", "Business messages submitted to the provider.",
              PrometheusType::kCounter);
  for (std::uint32_t i = 0; i < names.ids.size(); ++i) {
    text.sample(channel_label(names.ids[i]), static_cast<double>(sources.tally.channel(stack::ChannelId(i)).outbound));
  }
  text.family("msgsim_outbound_refused_total", "Business messages refused, by who refused them.",
              PrometheusType::kCounter);
  for (std::uint32_t i = 0; i < names.ids.size(); ++i) {
    const ChannelTally& tally = sources.tally.channel(stack::ChannelId(i));
    text.sample(two_labels(names.ids[i], "by", "consent"), static_cast<double>(tally.refused_consent));
    text.sample(two_labels(names.ids[i], "by", "rules"), static_cast<double>(tally.refused_rules));
    text.sample(two_labels(names.ids[i], "by", "provider"), static_cast<double>(tally.refused_provider));
  }
  text.family("msgsim_duplicates_absorbed_total", "Provider redeliveries the stack absorbed.",
              PrometheusType::kCounter);
  for (std::uint32_t i = 0; i < names.ids.size(); ++i) {
    text.sample(channel_label(names.ids[i]), static_cast<double>(sources.tally.channel(stack::ChannelId(i)).duplicates));
  }
}

// One counter family of loopback lines, a sample per channel and answer.
template <typename CountsOf>
void line_family(PrometheusText& text, std::string_view name, std::string_view help, const ChannelNames& names,
                 CountsOf counts_of) {
  text.family(name, help, PrometheusType::kCounter);
  for (std::uint32_t i = 0; i < names.ids.size(); ++i) {
    const LoopbackLineCounts counts = counts_of(stack::ChannelId(i));
    text.sample(two_labels(names.ids[i], "answer", "2xx"), static_cast<double>(counts.answered_2xx));
    text.sample(two_labels(names.ids[i], "answer", "401"), static_cast<double>(counts.answered_401));
    text.sample(two_labels(names.ids[i], "answer", "4xx"), static_cast<double>(counts.answered_4xx));
    text.sample(two_labels(names.ids[i], "answer", "5xx"), static_cast<double>(counts.answered_5xx));
    text.sample(two_labels(names.ids[i], "answer", "failed"), static_cast<double>(counts.failed));
  }
}

void webhook_families(PrometheusText& text, const LiveSources& sources, const ChannelNames& names) {
  text.family("msgsim_webhooks_total",
              "Webhook requests answered by the stack's webhook route, by answer (bodies over the server's limit "
              "are refused with 413 before the route).",
              PrometheusType::kCounter);
  for (std::uint32_t i = 0; i < names.ids.size(); ++i) {
    const WebhookAnswerCounts& counts = sources.webhooks.counts(stack::ChannelId(i));
    text.sample(two_labels(names.ids[i], "answer", "2xx"), static_cast<double>(counts.ok));
    text.sample(two_labels(names.ids[i], "answer", "400"), static_cast<double>(counts.malformed));
    text.sample(two_labels(names.ids[i], "answer", "401"), static_cast<double>(counts.forged));
    text.sample(two_labels(names.ids[i], "answer", "413"), static_cast<double>(counts.too_large));
    text.sample(two_labels(names.ids[i], "answer", "other_4xx"), static_cast<double>(counts.other_4xx));
    text.sample(two_labels(names.ids[i], "answer", "5xx"), static_cast<double>(counts.server_error));
  }
  line_family(text, "msgsim_webhook_deliveries_total",
              "Webhooks the fake providers delivered over loopback HTTP, by the answer they got.", names,
              [&sources](stack::ChannelId id) { return sources.deliveries.counts(id); });
  text.family("msgsim_webhook_deliveries_pending", "Webhook deliveries queued or in flight.", PrometheusType::kGauge);
  for (std::uint32_t i = 0; i < names.ids.size(); ++i) {
    text.sample(channel_label(names.ids[i]), static_cast<double>(sources.deliveries.pending(stack::ChannelId(i))));
  }
}

void send_families(PrometheusText& text, const LiveSources& sources, const ChannelNames& names) {
  line_family(text, "msgsim_send_calls_total",
              "The stack's calls to the providers' send APIs over loopback HTTP, by the answer they got (failed: "
              "none within the timeout, or no connection).",
              names, [&sources](stack::ChannelId id) { return sources.sends.counts(id); });
  text.family("msgsim_send_calls_pending", "The stack's send-API calls queued or in flight.", PrometheusType::kGauge);
  for (std::uint32_t i = 0; i < names.ids.size(); ++i) {
    text.sample(channel_label(names.ids[i]), static_cast<double>(sources.sends.pending(stack::ChannelId(i))));
  }
  text.family("msgsim_outside_send_calls_total",
              "Calls to the fake providers' send APIs from outside the stack (testers), by answer.",
              PrometheusType::kCounter);
  for (std::uint32_t i = 0; i < names.ids.size(); ++i) {
    const OutsideSendCalls counts = sources.sends.outside_calls(stack::ChannelId(i));
    text.sample(two_labels(names.ids[i], "answer", "2xx"), static_cast<double>(counts.answered_2xx));
    text.sample(two_labels(names.ids[i], "answer", "4xx"), static_cast<double>(counts.answered_4xx));
    text.sample(two_labels(names.ids[i], "answer", "5xx"), static_cast<double>(counts.answered_5xx));
  }
  text.counter("msgsim_provider_api_refused_total",
               "Requests to the provider API server that reached no send API (unknown path, channel or method, "
               "malformed, too large).",
               static_cast<double>(sources.sends.refused()));
  text.family("msgsim_send_call_round_trip_seconds",
              "Wall-clock time from the stack posting a send-API call over loopback HTTP to its answer.",
              PrometheusType::kSummary);
  latency_summary(text, sources.sends.round_trip());
}

void routing_families(PrometheusText& text, const LiveSources& sources) {
  stack::Router& router = sources.world.stack().router();
  text.family("msgsim_queue_backlog", "Routing requests waiting in the queue for an agent.", PrometheusType::kGauge);
  for (std::uint32_t q = 0; q < router.queue_count(); ++q) {
    text.sample({{"queue", router.queue(stack::QueueId(q)).id}},
                static_cast<double>(router.pending_in(stack::QueueId(q))));
  }
  int online = 0;
  int busy = 0;
  double used = 0;
  double capacity = 0;
  for (std::uint32_t a = 0; a < router.agent_count(); ++a) {
    const stack::AgentId agent(a);
    if (router.used_capacity_units(agent) > 0) ++busy;
    used += router.used_capacity_units(agent) / static_cast<double>(stack::Router::kUnitsPerSlot);
    if (router.presence(agent) != stack::PresenceStatus::kOnline) continue;
    ++online;
    capacity += router.capacity_units(agent) / static_cast<double>(stack::Router::kUnitsPerSlot);
  }
  text.gauge("msgsim_agents_online", "Agents online for messaging.", online);
  text.gauge("msgsim_agents_busy", "Agents holding work.", busy);
  text.gauge("msgsim_capacity_used", "Capacity in use over all agents, in slots.", used);
  text.gauge("msgsim_capacity_online", "Capacity of the agents online, in slots.", capacity);

  text.family("msgsim_sessions", "Messaging sessions by status.", PrometheusType::kGauge);
  const std::uint64_t* by_status = sources.world.stack().sessions().by_status();
  for (int s = 0; s < stack::kSessionStatusCount; ++s) {
    text.sample({{"status", stack::session_status_name(static_cast<stack::SessionStatus>(s))}},
                static_cast<double>(by_status[s]));
  }
  text.family("msgsim_routing_latency_seconds",
              "Simulated routing latency: routing request created -> accepted by an agent.", PrometheusType::kSummary);
  latency_summary(text, sources.routing.summary().latency);
  text.family("msgsim_live_routing_latency_seconds",
              "Wall-clock latency from a customer message's intended send instant to its routing decision.",
              PrometheusType::kSummary);
  latency_summary(text, sources.probe.latency());
}

void consent_families(PrometheusText& text, const LiveSources& sources, const ChannelNames& names) {
  double opt_outs = 0;
  double opt_ins = 0;
  double refusals = 0;
  for (std::uint32_t i = 0; i < names.ids.size(); ++i) {
    const ChannelTally& tally = sources.tally.channel(stack::ChannelId(i));
    opt_outs += static_cast<double>(tally.opt_outs);
    opt_ins += static_cast<double>(tally.opt_ins);
    refusals += static_cast<double>(tally.refused_consent);
  }
  text.counter("msgsim_consent_opt_outs_total", "Opt-out keyword exchanges.", opt_outs);
  text.counter("msgsim_consent_opt_ins_total", "Opt-in keyword exchanges.", opt_ins);
  text.counter("msgsim_consent_refusals_total", "Business messages the consent gate refused.", refusals);
}

}  // namespace

std::string prometheus_metrics(const LiveSources& sources) {
  PrometheusText text;
  const ChannelNames names = channel_names(sources.world);
  text.gauge("msgsim_simulated_time_seconds", "Simulated time of the session.",
             sources.world.runtime().now().to_seconds());
  text.gauge("msgsim_speed", "Simulated seconds per wall second.", sources.pacer.speed());
  text.gauge("msgsim_pacer_lag_max_seconds", "The most an event ran after its due wall instant.",
             std::chrono::duration<double>(sources.pacer.lag_max()).count());
  message_families(text, sources, names);
  webhook_families(text, sources, names);
  send_families(text, sources, names);
  routing_families(text, sources);
  consent_families(text, sources, names);
  return text.take();
}

}  // namespace msgsim::live
