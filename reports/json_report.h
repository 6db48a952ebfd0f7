// Builds and writes report.json (spec/report-format.md). Everything outside
// `host` is a function of the scenario, seed, replication count and build, so
// the file is byte-identical between runs; `host` alone holds wall-clock time,
// throughput and machine facts.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/harness/expectations.h"
#include "sim/harness/runner.h"
#include "sim/harness/scenario.h"
#include "sim/runtime/status.h"

namespace msgsim::reports {

struct ReportInput {
  const harness::Scenario& scenario;
  const harness::RunOutcome& outcome;
  const std::vector<harness::ExpectationResult>& expectations;
  bool passed = false;
  std::string replay;  // the command that replays this run
};

nlohmann::ordered_json build_report(const ReportInput& input);
// Writes `report` to DIR/report.json, creating DIR.
runtime::Status write_json_report(const nlohmann::ordered_json& report, const std::string& dir);
// Peak resident memory of this process, in MiB.
double peak_rss_mb();

}  // namespace msgsim::reports
