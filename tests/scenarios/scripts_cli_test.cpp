// Scenario tests of scripted customers through the built msgsim binary: the
// shipped web-script example passes and is deterministic, and a failing step
// fails the run and is named. (The verify, delete_conversation and block
// actions, once refused here, run: script_actions_cli_test.cpp.)
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "tests/scenarios/cli_runner.h"

namespace msgsim::testing {
namespace {

std::string write_scenario(const std::string& dir, const std::string& text) {
  const std::string path = dir + "/scenario.json";
  std::ofstream(path) << text;
  return path;
}

// A one-channel desk whose script `alice` runs `steps`.
std::string desk_with_script(const std::string& steps, const std::string& extra_channel = "") {
  return R"({"msgsim": 1, "name": "script-desk", "seed": 3, "duration": "30m", "drain": "10m",
  "org": {"queues": [{"id": "support"}],
    "channels": [{"id": "web", "type": "web", "address": "00000000-0000-4000-8000-000000000001",
                  "routing": {"queue": "support"}, "fallback_queue": "support"})" +
         extra_channel + R"(],
    "agents": [{"id": "agent", "queues": ["support"], "permission_sets": ["MessagingUser"],
                "behavior": {"accept_delay": "2s", "reply_delay": "10m"}}]},
  "customers": {"scripts": [{"id": "alice", "steps": [)" +
         steps + R"(]}]}})";
}

nlohmann::json without_host(const std::string& report_text) {
  nlohmann::json report = nlohmann::json::parse(report_text);
  report.erase("host");
  return report;
}

// The shipped web-script example passes every step and reports each in `scripts`.
TEST(ScriptsCli, WebScriptExamplePasses) {
  const std::string out = fresh_temp_dir("web-script");
  CliResult result = run_msgsim("run " + source_path("scenarios/web-script.json") + " --out " + out);
  ASSERT_EQ(result.exit_code, 0) << result.output;
  EXPECT_NE(result.output.find("scripts 1/1 passed"), std::string::npos) << result.output;
  nlohmann::json report = nlohmann::json::parse(read_file(out + "/report.json"));
  ASSERT_EQ(report["scripts"].size(), 1u);
  const nlohmann::json& alice = report["scripts"][0];
  EXPECT_EQ(alice["id"], "alice");
  EXPECT_TRUE(alice["passed"].get<bool>());
  ASSERT_EQ(alice["steps"].size(), 15u);
  for (std::size_t i = 0; i < alice["steps"].size(); ++i) {
    EXPECT_EQ(alice["steps"][i]["index"], i + 1);
    EXPECT_TRUE(alice["steps"][i]["passed"].get<bool>()) << alice["steps"][i]["detail"];
  }
  EXPECT_GT(report["metrics"]["customers"]["arrived"].get<int>(), 50);
}

// The same seed gives a byte-identical web-script report outside `host`, replications included.
TEST(ScriptsCli, WebScriptIsDeterministic) {
  const std::string a = fresh_temp_dir("web-script-a"), b = fresh_temp_dir("web-script-b");
  const std::string file = source_path("scenarios/web-script.json");
  ASSERT_EQ(run_msgsim("run " + file + " --quiet --replications 2 --out " + a).exit_code, 0);
  ASSERT_EQ(run_msgsim("run " + file + " --quiet --replications 2 --out " + b).exit_code, 0);
  const std::string text_a = read_file(a + "/report.json");
  const std::string text_b = read_file(b + "/report.json");
  EXPECT_EQ(text_a.substr(0, text_a.find("\"host\"")), text_b.substr(0, text_b.find("\"host\"")));
  const nlohmann::json report = without_host(text_a);
  EXPECT_EQ(report, without_host(text_b));
  EXPECT_EQ(report["scripts"][0]["failed_replications"], nlohmann::json::array());
}

// A failed step exits 1 and prints the script id, the step index, what was expected and the replay command.
TEST(ScriptsCli, FailedStepExitsOneNamingScriptAndStep) {
  const std::string out = fresh_temp_dir("script-fail");
  const std::string file = write_scenario(out, desk_with_script(
      R"({"at": "1m", "send": {"channel": "web", "text": "Hello"}},
         {"expect": {"routed_within": "1m"}},
         {"expect": {"reply_within": "2m"}})"));
  CliResult result = run_msgsim("run " + file + " --out " + out);
  EXPECT_EQ(result.exit_code, 1) << result.output;
  EXPECT_NE(result.output.find("script alice step 3 FAILED: expected an agent reply within 120 s of the send at "
                               "t=60.0 s; none arrived by t=180.0 s"),
            std::string::npos)
      << result.output;
  EXPECT_NE(result.output.find("scripts 0/1 passed"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("msgsim run " + file + " --seed 3"), std::string::npos) << result.output;
  nlohmann::json report = nlohmann::json::parse(read_file(out + "/report.json"));
  EXPECT_EQ(report["outcome"], "fail");
  const nlohmann::json& steps = report["scripts"][0]["steps"];
  EXPECT_TRUE(steps[1]["passed"].get<bool>());
  EXPECT_EQ(steps[2]["index"], 3);
  EXPECT_FALSE(steps[2]["passed"].get<bool>());
}

}  // namespace
}  // namespace msgsim::testing
