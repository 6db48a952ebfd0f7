// Metric-by-metric comparison of two reports (report_compare.h): flatten the
// numeric leaves of each `metrics` object, pair them by path, judge each pair
// by its direction and threshold.
#include "sim/harness/report_compare.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>

namespace msgsim::harness {

namespace {

using Leaves = std::map<std::string, double>;  // sorted by path

// Leaves whose name says more is better; everything judged is a quality figure
// of the run, not a volume.
constexpr std::string_view kHigherIsBetter[] = {"compliance_rate", "precision", "recall", "f1", "served",
                                                "continuity_rate"};
constexpr std::string_view kLowerIsBetter[] = {
    "lost",        "transcript_duplicates", "violations",       "abandoned",         "abandoned_ratio",
    "failed",      "rejected",              "rejected_by_provider", "declined",      "push_timeouts",
    "false_merges", "capacity_exceeded",    "offered_to_ineligible", "fifo_violations", "wait_probability",
    "open_at_end", "canceled",              "overflowed",       "blocked_by_provider", "status_downgrades"};
// Breakdowns whose every entry counts something that should not happen.
constexpr std::string_view kLowerIsBetterParents[] = {"violations_by_kind", "false_merges_by_cause"};
// The statistics of a latency summary ({"count", "mean", "p50", ...}) that are times.
constexpr std::string_view kSummaryTimes[] = {"mean", "p50", "p90", "p95", "p99", "max"};

template <std::size_t N>
bool one_of(std::string_view name, const std::string_view (&names)[N]) {
  return std::find(std::begin(names), std::end(names), name) != std::end(names);
}

std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> segments;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = path.find('.', start);
    segments.push_back(path.substr(start, dot == std::string_view::npos ? path.npos : dot - start));
    if (dot == std::string_view::npos) return segments;
    start = dot + 1;
  }
}

void collect_leaves(const nlohmann::json& node, const std::string& path, Leaves& leaves) {
  if (node.is_number()) {
    leaves.emplace(path, node.get<double>());
  } else if (node.is_object()) {
    for (const auto& [key, value] : node.items()) collect_leaves(value, path.empty() ? key : path + "." + key, leaves);
  } else if (node.is_array()) {
    for (std::size_t i = 0; i < node.size(); ++i) collect_leaves(node[i], path + "[" + std::to_string(i) + "]", leaves);
  }
}

// The longest --threshold whose metric is the path or a dotted prefix of it.
const MetricThreshold* threshold_for(const std::string& path, const CompareOptions& options) {
  const MetricThreshold* best = nullptr;
  for (const MetricThreshold& threshold : options.thresholds) {
    const std::string& key = threshold.metric;
    const bool matches = path == key || (path.size() > key.size() && path.starts_with(key) && path[key.size()] == '.');
    if (matches && (best == nullptr || key.size() > best->metric.size())) best = &threshold;
  }
  return best;
}

MetricDelta judge(const std::string& path, double base, double current, const CompareOptions& options) {
  MetricDelta delta;
  delta.metric = path;
  delta.base = base;
  delta.current = current;
  delta.delta = current - base;
  if (base != 0.0) {
    delta.delta_pct = 100.0 * delta.delta / std::fabs(base);
  } else if (current == 0.0) {
    delta.delta_pct = 0.0;
  }
  delta.direction = metric_direction(path);
  if (delta.direction == MetricDirection::kNeutral) return delta;
  const MetricThreshold* threshold = threshold_for(path, options);
  delta.threshold_pct = threshold != nullptr ? threshold->pct : options.max_regression_pct;
  const double allowed = std::max(delta.threshold_pct / 100.0 * std::fabs(base), options.absolute_floor);
  const double worse_by = delta.direction == MetricDirection::kLowerIsBetter ? delta.delta : -delta.delta;
  delta.regression = worse_by > allowed;
  delta.improvement = -worse_by > allowed;
  return delta;
}

std::string value_text(const nlohmann::json& report, const char* a, const char* b = nullptr) {
  const nlohmann::json* node = report.contains(a) ? &report[a] : nullptr;
  if (node != nullptr && b != nullptr) node = node->is_object() && node->contains(b) ? &(*node)[b] : nullptr;
  return node == nullptr ? "(absent)" : node->dump();
}

void warn_on_different_runs(const nlohmann::json& base, const nlohmann::json& current, Comparison& comparison) {
  const std::string base_sha = value_text(base, "scenario", "sha256");
  const std::string new_sha = value_text(current, "scenario", "sha256");
  if (base_sha != new_sha) {
    comparison.warnings.push_back("the reports come from different scenario files (sha256 " + base_sha + " vs " +
                                  new_sha + "; scenario " + value_text(base, "scenario", "name") + " vs " +
                                  value_text(current, "scenario", "name") + ")");
  }
  for (const char* key : {"seed", "replications"}) {
    if (value_text(base, key) != value_text(current, key)) {
      comparison.warnings.push_back(std::string("the reports have different ") + key + "s (" + value_text(base, key) +
                                    " vs " + value_text(current, key) + "): differences include sampling noise");
    }
  }
}

void warn_on_unused_thresholds(const CompareOptions& options, Comparison& comparison) {
  for (const MetricThreshold& threshold : options.thresholds) {
    const bool used = std::any_of(comparison.metrics.begin(), comparison.metrics.end(), [&](const MetricDelta& delta) {
      return delta.direction != MetricDirection::kNeutral && threshold_for(delta.metric, options) == &threshold;
    });
    if (!used) {
      comparison.warnings.push_back("--threshold " + threshold.metric +
                                    " applies to no metric judged for regressions in both reports");
    }
  }
}

std::string trimmed(std::string_view text) {
  const std::size_t first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  return std::string(text.substr(first, text.find_last_not_of(" \t") - first + 1));
}

}  // namespace

