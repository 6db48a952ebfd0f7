#include "sim/harness/oracles/latency_json.h"

namespace msgsim::harness {

nlohmann::ordered_json latency_summary_json(const Histogram& histogram) {
  auto seconds = [](double ns) { return ns / 1e9; };
  nlohmann::ordered_json out;
  out["count"] = histogram.count();
  out["mean"] = seconds(histogram.mean_ns());
  out["p50"] = seconds(histogram.quantile_ns(0.50));
  out["p90"] = seconds(histogram.quantile_ns(0.90));
  out["p95"] = seconds(histogram.quantile_ns(0.95));
  out["p99"] = seconds(histogram.quantile_ns(0.99));
  out["max"] = seconds(static_cast<double>(histogram.max_ns()));
  return out;
}

double ratio_or_zero(double numerator, double denominator) {
  return denominator == 0.0 ? 0.0 : numerator / denominator;
}

}  // namespace msgsim::harness
