#include "sim/harness/replication_summary.h"

#include <cmath>
#include <string>
#include <vector>

#include "sim/harness/expectations.h"

namespace msgsim::harness {

namespace {
const char* const kKeyFigures[] = {
    "routing.latency_s.mean", "routing.latency_s.p95", "routing.wait_probability", "customers.arrived",
    "customers.served", "messages.lost", "agents.utilization",
};
}  // namespace

MeanEstimate estimate_mean(const std::vector<double>& values) {
  const double n = static_cast<double>(values.size());
  MeanEstimate e;
  for (double v : values) e.mean += v / n;
  double squares = 0.0;
  for (double v : values) squares += (v - e.mean) * (v - e.mean);
  e.standard_error = std::sqrt(squares / (n - 1.0) / n);
  return e;
}

double student_t_95(int df) {
  static const double kTable[] = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
                                  2.201,  2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
                                  2.080,  2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042};
  if (df < 1) return 0.0;
  if (df <= 30) return kTable[df - 1];
  if (df <= 60) return 2.000;
  if (df <= 120) return 1.980;
  return 1.960;
}

nlohmann::ordered_json replication_summaries(const RunOutcome& outcome) {
  std::vector<nlohmann::ordered_json> metrics;
  nlohmann::ordered_json runs = nlohmann::ordered_json::array();
  for (std::size_t i = 0; i < outcome.runs.size(); ++i) {
    metrics.push_back(outcome.runs[i].metrics.to_json());
    nlohmann::ordered_json run;
    run["replication"] = i + 1;
    run["seed"] = outcome.runs[i].seed;
    for (const char* figure : kKeyFigures) {
      const nlohmann::ordered_json* node = find_metric(metrics.back(), figure);
      if (node != nullptr) run[figure] = *node;
    }
    runs.push_back(std::move(run));
  }
  nlohmann::ordered_json intervals = nlohmann::ordered_json::object();
  const double n = static_cast<double>(metrics.size());
  for (const char* figure : kKeyFigures) {
    std::vector<double> values;
    for (const auto& m : metrics) {
      const nlohmann::ordered_json* node = find_metric(m, figure);
      if (node != nullptr && node->is_number()) values.push_back(node->get<double>());
    }
    if (values.size() != metrics.size()) continue;
    const MeanEstimate estimate = estimate_mean(values);
    const double mean = estimate.mean;
    const double half = student_t_95(static_cast<int>(n) - 1) * estimate.standard_error;
    intervals[figure] = {{"mean", mean}, {"ci95_low", mean - half}, {"ci95_high", mean + half}};
  }
  return {{"runs", runs}, {"ci95", intervals}};
}

}  // namespace msgsim::harness
