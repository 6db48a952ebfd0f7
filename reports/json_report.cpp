#include "reports/json_report.h"

#include <sys/resource.h>

#include <filesystem>
#include <fstream>

#include "sim/harness/replication_summary.h"

namespace msgsim::reports {

namespace {

nlohmann::ordered_json expectations_json(const std::vector<harness::ExpectationResult>& results) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const harness::ExpectationResult& result : results) {
    nlohmann::ordered_json item;
    item["metric"] = result.metric;
    item["op"] = result.op;
    item["threshold"] = result.threshold;
    item["actual"] = result.actual ? nlohmann::ordered_json(*result.actual) : nlohmann::ordered_json(nullptr);
    item["passed"] = result.passed;
    if (!result.detail.empty()) item["detail"] = result.detail;
    out.push_back(std::move(item));
  }
  return out;
}

// The first replication's script results; with several replications each
// script also lists the (1-based) replications in which it failed, since any
// of them fails the run.
nlohmann::ordered_json scripts_json(const harness::RunOutcome& outcome) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  if (outcome.runs.empty()) return out;
  const std::vector<harness::ScriptResult>& first = outcome.runs.front().scripts;
  for (std::size_t s = 0; s < first.size(); ++s) {
    nlohmann::ordered_json item;
    item["id"] = first[s].id;
    item["passed"] = first[s].passed;
    nlohmann::ordered_json steps = nlohmann::ordered_json::array();
    for (const harness::ScriptStepResult& step : first[s].steps) {
      steps.push_back({{"index", step.index}, {"passed", step.passed}, {"detail", step.detail}});
    }
    item["steps"] = std::move(steps);
    if (outcome.runs.size() > 1) {
      nlohmann::ordered_json failed = nlohmann::ordered_json::array();
      for (std::size_t r = 0; r < outcome.runs.size(); ++r) {
        if (!outcome.runs[r].scripts[s].passed) failed.push_back(r + 1);
      }
      item["failed_replications"] = std::move(failed);
    }
    out.push_back(std::move(item));
  }
  return out;
}

std::string build_description() {
  std::string build = "g++ " __VERSION__;
#ifdef NDEBUG
  build += ", optimized";
#else
  build += ", debug";
#endif
  return build;
}

}  // namespace

double peak_rss_mb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // ru_maxrss is KiB on Linux
}

nlohmann::ordered_json build_report(const ReportInput& input) {
  const harness::Scenario& scenario = input.scenario;
  const harness::RunOutcome& outcome = input.outcome;
  nlohmann::ordered_json report;
  report["format"] = "msgsim-report/1";
  report["tool"] = {{"name", "msgsim"}, {"version", MSGSIM_VERSION}};
  report["scenario"] = {{"name", scenario.name}, {"file", scenario.file}, {"sha256", scenario.sha256}};
  report["seed"] = outcome.seed;
  report["replications"] = outcome.replications;
  report["outcome"] = input.passed ? "pass" : "fail";
  report["sim"] = {{"start", scenario.start}, {"end_s", outcome.merged.end_s}, {"events", outcome.merged.events}};
  report["metrics"] = outcome.merged.to_json();
  report["expectations"] = expectations_json(input.expectations);
  report["scripts"] = scripts_json(outcome);
  // The first replication's consent violations (ConsentSummary::merge keeps them).
  report["violations"] =
      outcome.merged.consent ? outcome.merged.consent->violations_json() : nlohmann::ordered_json::array();
  // The first replication's sampled conversations, both views (transcripts.h).
  report["transcripts"] = harness::transcripts_json(outcome.merged.transcripts);
  if (outcome.runs.size() > 1) report["replication_summaries"] = harness::replication_summaries(outcome);
  report["replay"] = input.replay;
  report["host"] = {{"wall_s", outcome.wall_s},
                    {"events_per_s", outcome.wall_s > 0 ? static_cast<double>(outcome.merged.events) / outcome.wall_s : 0.0},
                    {"peak_rss_mb", peak_rss_mb()},
                    {"threads", std::min(2, outcome.replications)},
                    {"build", build_description()}};
  if (outcome.live) report["host"]["live"] = outcome.live->to_json();
  return report;
}

runtime::Status write_json_report(const nlohmann::ordered_json& report, const std::string& dir) {
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error) {
    return runtime::Status(runtime::StatusCode::kInvalidInput, dir + ": cannot create the output folder: " + error.message());
  }
  const std::string path = (std::filesystem::path(dir) / "report.json").string();
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << report.dump(2) << '\n';
  out.close();
  if (!out) return runtime::Status(runtime::StatusCode::kInvalidInput, path + ": cannot write the report");
  return runtime::Status::ok();
}

}  // namespace msgsim::reports
