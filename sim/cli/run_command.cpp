#include <filesystem>
#include <iostream>

#include "reports/json_report.h"
#include "sim/cli/app.h"
#include "sim/cli/commands.h"
#include "sim/cli/run_summary.h"
#include "sim/harness/expectations.h"
#include "sim/harness/runner.h"
#include "sim/harness/scenario_loader.h"
#include "sim/harness/support_check.h"

namespace msgsim::cli {

namespace {

std::string replay_command(const std::string& file, std::uint64_t seed, const RunCommandOptions& options) {
  std::string command = "msgsim run " + file + " --seed " + std::to_string(seed);
  if (options.replications) command += " --replications " + std::to_string(*options.replications);
  return command;
}

std::string out_dir_for(const harness::Scenario& scenario, const RunCommandOptions& options) {
  if (!options.out_dir) return (std::filesystem::path("msgsim-out") / scenario.name).string();
  if (options.scenarios.size() == 1) return *options.out_dir;
  return (std::filesystem::path(*options.out_dir) / scenario.name).string();
}

// Runs one loaded scenario; returns its exit code.
int run_one(const harness::Scenario& scenario, const RunCommandOptions& options) {
  harness::RunOptions run_options;
  run_options.seed = options.seed;
  run_options.replications = options.replications;
  const harness::RunOutcome outcome = harness::run_scenario(scenario, run_options);
  const nlohmann::ordered_json metrics = outcome.merged.to_json();
  const std::vector<harness::ExpectationResult> expectations =
      harness::evaluate_expectations(scenario.expect, metrics);
  bool passed = true;
  for (const harness::ExpectationResult& result : expectations) passed = passed && result.passed;

  const std::string replay = replay_command(scenario.file, outcome.seed, options);
  const nlohmann::ordered_json report =
      reports::build_report(reports::ReportInput{scenario, outcome, expectations, passed, replay});
  const std::string dir = out_dir_for(scenario, options);
  runtime::Status written = reports::write_json_report(report, dir);
  if (!written.is_ok()) {
    std::cerr << "msgsim: " << written.message() << '\n';
    return kExitInvalidInput;
  }
  const std::string report_path = (std::filesystem::path(dir) / "report.json").string();
  if (!options.quiet) print_run_summary(std::cout, report, report_path);
  if (!passed) {
    std::cout << scenario.name << ": FAIL; replay with: " << replay << '\n';
    return kExitFail;
  }
  return kExitPass;
}

}  // namespace

int run_command(const RunCommandOptions& options) {
  std::vector<harness::Scenario> scenarios;
  for (const std::string& file : options.scenarios) {
    runtime::Result<harness::Scenario> loaded = harness::load_scenario_file(file);
    if (!loaded.is_ok()) {
      std::cerr << loaded.status().message() << '\n';
      return kExitInvalidInput;
    }
    runtime::Status supported = harness::check_supported(loaded.value());
    if (!supported.is_ok()) {
      std::cerr << supported.message() << '\n';
      return kExitInvalidInput;
    }
    scenarios.push_back(loaded.take());
  }
  int code = kExitPass;
  for (const harness::Scenario& scenario : scenarios) code = std::max(code, run_one(scenario, options));
  return code;
}

}  // namespace msgsim::cli
