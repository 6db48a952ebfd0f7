// Scenario tests: the built msgsim binary on shipped and fixture scenarios,
// checked through its exit codes, messages and report.json.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "tests/scenarios/cli_runner.h"

namespace msgsim::testing {
namespace {

nlohmann::json without_host(const std::string& report_text) {
  nlohmann::json report = nlohmann::json::parse(report_text);
  report.erase("host");
  return report;
}

// --version names the tool and exits 0.
TEST(Cli, VersionPrintsTheToolVersion) {
  CliResult result = run_msgsim("--version");
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_NE(result.output.find("msgsim 0.1.0"), std::string::npos) << result.output;
}

// An unknown option or a missing subcommand is invalid input: exit 2 with a message.
TEST(Cli, BadCommandLineExitsTwo) {
  EXPECT_EQ(run_msgsim("run --no-such-option " + source_path("scenarios/demo.json")).exit_code, 2);
  EXPECT_EQ(run_msgsim("").exit_code, 2);
  CliResult negative = run_msgsim("run " + source_path("scenarios/demo.json") + " --seed -4");
  EXPECT_EQ(negative.exit_code, 2);
  EXPECT_NE(negative.output.find("seed"), std::string::npos) << negative.output;
  // A seed past 2^64 - 1 is refused, not clamped to it; so is one with a sign or letters.
  for (const char* seed : {"18446744073709551616", "99999999999999999999999", "+4", "abc", "1.5"}) {
    for (const char* command : {"run ", "serve "}) {
      CliResult bad = run_msgsim(command + source_path("scenarios/demo.json") + " --seed " + seed);
      EXPECT_EQ(bad.exit_code, 2) << command << seed;
      EXPECT_NE(bad.output.find("--seed: expected a whole number from 0 to 18446744073709551615"), std::string::npos)
          << bad.output;
    }
  }
  // Other whole-number options: decimal digits within their range, nothing else.
  for (const std::string& args : {std::string("run --replications 0x10 "), std::string("run --replications -1 "),
                                  std::string("run --replications 100001 "), std::string("serve --port 65536 "),
                                  std::string("serve --port 8e3 ")}) {
    CliResult bad = run_msgsim(args + source_path("scenarios/demo.json"));
    EXPECT_EQ(bad.exit_code, 2) << args;
    EXPECT_NE(bad.output.find("expected a whole number from 0 to"), std::string::npos) << bad.output;
  }
  // Real-valued options: finite numbers in range (NaN compares false with
  // every bound, and a NaN speed used to stop the live pacer's check, exit 3).
  const std::string demo = source_path("scenarios/demo.json");
  for (const std::string& args : {"run --live --speed nan " + demo, "run --live --speed inf " + demo,
                                  "run --live --speed 0 " + demo, "serve --speed nan " + demo,
                                  "compare " + demo + " " + demo + " --max-regression-pct nan",
                                  "compare " + demo + " " + demo + " --max-regression-pct -1"}) {
    CliResult bad = run_msgsim(args);
    EXPECT_EQ(bad.exit_code, 2) << args;
    EXPECT_NE(bad.output.find("expected a number"), std::string::npos) << bad.output;
  }
  CliResult missing = run_msgsim("run /nonexistent/scenario.json");
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.output.find("/nonexistent/scenario.json"), std::string::npos) << missing.output;
}

// The largest seed runs as itself (with leading zeros too) and is reported as given;
// leading zeros are decimal.
TEST(Cli, TheLargestSeedRunsAsItself) {
  const std::string out = ::testing::TempDir() + "/largest-seed";
  CliResult result =
      run_msgsim("run " + source_path("scenarios/demo.json") + " --quiet --seed 0018446744073709551615 --out " + out);
  ASSERT_EQ(result.exit_code, 0) << result.output;
  const nlohmann::json report = nlohmann::json::parse(read_file(out + "/report.json"));
  EXPECT_EQ(report["seed"].get<std::uint64_t>(), 18446744073709551615ull);
  // A leading zero is not octal: 010 is ten (seeds and replications alike).
  ASSERT_EQ(run_msgsim("run " + source_path("scenarios/demo.json") + " --quiet --replications 010 --out " + out).exit_code, 0);
  EXPECT_EQ(nlohmann::json::parse(read_file(out + "/report.json"))["replications"].get<int>(), 10);
  ASSERT_EQ(run_msgsim("run " + source_path("scenarios/demo.json") + " --quiet --seed 010 --out " + out).exit_code, 0);
  EXPECT_EQ(nlohmann::json::parse(read_file(out + "/report.json"))["seed"].get<std::uint64_t>(), 10u);
}

// Every shipped scenario validates.
TEST(Cli, ShippedScenariosValidate) {
  for (const auto& entry : std::filesystem::directory_iterator(source_path("scenarios"))) {
    if (entry.path().extension() != ".json" || entry.path().filename() == "scenario.schema.json") continue;
    CliResult result = run_msgsim("validate " + entry.path().string());
    EXPECT_EQ(result.exit_code, 0) << entry.path() << ": " << result.output;
  }
}

// `run` refuses, with exit 2 and the JSON path, a valid scenario using a
// feature not built yet: here web chat into an external queue, which only a
// partner that owns routing would serve.
TEST(Cli, RunRefusesUnsupportedFeaturesByName) {
  const std::string file = source_path("tests/scenarios/fixtures/unsupported-external-queue.json");
  EXPECT_EQ(run_msgsim("validate " + file).exit_code, 0);
  CliResult result = run_msgsim("run " + file + " --out " + fresh_temp_dir("unsupported"));
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.output.find("org.channels[0].fallback_queue"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("model \"external\""), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("not supported yet"), std::string::npos) << result.output;
}

// The demo passes its expectations and writes a report with the contract's keys.
TEST(Cli, DemoPassesAndWritesTheReport) {
  const std::string out = fresh_temp_dir("demo");
  CliResult result = run_msgsim("run " + source_path("scenarios/demo.json") + " --out " + out);
  ASSERT_EQ(result.exit_code, 0) << result.output;
  nlohmann::json report = nlohmann::json::parse(read_file(out + "/report.json"));
  for (const char* key : {"format", "tool", "scenario", "seed", "outcome", "sim", "metrics", "expectations", "replay", "host"}) {
    EXPECT_TRUE(report.contains(key)) << key;
  }
  EXPECT_EQ(report["format"], "msgsim-report/1");
  EXPECT_EQ(report["outcome"], "pass");
  EXPECT_EQ(report["metrics"]["messages"]["lost"], 0);
  EXPECT_GT(report["metrics"]["routing"]["latency_s"]["count"].get<int>(), 700);
  EXPECT_TRUE(report["metrics"]["routing"]["by_channel"].contains("web-store"));
  EXPECT_TRUE(report["metrics"]["routing"]["by_queue"].contains("orders"));
  // Only sections whose oracle applies are present: no channel of the demo handles consent.
  EXPECT_FALSE(report["metrics"].contains("consent"));
  EXPECT_TRUE(report["metrics"].contains("merge"));
}

// A failed expectation exits 1, names the metric, and prints the command that replays the run.
TEST(Cli, FailedExpectationExitsOneWithReplayLine) {
  const std::string out = fresh_temp_dir("failing");
  const std::string file = source_path("tests/scenarios/fixtures/failing-expectation.json");
  CliResult result = run_msgsim("run " + file + " --out " + out);
  EXPECT_EQ(result.exit_code, 1) << result.output;
  EXPECT_NE(result.output.find("routing.latency_s.p95"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("msgsim run " + file + " --seed 5"), std::string::npos) << result.output;
  nlohmann::json report = nlohmann::json::parse(read_file(out + "/report.json"));
  EXPECT_EQ(report["outcome"], "fail");
  EXPECT_EQ(report["replay"], "msgsim run " + file + " --seed 5");
  EXPECT_FALSE(report["expectations"][0]["passed"].get<bool>());
  EXPECT_TRUE(report["expectations"][1]["passed"].get<bool>());
}

// The same scenario and seed give a byte-identical report outside `host`; another seed differs.
TEST(Cli, SameSeedGivesIdenticalReportOutsideHost) {
  const std::string a = fresh_temp_dir("det-a"), b = fresh_temp_dir("det-b"), c = fresh_temp_dir("det-c");
  const std::string demo = source_path("scenarios/demo.json");
  ASSERT_EQ(run_msgsim("run " + demo + " --quiet --out " + a).exit_code, 0);
  ASSERT_EQ(run_msgsim("run " + demo + " --quiet --out " + b).exit_code, 0);
  ASSERT_EQ(run_msgsim("run " + demo + " --quiet --seed 2027 --out " + c).exit_code, 0);
  const std::string text_a = read_file(a + "/report.json");
  const std::string text_b = read_file(b + "/report.json");
  const auto host_at = [](const std::string& text) { return text.find("\"host\""); };
  ASSERT_NE(host_at(text_a), std::string::npos);
  EXPECT_EQ(text_a.substr(0, host_at(text_a)), text_b.substr(0, host_at(text_b)));
  EXPECT_EQ(without_host(text_a), without_host(text_b));
  EXPECT_NE(without_host(text_a)["metrics"], without_host(read_file(c + "/report.json"))["metrics"]);
}

// Replications: merged metrics, per-run summaries with confidence intervals, still deterministic.
TEST(Cli, ReplicationsMergeAndStayDeterministic) {
  const std::string a = fresh_temp_dir("rep-a"), b = fresh_temp_dir("rep-b");
  const std::string demo = source_path("scenarios/demo.json");
  ASSERT_EQ(run_msgsim("run " + demo + " --quiet --replications 3 --out " + a).exit_code, 0);
  ASSERT_EQ(run_msgsim("run " + demo + " --quiet --replications 3 --out " + b).exit_code, 0);
  nlohmann::json report = without_host(read_file(a + "/report.json"));
  EXPECT_EQ(report, without_host(read_file(b + "/report.json")));
  EXPECT_EQ(report["replications"], 3);
  ASSERT_EQ(report["replication_summaries"]["runs"].size(), 3u);
  std::uint64_t arrived = 0;
  for (const auto& run : report["replication_summaries"]["runs"]) arrived += run["customers.arrived"].get<std::uint64_t>();
  EXPECT_EQ(report["metrics"]["customers"]["arrived"].get<std::uint64_t>(), arrived);
  const auto& ci = report["replication_summaries"]["ci95"]["routing.latency_s.mean"];
  EXPECT_LE(ci["ci95_low"].get<double>(), ci["mean"].get<double>());
  EXPECT_GE(ci["ci95_high"].get<double>(), ci["mean"].get<double>());
}

}  // namespace
}  // namespace msgsim::testing
