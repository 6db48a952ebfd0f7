// `msgsim compare BASE NEW`: reads both reports, compares them
// (sim/harness/report_compare.h) and prints the table or its JSON.
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include "sim/cli/app.h"
#include "sim/cli/number_options.h"
#include "sim/cli/qa_commands.h"
#include "sim/harness/report_compare.h"

namespace msgsim::cli {

namespace {

runtime::Result<nlohmann::json> load_report(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return runtime::Status(runtime::StatusCode::kInvalidInput, path + ": cannot read the file");
  std::stringstream text;
  text << in.rdbuf();
  return harness::parse_report(text.str(), path);
}

// Integers as integers (counts stay readable), other values to 6 significant digits.
std::string number(double value, bool with_sign = false) {
  char buffer[64];
  const bool integral = std::fabs(value) < 1e15 && value == std::floor(value);
  if (integral) {
    std::snprintf(buffer, sizeof buffer, with_sign ? "%+.0f" : "%.0f", value);
  } else {
    std::snprintf(buffer, sizeof buffer, with_sign ? "%+.6g" : "%.6g", value);
  }
  return buffer;
}

std::string percent(const std::optional<double>& pct) {
  if (!pct) return "n/a";
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%+.1f%%", *pct);
  return buffer;
}

std::string verdict(const harness::MetricDelta& delta) {
  if (delta.regression) return "  REGRESSION";
  if (delta.improvement) return "  better";
  return "";
}

void print_table(const harness::Comparison& comparison) {
  std::size_t width = std::string("metric").size();
  for (const harness::MetricDelta& delta : comparison.metrics) width = std::max(width, delta.metric.size());
  const int name_width = static_cast<int>(width);
  std::printf("%-*s %14s %14s %14s %9s\n", name_width, "metric", "base", "new", "delta", "delta %");
  for (const harness::MetricDelta& delta : comparison.metrics) {
    std::printf("%-*s %14s %14s %14s %9s%s\n", name_width, delta.metric.c_str(), number(delta.base).c_str(),
                number(delta.current).c_str(), number(delta.delta, true).c_str(), percent(delta.delta_pct).c_str(),
                verdict(delta).c_str());
  }
}

void print_verdict(const harness::Comparison& comparison, const harness::CompareOptions& options) {
  for (const harness::MetricDelta& delta : comparison.metrics) {
    if (!delta.regression) continue;
    std::printf("REGRESSION %s: %s -> %s (%s; allowed %s%%, at least %s; %s)\n", delta.metric.c_str(),
                number(delta.base).c_str(), number(delta.current).c_str(), percent(delta.delta_pct).c_str(),
                number(delta.threshold_pct).c_str(), number(options.absolute_floor).c_str(),
                harness::direction_name(delta.direction));
  }
  const std::size_t not_compared = comparison.only_in_base.size() + comparison.only_in_new.size();
  std::printf("%zu metrics compared, %d regression(s)", comparison.metrics.size(), comparison.regressions);
  if (not_compared > 0) {
    std::printf("; %zu only in BASE, %zu only in NEW (not compared)", comparison.only_in_base.size(),
                comparison.only_in_new.size());
  }
  std::printf("\n");
}

}  // namespace

CLI::App* add_compare_command(CLI::App& app, CompareCommandOptions& options) {
  CLI::App* command = app.add_subcommand("compare", "Compare the metrics of two report.json files; exit 1 on a regression");
  command->add_option("base", options.base, "The baseline report.json")->required();
  command->add_option("new", options.current, "The report.json to judge")->required();
  command->add_option("--threshold", options.thresholds,
                      "METRIC=PCT: allowed worsening in percent for a metric path or prefix (repeatable)");
  command->add_option("--max-regression-pct", options.max_regression_pct,
                      "Allowed worsening in percent for metrics without --threshold (default 10)")
      ->check(finite_number(0.0));
  command->add_flag("--json", options.json, "Print the comparison as JSON");
  return command;
}

int compare_command(const CompareCommandOptions& options) {
  harness::CompareOptions compare;
  compare.max_regression_pct = options.max_regression_pct;
  for (const std::string& text : options.thresholds) {
    runtime::Result<harness::MetricThreshold> threshold = harness::parse_threshold(text);
    if (!threshold.is_ok()) {
      std::cerr << "msgsim: " << threshold.status().message() << '\n';
      return kExitInvalidInput;
    }
    compare.thresholds.push_back(threshold.take());
  }
  runtime::Result<nlohmann::json> base = load_report(options.base);
  runtime::Result<nlohmann::json> current = load_report(options.current);
  for (const runtime::Result<nlohmann::json>* report : {&base, &current}) {
    if (!report->is_ok()) {
      std::cerr << "msgsim: " << report->status().message() << '\n';
      return kExitInvalidInput;
    }
  }
  const harness::Comparison comparison = harness::compare_reports(base.value(), current.value(), compare);
  for (const std::string& warning : comparison.warnings) std::cerr << "msgsim: warning: " << warning << '\n';
  if (options.json) {
    std::cout << harness::comparison_json(comparison).dump(2) << '\n';
  } else {
    print_table(comparison);
    print_verdict(comparison, compare);
  }
  std::fflush(stdout);
  return comparison.regressions > 0 ? kExitFail : kExitPass;
}

}  // namespace msgsim::cli
