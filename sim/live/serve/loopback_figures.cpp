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

nlohmann::ordered_json line_json(const LoopbackLineCounts& counts) {
  return {{"queued", counts.queued},        {"2xx", counts.answered_2xx}, {"401", counts.answered_401},
          {"4xx", counts.answered_4xx},     {"5xx", counts.answered_5xx}, {"failed", counts.failed},
          {"retried", counts.retried},      {"reopened", counts.reopened}};
}

nlohmann::ordered_json channel_json(const LiveSources& sources, stack::ChannelId id) {
  const OutsideSendCalls outside = sources.sends.outside_calls(id);
  return {{"webhook_deliveries", line_json(sources.deliveries.counts(id))},
          {"send_calls", line_json(sources.sends.counts(id))},
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
