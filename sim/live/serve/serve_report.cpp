#include "sim/live/serve/serve_report.h"

#include "reports/json_report.h"
#include "reports/pii_mask.h"
#include "sim/harness/expectations.h"

namespace msgsim::live {

ServeReport build_serve_report(const harness::Scenario& scenario, const harness::RunOutcome& outcome,
                               const std::string& replay, bool show_pii) {
  const nlohmann::ordered_json metrics = outcome.merged.to_json();
  const std::vector<harness::ExpectationResult> expectations =
      harness::evaluate_expectations(scenario.expect, metrics);
  ServeReport built;
  built.passed = harness::scripts_passed(outcome);
  for (const harness::ExpectationResult& result : expectations) {
    if (result.passed) continue;
    built.passed = false;
    ++built.expectations_failed;
  }
  const reports::ReportInput input{scenario, outcome, expectations, built.passed, replay};
  built.report = reports::build_report(input);
  if (!show_pii) reports::mask_report_pii(built.report);
  return built;
}

}  // namespace msgsim::live
