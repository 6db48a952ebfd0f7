// report.json of a live session, built exactly as `msgsim run` builds it
// (reports/json_report.h): expectations evaluated on the metrics, scripts,
// `host.live` with the wall-clock figures. Used for the final report and for
// GET /api/report (the metrics so far). Personal data is masked unless
// `show_pii`, as in every report file. Pure function; any thread.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "sim/harness/runner.h"
#include "sim/harness/scenario.h"

namespace msgsim::live {

struct ServeReport {
  nlohmann::ordered_json report;
  bool passed = false;  // every expectation and script step held
  int expectations_failed = 0;
};

ServeReport build_serve_report(const harness::Scenario& scenario, const harness::RunOutcome& outcome,
                               const std::string& replay, bool show_pii);

}  // namespace msgsim::live
