// Scenario tests for the commands people use around `run`: `list`,
// `compare`, `validate --strict` and `run --format trace`, through the built
// binary, its exit codes and what it writes.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "tests/scenarios/cli_runner.h"

namespace msgsim::testing {
namespace {

// The demo's report.json, run once for the tests that compare reports.
const std::string& demo_report() {
  static const std::string path = [] {
    const std::string out = fresh_temp_dir("people-demo");
    const CliResult result = run_msgsim("run " + source_path("scenarios/demo.json") + " --out " + out + " --quiet");
    EXPECT_EQ(result.exit_code, 0) << result.output;
    return out + "/report.json";
  }();
  return path;
}

void write_file(const std::string& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

// `list` shows the shipped demo with its name and the first sentence of its description, never the schema.
TEST(PeopleCli, ListShowsTheDemoWithItsDescription) {
  const CliResult result = run_msgsim("list");
  ASSERT_EQ(result.exit_code, 0) << result.output;
  std::istringstream lines(result.output);
  std::string demo_line;
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("demo.json ", 0) == 0) demo_line = line;
  }
  ASSERT_FALSE(demo_line.empty()) << result.output;
  EXPECT_NE(demo_line.find(" demo "), std::string::npos) << demo_line;
  EXPECT_NE(demo_line.find("A web-chat support desk for one working day"), std::string::npos) << demo_line;
  EXPECT_EQ(demo_line.back(), '.') << demo_line;
  EXPECT_EQ(demo_line.find("Routing latency"), std::string::npos) << "only the first sentence: " << demo_line;
  EXPECT_EQ(result.output.find("scenario.schema.json"), std::string::npos) << result.output;
}

// `list --dir` lists another folder sorted by file name, and marks a file that does not load as invalid.
TEST(PeopleCli, ListMarksFilesThatDoNotLoad) {
  const std::string dir = fresh_temp_dir("people-list");
  std::filesystem::copy_file(source_path("scenarios/demo.json"), dir + "/b-demo.json");
  write_file(dir + "/a-broken.json", R"({"msgsim": 1, "name": "broken"})");
  const CliResult result = run_msgsim("list --dir " + dir);
  ASSERT_EQ(result.exit_code, 0) << result.output;
  const std::size_t broken = result.output.find("a-broken.json");
  const std::size_t demo = result.output.find("b-demo.json");
  ASSERT_NE(broken, std::string::npos) << result.output;
  ASSERT_NE(demo, std::string::npos) << result.output;
  EXPECT_LT(broken, demo);
  EXPECT_NE(result.output.find("(invalid: "), std::string::npos) << result.output;
}

// A report compared with itself has no regression: exit 0.
TEST(PeopleCli, CompareOfAReportWithItselfExitsZero) {
  const CliResult result = run_msgsim("compare " + demo_report() + " " + demo_report());
  EXPECT_EQ(result.exit_code, 0) << result.output;
  EXPECT_NE(result.output.find("routing.latency_s.p95"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("0 regression(s)"), std::string::npos) << result.output;
}

// A report doctored to a 50% worse p95 latency is a regression: exit 1 naming the metric.
TEST(PeopleCli, CompareWithWorseLatencyExitsOne) {
  nlohmann::json report = nlohmann::json::parse(read_file(demo_report()));
  nlohmann::json& p95 = report["metrics"]["routing"]["latency_s"]["p95"];
  p95 = p95.get<double>() * 1.5;
  const std::string worse = fresh_temp_dir("people-worse") + "/report.json";
  write_file(worse, report.dump(2));
  const CliResult result = run_msgsim("compare " + demo_report() + " " + worse);
  EXPECT_EQ(result.exit_code, 1) << result.output;
  EXPECT_NE(result.output.find("REGRESSION routing.latency_s.p95"), std::string::npos) << result.output;
  // A looser threshold for that metric accepts the same change.
  EXPECT_EQ(run_msgsim("compare " + demo_report() + " " + worse + " --threshold routing.latency_s.p95=60").exit_code, 0);
  const CliResult json = run_msgsim("compare " + demo_report() + " " + worse + " --json");
  EXPECT_EQ(json.exit_code, 1);
  EXPECT_EQ(nlohmann::json::parse(json.output)["regressions"], 1);
}

// A missing file, a file that is not a msgsim report, or a bad --threshold is bad input: exit 2.
TEST(PeopleCli, CompareRefusesBadInputWithExitTwo) {
  const std::string other = fresh_temp_dir("people-other") + "/other.json";
  write_file(other, R"({"format": "something-else/2", "metrics": {}})");
  const CliResult missing = run_msgsim("compare /nonexistent/report.json " + demo_report());
  EXPECT_EQ(missing.exit_code, 2) << missing.output;
  EXPECT_NE(missing.output.find("/nonexistent/report.json"), std::string::npos) << missing.output;
  const CliResult foreign = run_msgsim("compare " + demo_report() + " " + other);
  EXPECT_EQ(foreign.exit_code, 2) << foreign.output;
  EXPECT_NE(foreign.output.find("not a msgsim report"), std::string::npos) << foreign.output;
  const CliResult threshold = run_msgsim("compare " + demo_report() + " " + demo_report() + " --threshold p95");
  EXPECT_EQ(threshold.exit_code, 2) << threshold.output;
  EXPECT_NE(threshold.output.find("METRIC=PCT"), std::string::npos) << threshold.output;
}

// The lint's findings are warnings (exit 0) unless --strict makes them errors (exit 2).
TEST(PeopleCli, ValidateStrictTurnsLintWarningsIntoErrors) {
  const std::string file = source_path("tests/scenarios/fixtures/lint-warnings.json");
  const CliResult lenient = run_msgsim("validate " + file);
  EXPECT_EQ(lenient.exit_code, 0) << lenient.output;
  EXPECT_NE(lenient.output.find(file + ": warning at org.agents[1].permission_sets: "), std::string::npos)
      << lenient.output;
  EXPECT_NE(lenient.output.find("[agent-without-messaging-user]"), std::string::npos) << lenient.output;
  EXPECT_NE(lenient.output.find("[queue-not-served]"), std::string::npos) << lenient.output;
  const CliResult strict = run_msgsim("validate --strict " + file);
  EXPECT_EQ(strict.exit_code, 2) << strict.output;
  EXPECT_NE(strict.output.find(file + ": error at org.queues[1]: "), std::string::npos) << strict.output;
  EXPECT_EQ(run_msgsim("validate --strict " + source_path("scenarios/demo.json")).exit_code, 0);
}

// `run --format trace` writes trace.jsonl: every line parses, and it holds one WorkAccepted per accepted request.
TEST(PeopleCli, RunFormatTraceWritesOneLinePerEvent) {
  const std::string out = fresh_temp_dir("people-trace");
  const CliResult result = run_msgsim("run " + source_path("scenarios/demo.json") + " --out " + out + " --format trace");
  ASSERT_EQ(result.exit_code, 0) << result.output;
  EXPECT_NE(result.output.find("trace.jsonl"), std::string::npos) << result.output;
  const nlohmann::json report = nlohmann::json::parse(read_file(out + "/report.json"));
  std::ifstream trace(out + "/trace.jsonl");
  std::uint64_t lines = 0;
  std::uint64_t accepted = 0;
  for (std::string line; std::getline(trace, line); ++lines) {
    const nlohmann::json event = nlohmann::json::parse(line);  // throws, failing the test, on a bad line
    ASSERT_TRUE(event.contains("kind") && event.contains("t_s")) << line;
    if (event["kind"] == "WorkAccepted") {
      ++accepted;
      ASSERT_TRUE(event["agent"].is_string() && event["queue"].is_string()) << line;
    }
  }
  EXPECT_GT(lines, accepted);
  EXPECT_EQ(accepted, report["metrics"]["routing"]["accepted"].get<std::uint64_t>());
  // Tracing leaves report.json as it is without it, but for `host`.
  nlohmann::json plain = nlohmann::json::parse(read_file(demo_report()));
  nlohmann::json traced = report;
  plain.erase("host");
  traced.erase("host");
  plain.erase("replay");
  traced.erase("replay");
  EXPECT_EQ(traced, plain);
}

}  // namespace
}  // namespace msgsim::testing
