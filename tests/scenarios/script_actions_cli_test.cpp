// Scenario tests of the script actions verify, delete_conversation and block
// through the built msgsim binary: each fixture runs (exit 0) with an
// `expect` after the action that shows its effect (linked sessions, nothing
// delivered, a reply after the customer writes again), and the same fixture
// without the action, or with the action where it cannot work, fails the run
// naming the script, the step, what was expected and the simulated times.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "tests/scenarios/cli_runner.h"

namespace msgsim::testing {
namespace {

using Json = nlohmann::json;

std::string fixture(const std::string& name) { return source_path("tests/scenarios/fixtures/" + name); }

// The fixture's text with `from` replaced by `to` (which must occur once), written to DIR/scenario.json.
std::string variant(const std::string& dir, const std::string& name, const std::string& from, const std::string& to) {
  std::string text = read_file(fixture(name));
  const std::size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  const std::string path = dir + "/scenario.json";
  std::ofstream(path) << text;
  return path;
}

// Runs `file` into a fresh folder; returns the exit code, the output and the report.
struct CliRun {
  CliResult cli;
  Json report;
};
CliRun run_to(const std::string& file, const std::string& out) {
  CliRun result;
  result.cli = run_msgsim("run " + file + " --out " + out);
  result.report = Json::parse(read_file(out + "/report.json"), nullptr, false);
  return result;
}

const Json& step_of(const Json& report, std::size_t index) { return report["scripts"][0]["steps"][index - 1]; }

void expect_all_steps_pass(const Json& report) {
  ASSERT_TRUE(report.is_object());
  for (const Json& each : report["scripts"][0]["steps"]) {
    EXPECT_TRUE(each["passed"].get<bool>()) << each["index"] << ": " << each["detail"];
  }
}

// verify on the web and then on the app: the linked expectation after it passes, by the verified subject only.
TEST(ScriptActionsCli, VerifyOnTwoDevicesLinksTheirSessions) {
  const std::string out = fresh_temp_dir("script-verify");
  const CliRun result = run_to(fixture("script-verify.json"), out);
  ASSERT_EQ(result.cli.exit_code, 0) << result.cli.output;
  expect_all_steps_pass(result.report);
  EXPECT_EQ(step_of(result.report, 1)["detail"],
            "logged in on web as verified user script-alice at t=60.0 s; later messages there carry that subject");
  EXPECT_NE(step_of(result.report, 6)["detail"].get<std::string>().find("the users on web, app share contact"),
            std::string::npos);
  EXPECT_EQ(result.report["metrics"]["merge"]["correct_pairs"], 1);
}

// Without verify on the app the devices stay apart: the linked step fails and the run exits 1, naming it.
TEST(ScriptActionsCli, WithoutVerifyTheLinkedStepFails) {
  const std::string out = fresh_temp_dir("script-verify-missing");
  const std::string file =
      variant(out, "script-verify.json", R"({"at": "5m", "verify": {"channel": "app"}},)",
              R"({"at": "5m", "expect": {"session_status": {"channel": "web", "in": ["Active"]}}},)");
  const CliRun result = run_to(file, out);
  EXPECT_EQ(result.cli.exit_code, 1) << result.cli.output;
  EXPECT_NE(result.cli.output.find("script alice step 6 FAILED: expected the users on web linked within 60 s; the "
                                   "messaging user on web has no contact at t=360.0 s"),
            std::string::npos)
      << result.cli.output;
  EXPECT_NE(result.cli.output.find("msgsim run " + file + " --seed 11"), std::string::npos) << result.cli.output;
}

// delete_conversation: the agent's reply is not delivered (no_outbound holds for 5 minutes); after the customer
// writes again a reply arrives.
TEST(ScriptActionsCli, DeletedConversationGetsNothingUntilTheCustomerWrites) {
  const std::string out = fresh_temp_dir("script-delete");
  const CliRun result = run_to(fixture("script-delete-conversation.json"), out);
  ASSERT_EQ(result.cli.exit_code, 0) << result.cli.output;
  expect_all_steps_pass(result.report);
  EXPECT_EQ(step_of(result.report, 3)["detail"],
            "deleted the conversation on apple at t=70.0 s; the business may not write until the customer writes "
            "again");
}

// Without the deletion the agent's reply reaches the customer, so the no_outbound step fails with its time.
TEST(ScriptActionsCli, WithoutDeletionTheReplyArrives) {
  const std::string out = fresh_temp_dir("script-delete-missing");
  const std::string file = variant(out, "script-delete-conversation.json",
                                   R"("delete_conversation": {"channel": "apple"})",
                                   R"("expect": {"session_status": {"channel": "apple", "in": ["Active"]}})");
  const CliRun result = run_to(file, out);
  EXPECT_EQ(result.cli.exit_code, 1) << result.cli.output;
  EXPECT_NE(result.cli.output.find("script alice step 4 FAILED:"), std::string::npos) << result.cli.output;
  EXPECT_NE(step_of(result.report, 4)["detail"].get<std::string>().find("arrived at t="), std::string::npos)
      << step_of(result.report, 4)["detail"];
}

// Deleting before the customer ever wrote fails that step with what was expected and when.
TEST(ScriptActionsCli, DeletingBeforeWritingFailsTheStep) {
  const std::string out = fresh_temp_dir("script-delete-early");
  const std::string file = variant(out, "script-delete-conversation.json",
                                   R"({"at": "1m", "send": {"channel": "apple", "text": "Where is my order?"}},)",
                                   R"({"at": "1m", "delete_conversation": {"channel": "apple"}},)");
  const CliRun result = run_to(file, out);
  EXPECT_EQ(result.cli.exit_code, 1) << result.cli.output;
  EXPECT_NE(result.cli.output.find("script alice step 1 FAILED: expected a conversation on apple to delete at "
                                   "t=60.0 s, but the customer never wrote there"),
            std::string::npos)
      << result.cli.output;
}

// block: the agent's push is refused while blocked; writing again follows the account and the reply arrives.
TEST(ScriptActionsCli, BlockedAccountGetsNothingUntilTheCustomerWrites) {
  const std::string out = fresh_temp_dir("script-block");
  const CliRun result = run_to(fixture("script-block.json"), out);
  ASSERT_EQ(result.cli.exit_code, 0) << result.cli.output;
  expect_all_steps_pass(result.report);
  EXPECT_EQ(step_of(result.report, 3)["detail"],
            "blocked the account on line (unfollow) at t=70.0 s; pushes are refused until the customer writes there "
            "again");
}

// Without the block the agent's push arrives, so the no_outbound step fails.
TEST(ScriptActionsCli, WithoutBlockThePushArrives) {
  const std::string out = fresh_temp_dir("script-block-missing");
  const std::string file = variant(out, "script-block.json", R"("block": {"channel": "line"})",
                                   R"("expect": {"session_status": {"channel": "line", "in": ["Active"]}})");
  const CliRun result = run_to(file, out);
  EXPECT_EQ(result.cli.exit_code, 1) << result.cli.output;
  EXPECT_NE(result.cli.output.find("script alice step 4 FAILED:"), std::string::npos) << result.cli.output;
}

}  // namespace
}  // namespace msgsim::testing
