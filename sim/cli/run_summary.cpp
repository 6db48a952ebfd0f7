#include "sim/cli/run_summary.h"

#include <cstdio>

namespace msgsim::cli {

namespace {
std::string fixed(double value, int digits) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", digits, value);
  return buffer;
}

// One line per failed script step ("script alice step 3 FAILED: ..."), then
// a count; nothing for a scenario without scripts.
void print_scripts(std::ostream& out, const nlohmann::ordered_json& scripts) {
  if (scripts.empty()) return;
  int passed = 0;
  for (const auto& script : scripts) {
    const std::string id = script["id"].get<std::string>();
    for (const auto& step : script["steps"]) {
      if (step["passed"].get<bool>()) continue;
      out << "  script " << id << " step " << step["index"] << " FAILED: " << step["detail"].get<std::string>()
          << '\n';
    }
    const bool failed_elsewhere = script.contains("failed_replications") && !script["failed_replications"].empty();
    if (failed_elsewhere) {
      out << "  script " << id << " failed in replication(s) " << script["failed_replications"].dump()
          << "; the report lists replication 1's steps\n";
    }
    if (script["passed"].get<bool>() && !failed_elsewhere) ++passed;
  }
  out << "  scripts " << passed << "/" << scripts.size() << " passed\n";
}
}  // namespace

void print_run_summary(std::ostream& out, const nlohmann::ordered_json& report, const std::string& report_path) {
  const auto& metrics = report["metrics"];
  const auto& host = report["host"];
  out << report["scenario"]["name"].get<std::string>() << ": " << report["outcome"].get<std::string>() << "  (seed "
      << report["seed"] << ", " << report["replications"] << " replication(s), "
      << fixed(report["sim"]["end_s"].get<double>() / 3600.0, 1) << " h simulated, " << report["sim"]["events"]
      << " events in " << fixed(host["wall_s"].get<double>(), 2) << " s)\n";
  const auto& customers = metrics["customers"];
  const auto& messages = metrics["messages"];
  out << "  customers " << customers["arrived"] << " arrived, " << customers["served"] << " served; sessions "
      << metrics["sessions"]["created"] << " (" << metrics["sessions"]["open_at_end"] << " open at end); messages in "
      << messages["inbound"] << ", out " << messages["outbound"] << ", lost " << messages["lost"]
      << ", duplicated " << messages["transcript_duplicates"] << ", status downgrades " << messages["status_downgrades"]
      << '\n';
  const auto& latency = metrics["routing"]["latency_s"];
  out << "  routing latency mean " << fixed(latency["mean"].get<double>(), 2) << " s, p50 "
      << fixed(latency["p50"].get<double>(), 2) << " s, p95 " << fixed(latency["p95"].get<double>(), 2) << " s, p99 "
      << fixed(latency["p99"].get<double>(), 2) << " s; wait probability "
      << fixed(metrics["routing"]["wait_probability"].get<double>(), 4) << "; agent utilization "
      << fixed(metrics["agents"]["utilization"].get<double>(), 3) << '\n';
  int passed = 0;
  int total = 0;
  for (const auto& expectation : report["expectations"]) {
    ++total;
    if (expectation["passed"].get<bool>()) {
      ++passed;
    } else {
      out << "  FAILED " << expectation.value("detail", expectation["metric"].get<std::string>()) << '\n';
    }
  }
  print_scripts(out, report["scripts"]);
  out << "  expectations " << passed << "/" << total << " passed; report " << report_path << '\n';
}

}  // namespace msgsim::cli
