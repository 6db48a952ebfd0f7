// Scenario tests for `msgsim run --format`: the demo writes every requested
// report next to report.json, and a bad format is refused with exit 2 before
// anything runs. (The streamed trace is tested in people_cli_test.cpp.)
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "tests/scenarios/cli_runner.h"

namespace msgsim::testing {
namespace {

// Every requested format is written for the demo, and the output names the files.
TEST(ReportFormatsCli, DemoWritesEveryRequestedReport) {
  const std::string out = fresh_temp_dir("report-formats");
  CliResult result =
      run_msgsim("run " + source_path("scenarios/demo.json") + " --out " + out + " --format json,junit,html,md,csv");
  // The verdict depends on the simulation; the files must be there either way.
  ASSERT_TRUE(result.exit_code == 0 || result.exit_code == 1) << result.output;
  for (const char* file : {"report.json", "junit.xml", "report.html", "summary.md", "timeseries.csv"}) {
    const std::string path = out + "/" + file;
    ASSERT_TRUE(std::filesystem::exists(path)) << path;
    EXPECT_GT(std::filesystem::file_size(path), 0u) << path;
    EXPECT_NE(result.output.find(file), std::string::npos) << file << " not mentioned:\n" << result.output;
  }
  EXPECT_NE(read_file(out + "/junit.xml").find("<testsuite name=\"demo\""), std::string::npos);
  const std::string verdict = result.exit_code == 0 ? "**Verdict: PASS**" : "**Verdict: FAIL**";
  EXPECT_NE(read_file(out + "/summary.md").find(verdict), std::string::npos);
  EXPECT_EQ(read_file(out + "/timeseries.csv").rfind("minute,t_s,arrivals,", 0), 0u);
  const std::string html = read_file(out + "/report.html");
  EXPECT_NE(html.find("Chart.js v"), std::string::npos);
  EXPECT_EQ(nlohmann::json::parse(read_file(out + "/report.json"))["outcome"], result.exit_code == 0 ? "pass" : "fail");
}

// Without --format only report.json is written.
TEST(ReportFormatsCli, DefaultFormatWritesOnlyReportJson) {
  const std::string out = fresh_temp_dir("report-formats-default");
  CliResult result = run_msgsim("run " + source_path("scenarios/demo.json") + " --out " + out);
  ASSERT_TRUE(result.exit_code == 0 || result.exit_code == 1) << result.output;
  EXPECT_TRUE(std::filesystem::exists(out + "/report.json"));
  EXPECT_FALSE(std::filesystem::exists(out + "/junit.xml"));
  EXPECT_FALSE(std::filesystem::exists(out + "/report.html"));
}

// An unknown format exits 2 naming it and the valid names, before running anything.
TEST(ReportFormatsCli, UnknownFormatExitsTwoBeforeRunning) {
  const std::string out = fresh_temp_dir("report-formats-bad");
  CliResult result = run_msgsim("run " + source_path("scenarios/demo.json") + " --out " + out + " --format nope");
  EXPECT_EQ(result.exit_code, 2) << result.output;
  EXPECT_NE(result.output.find("\"nope\""), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("json, junit, html, md, csv"), std::string::npos) << result.output;
  EXPECT_FALSE(std::filesystem::exists(out + "/report.json"));
}

}  // namespace
}  // namespace msgsim::testing
