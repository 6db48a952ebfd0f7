// Scenario tests for `msgsim run --format`: the demo writes every requested
// report next to report.json, and a bad format is refused with exit 2 before
// anything runs; personal data in report.json is masked unless --show-pii.
// (The streamed trace is tested in people_cli_test.cpp.)
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "reports/pii_mask.h"
#include "tests/scenarios/cli_runner.h"

namespace msgsim::testing {
namespace {

// The report's free text: consent evidence, script step details, expectation details.
std::vector<std::string> free_texts(const nlohmann::json& report) {
  std::vector<std::string> texts;
  for (const auto& violation : report.value("violations", nlohmann::json::array())) {
    for (const auto& line : violation.value("evidence", nlohmann::json::array())) texts.push_back(line);
  }
  for (const auto& script : report.value("scripts", nlohmann::json::array())) {
    for (const auto& step : script.value("steps", nlohmann::json::array())) texts.push_back(step.value("detail", ""));
  }
  for (const auto& expectation : report.value("expectations", nlohmann::json::array())) {
    texts.push_back(expectation.value("detail", ""));
  }
  return texts;
}

// True iff `text` holds 7 or more digits in one run of digits, '+', '(', ')', '-' and spaces
// (written independently of reports::mask_pii, so the two check each other).
bool has_phone_number(const std::string& text) {
  std::size_t digits = 0;
  for (const char c : text) {
    if (c >= '0' && c <= '9') {
      if (++digits >= 7) return true;
    } else if (c != '+' && c != '(' && c != ')' && c != '-' && c != ' ') {
      digits = 0;
    }
  }
  return false;
}

nlohmann::json run_report(const std::string& scenario, const std::string& out, const std::string& flags) {
  CliResult result = run_msgsim("run " + source_path(scenario) + " --out " + out + " --quiet" + flags);
  EXPECT_TRUE(result.exit_code == 0 || result.exit_code == 1) << result.output;
  return nlohmann::json::parse(read_file(out + "/report.json"));
}

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

// By default report.json holds no unmasked phone number, e-mail or quoted message text; with --show-pii
// the same free text comes back unmasked, so a phone number appears only where the evidence had one.
TEST(ReportFormatsCli, PersonalDataIsMaskedUnlessShowPii) {
  for (const char* scenario : {"scenarios/mixed-day.json", "scenarios/consent-stop.json"}) {
    const std::string name = std::filesystem::path(scenario).stem().string();
    const nlohmann::json masked = run_report(scenario, fresh_temp_dir("pii-masked-" + name), "");
    const nlohmann::json shown = run_report(scenario, fresh_temp_dir("pii-shown-" + name), " --show-pii");
    EXPECT_EQ(masked["metrics"], shown["metrics"]) << scenario;  // numbers are never masked
    const std::vector<std::string> masked_texts = free_texts(masked);
    const std::vector<std::string> shown_texts = free_texts(shown);
    ASSERT_EQ(masked_texts.size(), shown_texts.size()) << scenario;
    for (std::size_t i = 0; i < masked_texts.size(); ++i) {
      EXPECT_FALSE(has_phone_number(masked_texts[i])) << scenario << ": " << masked_texts[i];
      EXPECT_EQ(reports::mask_pii(masked_texts[i]), masked_texts[i]) << scenario << ": left unmasked";
      EXPECT_EQ(reports::mask_pii(shown_texts[i]), masked_texts[i]) << scenario << ": " << shown_texts[i];
    }
  }
}

// consent-stop's script quotes what alice sent: its length only by default, the text with --show-pii.
TEST(ReportFormatsCli, ScriptMessageTextsShowOnlyWithShowPii) {
  const std::string scenario = "scenarios/consent-stop.json";
  const nlohmann::json masked = run_report(scenario, fresh_temp_dir("pii-script-masked"), "");
  const nlohmann::json shown = run_report(scenario, fresh_temp_dir("pii-script-shown"), " --show-pii");
  EXPECT_EQ(masked["scripts"][0]["steps"][0]["detail"], "sent text (19 chars) on sms-us at t=60.0 s");
  EXPECT_EQ(shown["scripts"][0]["steps"][0]["detail"], "sent \"Where is my parcel?\" on sms-us at t=60.0 s");
}

}  // namespace
}  // namespace msgsim::testing
