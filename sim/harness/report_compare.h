// Compares two report.json files of msgsim (spec/report-format.md) metric by
// metric, for `msgsim compare BASE NEW`: every numeric leaf under `metrics`
// present in both, its delta, and whether it regressed. Pure functions of the
// parsed reports; any thread may call them. The CLI owns reading the files.
//
// The regression rule. Each metric has a direction, decided from its path
// (metric_direction): lower is better, higher is better, or neutral (a volume
// such as `routing.requests`, or `agents.utilization`, which is a staffing
// figure: it rises with efficiency as well as with overload, so latency and
// abandonment judge it instead). A directional metric regresses when it got
// worse by more than
//     max(threshold_pct / 100 * |base|, absolute_floor)
// where threshold_pct is the longest `--threshold` prefix that matches its
// path, else `max_regression_pct` (default 10%), and absolute_floor is 0.001
// (1 ms, 0.1 percentage point of a ratio): so 0 -> 0.0001 s is noise, while a
// count going from 0 to 1 (one lost message) is always a regression. Neutral
// metrics are listed, never judged.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/runtime/status.h"

namespace msgsim::harness {

inline constexpr std::string_view kReportFormat = "msgsim-report/1";

enum class MetricDirection { kLowerIsBetter, kHigherIsBetter, kNeutral };

// "lower_is_better" | "higher_is_better" | "neutral".
const char* direction_name(MetricDirection direction);

// The direction of the metric at dotted `path` under `metrics`, e.g.
// "routing.latency_s.p95" (lower is better), "merge.precision" (higher),
// "routing.latency_s.count" (neutral).
MetricDirection metric_direction(std::string_view path);

// A per-metric threshold: `metric` is a dotted path or a prefix of paths
// ("routing.latency_s" covers its p50 ... max).
struct MetricThreshold {
  std::string metric;
  double pct = 0.0;
};

// Parses "METRIC=PCT" (PCT a finite number >= 0, percent). Returns
// kInvalidInput naming the text otherwise.
runtime::Result<MetricThreshold> parse_threshold(std::string_view text);

struct CompareOptions {
  double max_regression_pct = 10.0;
  std::vector<MetricThreshold> thresholds;
  double absolute_floor = 1e-3;
};

struct MetricDelta {
  std::string metric;  // dotted path under `metrics`
  double base = 0.0;
  double current = 0.0;  // the NEW report's value
  double delta = 0.0;    // current - base
  std::optional<double> delta_pct;  // none when base is 0 and current is not
  MetricDirection direction = MetricDirection::kNeutral;
  double threshold_pct = 0.0;  // the threshold that applied (directional metrics)
  bool regression = false;
  bool improvement = false;  // better by more than the same allowance
};

struct Comparison {
  std::vector<MetricDelta> metrics;  // sorted by path
  std::vector<std::string> only_in_base;
  std::vector<std::string> only_in_new;
  std::vector<std::string> warnings;  // different scenario, seed, unused thresholds
  int regressions = 0;
};

// Parses the text of a report; `label` (the file name) prefixes messages.
// Returns kInvalidInput when the text is not JSON or not a msgsim report
// (`format` must be "msgsim-report/1" and `metrics` an object).
runtime::Result<nlohmann::json> parse_report(std::string_view text, const std::string& label);

// REQUIRES: both passed parse_report.
Comparison compare_reports(const nlohmann::json& base, const nlohmann::json& current, const CompareOptions& options);

// The comparison as JSON, for `msgsim compare --json`.
nlohmann::ordered_json comparison_json(const Comparison& comparison);

}  // namespace msgsim::harness
