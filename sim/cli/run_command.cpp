#include <filesystem>
#include <iostream>
#include <optional>
#include <sstream>

#include "reports/json_report.h"
#include "reports/pii_mask.h"
#include "reports/report_formats.h"
#include "reports/report_writers.h"
#include "sim/cli/app.h"
#include "sim/cli/commands.h"
#include "sim/cli/progress.h"
#include "sim/cli/run_summary.h"
#include "sim/harness/expectations.h"
#include "sim/harness/live_run.h"
#include "sim/harness/runner.h"
#include "sim/harness/scenario_loader.h"
#include "sim/harness/support_check.h"

namespace msgsim::cli {

namespace {

// The speed as typed back: "60", "1000", "0.5".
std::string format_speed(double speed) {
  std::ostringstream out;
  out << speed;
  return out.str();
}

std::string replay_command(const std::string& file, std::uint64_t seed, const RunCommandOptions& options) {
  std::string command = "msgsim run " + file + " --seed " + std::to_string(seed);
  if (options.replications) command += " --replications " + std::to_string(*options.replications);
  if (options.live) command += " --live --speed " + format_speed(options.speed);
  return command;
}

std::string out_dir_for(const harness::Scenario& scenario, const RunCommandOptions& options) {
  if (!options.out_dir) return (std::filesystem::path("msgsim-out") / scenario.name).string();
  if (options.scenarios.size() == 1) return *options.out_dir;
  return (std::filesystem::path(*options.out_dir) / scenario.name).string();
}

// One line naming the extra report files, so a CI log shows where they are.
void print_written_files(const reports::ReportFormats& formats, const std::string& dir) {
  const std::vector<std::string> files = reports::requested_report_files(formats);
  if (files.empty()) return;
  std::cout << "  also wrote";
  for (const std::string& file : files) std::cout << ' ' << (std::filesystem::path(dir) / file).string();
  std::cout << '\n';
}

// One line of host.live's figures, for a live run.
void print_live_summary(const nlohmann::ordered_json& report) {
  if (!report["host"].contains("live")) return;
  const auto& live = report["host"]["live"];
  const auto& latency = live["latency_ms"];
  const auto& added = live["added_ms"];
  std::ostringstream line;
  line.setf(std::ios::fixed);
  line.precision(2);
  line << "  live at " << live["speed"].get<double>() << "x: " << live["wall_s"].get<double>() << " s wall, lag max "
       << live["lag_max_ms"].get<double>() << " ms; message -> routing decision p50 " << latency["p50"].get<double>()
       << " ms, p99 " << latency["p99"].get<double>() << " ms (" << latency["count"].get<std::uint64_t>()
       << " decisions), added p99 " << added["p99"].get<double>() << " ms\n";
  std::cout << line.str();
}

// Runs the simulation, with the progress line when stderr is a terminal.
harness::RunOutcome simulate(const harness::Scenario& scenario, const RunCommandOptions& options,
                             const std::optional<std::string>& trace_path) {
  harness::RunOptions run_options;
  run_options.seed = options.seed;
  run_options.replications = options.replications;
  run_options.trace_path = trace_path;
  std::optional<ProgressLine> progress;
  if (progress_wanted(options.quiet)) {
    progress.emplace(scenario.name, stderr);
    run_options.on_progress = [&progress](const harness::Progress& now) { progress->update(now); };
  }
  harness::RunOutcome outcome;
  if (options.live) {
    harness::LiveRunOptions live_options;
    live_options.seed = options.seed;
    live_options.speed = options.speed;
    live_options.trace_path = trace_path;
    live_options.on_progress = run_options.on_progress;
    outcome = harness::run_scenario_live(scenario, live_options);
  } else {
    outcome = harness::run_scenario(scenario, run_options);
  }
  if (progress) progress->clear();
  return outcome;
}

// Runs one loaded scenario; returns its exit code.
int run_one(const harness::Scenario& scenario, const RunCommandOptions& options,
            const reports::ReportFormats& formats) {
  const std::string dir = out_dir_for(scenario, options);
  std::optional<std::string> trace_path;
  if (formats.trace) trace_path = (std::filesystem::path(dir) / "trace.jsonl").string();
  const harness::RunOutcome outcome = simulate(scenario, options, trace_path);
  if (!outcome.trace_status.is_ok()) {
    std::cerr << "msgsim: " << outcome.trace_status.message() << '\n';
    return kExitInvalidInput;
  }
  const nlohmann::ordered_json metrics = outcome.merged.to_json();
  const std::vector<harness::ExpectationResult> expectations =
      harness::evaluate_expectations(scenario.expect, metrics);
  bool passed = true;
  for (const harness::ExpectationResult& result : expectations) passed = passed && result.passed;
  passed = passed && harness::scripts_passed(outcome);  // a failed script step fails the run

  const std::string replay = replay_command(scenario.file, outcome.seed, options);
  const reports::ReportInput input{scenario, outcome, expectations, passed, replay};
  nlohmann::ordered_json report = reports::build_report(input);
  // Before anything is written: every report file is rendered from `report`.
  if (!options.show_pii) reports::mask_report_pii(report);
  runtime::Status written = reports::write_json_report(report, dir);
  if (written.is_ok()) {
    written = reports::write_reports(formats, input, report, dir);
  }
  if (!written.is_ok()) {
    std::cerr << "msgsim: " << written.message() << '\n';
    return kExitInvalidInput;
  }
  const std::string report_path = (std::filesystem::path(dir) / "report.json").string();
  if (!options.quiet) {
    print_run_summary(std::cout, report, report_path);
    print_live_summary(report);
    print_written_files(formats, dir);
  }
  if (!passed) {
    std::cout << scenario.name << ": FAIL; replay with: " << replay << '\n';
    return kExitFail;
  }
  return kExitPass;
}

// The requested report formats, refused (message on stderr) before any
// simulation time is spent when unknown, unsupported or not writable here.
std::optional<reports::ReportFormats> formats_or_message(const std::string& text) {
  runtime::Result<reports::ReportFormats> formats = reports::parse_report_formats(text);
  if (!formats.is_ok()) {
    std::cerr << "msgsim: " << formats.status().message() << '\n';
    return std::nullopt;
  }
  runtime::Status ready = reports::check_report_dependencies(formats.value());
  if (!ready.is_ok()) {
    std::cerr << "msgsim: " << ready.message() << '\n';
    return std::nullopt;
  }
  return formats.take();
}

}  // namespace

int run_command(const RunCommandOptions& options) {
  const std::optional<reports::ReportFormats> formats = formats_or_message(options.formats);
  if (!formats) return kExitInvalidInput;
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
  for (const harness::Scenario& scenario : scenarios) code = std::max(code, run_one(scenario, options, *formats));
  return code;
}

}  // namespace msgsim::cli
