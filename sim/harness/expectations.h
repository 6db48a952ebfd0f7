// Evaluates the scenario's `expect` thresholds against the report's metrics.
// A metric is a dotted path under `metrics`; `each` applies the check to every
// entry of a breakdown (the metric path is then taken relative to the entry,
// after the breakdown's parent prefix). A metric the report lacks fails with
// that reason, never passes silently.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/harness/scenario.h"

namespace msgsim::harness {

struct ExpectationResult {
  std::string metric;  // the full path that was checked
  std::string op;      // "min" | "max" | "equals"
  double threshold = 0.0;
  std::optional<double> actual;
  bool passed = false;
  std::string detail;  // why it failed, when it did
};

std::vector<ExpectationResult> evaluate_expectations(const std::vector<Expectation>& expectations,
                                                     const nlohmann::ordered_json& metrics);

// The node at dotted `path` under `root`, or null when absent.
const nlohmann::ordered_json* find_metric(const nlohmann::ordered_json& root, const std::string& path);

}  // namespace msgsim::harness