const char* direction_name(MetricDirection direction) {
  switch (direction) {
    case MetricDirection::kLowerIsBetter: return "lower_is_better";
    case MetricDirection::kHigherIsBetter: return "higher_is_better";
    case MetricDirection::kNeutral: return "neutral";
  }
  return "neutral";
}

MetricDirection metric_direction(std::string_view path) {
  const std::vector<std::string_view> segments = split_path(path);
  const std::string_view leaf = segments.back();
  if (one_of(leaf, kHigherIsBetter)) return MetricDirection::kHigherIsBetter;
  const std::string_view parent = segments.size() > 1 ? segments[segments.size() - 2] : std::string_view();
  // A latency summary: its times are lower-is-better, its count is a volume.
  if (parent.ends_with("_s")) return one_of(leaf, kSummaryTimes) ? MetricDirection::kLowerIsBetter : MetricDirection::kNeutral;
  if (leaf.ends_with("_s") || leaf.ends_with("_exceeded") || leaf.ends_with("_violations")) {
    return MetricDirection::kLowerIsBetter;
  }
  if (one_of(leaf, kLowerIsBetter) || one_of(parent, kLowerIsBetterParents)) return MetricDirection::kLowerIsBetter;
  if (parent == "by_status" && leaf == "Error") return MetricDirection::kLowerIsBetter;
  return MetricDirection::kNeutral;
}

runtime::Result<MetricThreshold> parse_threshold(std::string_view text) {
  const auto invalid = [&](const std::string& why) {
    return runtime::Status(runtime::StatusCode::kInvalidInput,
                           "--threshold \"" + std::string(text) + "\": " + why + " (expected METRIC=PCT, e.g. routing.latency_s.p95=5)");
  };
  const std::size_t equals = text.find('=');
  if (equals == std::string_view::npos) return invalid("missing '='");
  MetricThreshold threshold;
  threshold.metric = trimmed(text.substr(0, equals));
  if (threshold.metric.empty()) return invalid("empty metric");
  const std::string number = trimmed(text.substr(equals + 1));
  const char* end = number.data() + number.size();
  const auto [stop, error] = std::from_chars(number.data(), end, threshold.pct);
  if (number.empty() || error != std::errc() || stop != end || !std::isfinite(threshold.pct) || threshold.pct < 0.0) {
    return invalid("expected a percentage >= 0 after '='");
  }
  return threshold;
}

runtime::Result<nlohmann::json> parse_report(std::string_view text, const std::string& label) {
  nlohmann::json report;
  try {
    report = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& error) {
    return runtime::Status(runtime::StatusCode::kInvalidInput, label + ": not valid JSON: " + error.what());
  }
  const bool is_report = report.is_object() && report.contains("format") && report["format"] == kReportFormat;
  if (!is_report) {
    const std::string got = report.is_object() && report.contains("format") ? report["format"].dump() : "no \"format\"";
    return runtime::Status(runtime::StatusCode::kInvalidInput, label + ": not a msgsim report (expected \"format\": \"" +
                                                                   std::string(kReportFormat) + "\", got " + got + ")");
  }
  if (!report.contains("metrics") || !report["metrics"].is_object()) {
    return runtime::Status(runtime::StatusCode::kInvalidInput, label + ": at metrics: expected an object");
  }
  return report;
}

Comparison compare_reports(const nlohmann::json& base, const nlohmann::json& current, const CompareOptions& options) {
  Leaves base_leaves;
  Leaves new_leaves;
  collect_leaves(base.at("metrics"), "", base_leaves);
  collect_leaves(current.at("metrics"), "", new_leaves);
  Comparison comparison;
  warn_on_different_runs(base, current, comparison);
  for (const auto& [path, value] : base_leaves) {
    const auto other = new_leaves.find(path);
    if (other == new_leaves.end()) {
      comparison.only_in_base.push_back(path);
      continue;
    }
    comparison.metrics.push_back(judge(path, value, other->second, options));
    if (comparison.metrics.back().regression) ++comparison.regressions;
  }
  for (const auto& [path, value] : new_leaves) {
    if (!base_leaves.contains(path)) comparison.only_in_new.push_back(path);
  }
  // std::map orders by the whole string already; sort again so the contract
  // ("sorted by path") does not hang on the container.
  std::sort(comparison.metrics.begin(), comparison.metrics.end(),
            [](const MetricDelta& a, const MetricDelta& b) { return a.metric < b.metric; });
  warn_on_unused_thresholds(options, comparison);
  return comparison;
}

nlohmann::ordered_json comparison_json(const Comparison& comparison) {
  nlohmann::ordered_json out;
  out["regressions"] = comparison.regressions;
  out["warnings"] = comparison.warnings;
  nlohmann::ordered_json metrics = nlohmann::ordered_json::array();
  for (const MetricDelta& delta : comparison.metrics) {
    nlohmann::ordered_json item;
    item["metric"] = delta.metric;
    item["base"] = delta.base;
    item["new"] = delta.current;
    item["delta"] = delta.delta;
    item["delta_pct"] = delta.delta_pct ? nlohmann::ordered_json(*delta.delta_pct) : nlohmann::ordered_json(nullptr);
    item["direction"] = direction_name(delta.direction);
    if (delta.direction != MetricDirection::kNeutral) item["threshold_pct"] = delta.threshold_pct;
    item["regression"] = delta.regression;
    item["improvement"] = delta.improvement;
    metrics.push_back(std::move(item));
  }
  out["metrics"] = std::move(metrics);
  out["only_in_base"] = comparison.only_in_base;
  out["only_in_new"] = comparison.only_in_new;
  return out;
}

}  // namespace msgsim::harness
