// The README's "Your first scenario" walkthrough, step by step, on the same
// scenario file: it validates, fails with the reason named, writes the HTML
// report, and compare judges the two runs in both directions.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "tests/scenarios/cli_runner.h"

namespace msgsim::testing {
namespace {

TEST(ReadmeWalkthrough, FirstScenarioFailsThenCompareJudgesTheFix) {
  const std::string dir = fresh_temp_dir("readme-walkthrough");
  const std::string first = source_path("tests/scenarios/fixtures/readme-first-scenario.json");
  std::string five_text = read_file(first);
  const std::size_t count = five_text.find("\"count\": 3");
  ASSERT_NE(count, std::string::npos);
  five_text.replace(count, 10, "\"count\": 5");
  const std::string five = dir + "/my-desk-5.json";
  std::ofstream(five) << five_text;

  EXPECT_EQ(run_msgsim("validate " + first).exit_code, 0);
  const CliResult failed = run_msgsim("run " + first + " --out " + dir + "/first --format json,html");
  EXPECT_EQ(failed.exit_code, 1) << failed.output;
  EXPECT_NE(failed.output.find("FAILED routing.latency_s.p95 = 2525.44"), std::string::npos) << failed.output;
  EXPECT_NE(failed.output.find("replay with: msgsim run"), std::string::npos);
  EXPECT_TRUE(std::filesystem::exists(dir + "/first/report.html"));

  (void)run_msgsim("run " + five + " --out " + dir + "/five --format json,html");
  const CliResult better = run_msgsim("compare " + dir + "/first/report.json " + dir + "/five/report.json");
  EXPECT_EQ(better.exit_code, 0) << better.output;
  const CliResult worse = run_msgsim("compare " + dir + "/five/report.json " + dir + "/first/report.json");
  EXPECT_EQ(worse.exit_code, 1) << worse.output;
  EXPECT_NE(worse.output.find("REGRESSION routing.wait_probability"), std::string::npos) << worse.output;
}

}  // namespace
}  // namespace msgsim::testing
