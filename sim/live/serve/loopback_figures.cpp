#include "sim/live/serve/loopback_figures.h"

namespace msgsim::live {

namespace {

nlohmann::ordered_json microseconds_summary(const harness::Histogram& histogram) {
  constexpr double kNsPerUs = 1e3;
  return {{"p50", histogram.quantile_ns(0.50) / kNsPerUs},
          {"p99", histogram.quantile_ns(0.99) / kNsPerUs},
          {"max", static_cast<double>(histogram.max_ns()) / kNsPerUs},
          {"count", histogram.count()}};
}

nlohmann::ordered_json channel_json(const LiveSources& sources, stack::ChannelId id) {
  const WebhookDeliveryCounts deliveries = sources.deliveries.counts(id);
  const SendCallCounts& sends = sources.sends.counts(id);
  const OutsideSendCalls outside = sources.sends.outside_calls(id);
  return {{"webhook_deliveries",
           {{"queued", deliveries.queued},
            {"2xx", deliveries.answered_2xx},
            {"401", deliveries.answered_401},
            {"4xx", deliveries.answered_4xx},
            {"5xx", deliveries.answered_5xx},
            {"failed", deliveries.failed},
            {"retried", deliveries.retried}}},
          {"send_calls",
           {{"calls", sends.calls},
            {"2xx", sends.answered_2xx},
            {"4xx", sends.answered_4xx},
            {"5xx", sends.answered_5xx},
            {"failed", sends.failed},
            {"retried", sends.retried}}},
          {"outside_send_calls",
           {{"calls", outside.calls},
            {"2xx", outside.answered_2xx},
            {"4xx", outside.answered_4xx},
            {"5xx", outside.answered_5xx}}}};
}

}  // namespace

nlohmann::ordered_json loopback_figures_json(const LiveSources& sources) {
  stack::ChannelRegistry& channels = sources.world.stack().channels();
  nlohmann::ordered_json by_channel = nlohmann::ordered_json::object();
  for (std::uint32_t i = 0; i < channels.size(); ++i) {
    const stack::ChannelId id(i);
    by_channel[channels.settings(id).id] = channel_json(sources, id);
  }
  return {{"provider_api", sources.sends.base_url()},
          {"send_round_trip_us", microseconds_summary(sources.sends.round_trip())},
          {"provider_api_refused", sources.sends.refused()},
          {"channels", std::move(by_channel)}};
}

}  // namespace msgsim::live
