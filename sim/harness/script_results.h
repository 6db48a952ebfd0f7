// The outcome of the scenario's scripted customers in one replication: per
// script, per step, whether it held and what happened, in simulated times.
// The report's top-level `scripts` array is written from this. Plain data.
#pragma once

#include <string>
#include <vector>

namespace msgsim::harness {

struct ScriptStepResult {
  int index = 0;  // 1-based, as the steps are numbered in the file
  bool passed = false;
  // What was done or seen ("routed after 42.0 s"), or for a failed step what
  // was expected and what happened instead, with simulated times.
  std::string detail;
};

struct ScriptResult {
  std::string id;
  bool passed = true;  // every step passed
  std::vector<ScriptStepResult> steps;
};

// True iff every step of every script passed (true for no scripts).
inline bool scripts_passed(const std::vector<ScriptResult>& results) {
  for (const ScriptResult& result : results) {
    if (!result.passed) return false;
  }
  return true;
}

}  // namespace msgsim::harness
