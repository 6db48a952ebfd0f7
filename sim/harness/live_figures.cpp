#include "sim/harness/live_figures.h"

namespace msgsim::harness {

namespace {

nlohmann::ordered_json milliseconds_summary(const Histogram& histogram) {
  constexpr double kNsPerMs = 1e6;
  return {{"p50", histogram.quantile_ns(0.50) / kNsPerMs},
          {"p90", histogram.quantile_ns(0.90) / kNsPerMs},
          {"p99", histogram.quantile_ns(0.99) / kNsPerMs},
          {"max", static_cast<double>(histogram.max_ns()) / kNsPerMs},
          {"count", histogram.count()}};
}

}  // namespace

nlohmann::ordered_json LiveFigures::to_json() const {
  return {{"speed", speed},
          {"wall_s", wall_s},
          {"lag_max_ms", lag_max_ms},
          {"latency_ms", milliseconds_summary(latency)},
          {"added_ms", milliseconds_summary(added)}};
}

}  // namespace msgsim::harness
