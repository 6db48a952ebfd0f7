// The script checker: every kind of `expect` check passing and failing on a
// small web desk run through harness::World, with details that name what was
// expected and what happened in simulated times; the steps' timeline; steps
// left open when the run ends; scripts in every replication.
#include "sim/harness/script_checker.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "sim/harness/runner.h"
#include "tests/harness/script_desk.h"

namespace msgsim::testing {
namespace {

using ::testing::HasSubstr;

constexpr const char* kSendAt1m = R"({"at": "1m", "send": {"channel": "web", "text": "Where is my order?"}})";

std::string with_send(const std::string& more_steps) { return std::string(kSendAt1m) + ", " + more_steps; }

// An agent accepting 2.5 s after the send passes routed_within and says who and when.
TEST(ScriptChecker, RoutedWithinPassesWhenAnAgentAcceptsInTime) {
  const harness::ScriptResult result = run_alice(with_send(R"({"expect": {"routed_within": "1m"}})"));
  EXPECT_EQ(result.id, "alice");
  EXPECT_TRUE(result.passed);
  EXPECT_TRUE(step(result, 2).passed);
  EXPECT_EQ(step(result, 2).detail, "routed to agent after 2.5 s (sent t=60.0 s, accepted t=62.5 s)");
}

// Nobody accepting within the window fails at the deadline, naming the send, the window and the status.
TEST(ScriptChecker, RoutedWithinFailsAtItsDeadline) {
  Desk slow;
  slow.accept_delay = "2m";
  const harness::ScriptResult result = run_alice(with_send(R"({"expect": {"routed_within": "1m"}})"), slow);
  EXPECT_FALSE(result.passed);
  const harness::ScriptStepResult failed = step(result, 2);
  EXPECT_FALSE(failed.passed);
  EXPECT_EQ(failed.index, 2);
  EXPECT_EQ(failed.detail,
            "expected routing within 60 s of the send at t=60.0 s; no agent had accepted its session (Waiting) by "
            "t=120.0 s");
}

// A script that never sent cannot be routed: routed_within fails at once and says so.
TEST(ScriptChecker, RoutedWithinWithoutASendFails) {
  const harness::ScriptResult result = run_alice(R"({"at": "1m", "expect": {"routed_within": "1m"}})");
  EXPECT_FALSE(step(result, 1).passed);
  EXPECT_THAT(step(result, 1).detail, HasSubstr("the script sent nothing before this step"));
}

// reply_within waits for an agent's message; the earlier auto-response does not count.
TEST(ScriptChecker, ReplyWithinPassesOnTheAgentsMessage) {
  const harness::ScriptResult result = run_alice(with_send(R"({"expect": {"reply_within": "1m"}})"));
  EXPECT_TRUE(step(result, 2).passed) << step(result, 2).detail;
  EXPECT_EQ(step(result, 2).detail, "reply from agent after 13.0 s (t=73.0 s)");
}

// Only an auto-response within the window fails reply_within, with the window and what did arrive.
TEST(ScriptChecker, ReplyWithinFailsWhenOnlyAutomationAnswered) {
  Desk slow;
  slow.reply_delay = "10m";
  const harness::ScriptResult result = run_alice(with_send(R"({"expect": {"reply_within": "1m"}})"), slow);
  EXPECT_FALSE(step(result, 2).passed);
  EXPECT_EQ(step(result, 2).detail,
            "expected an agent reply within 60 s of the send at t=60.0 s; none arrived by t=120.0 s "
            "(1 automated message(s) did)");
}

// received matches anywhere in the text, and "(?i)" ignores case.
TEST(ScriptChecker, ReceivedMatchesIgnoringCase) {
  const harness::ScriptResult result = run_alice(with_send(
      R"({"expect": {"received": {"channel": "web", "matching": "(?i)AN AGENT WILL", "within": "30s"}}},
         {"expect": {"received": {"channel": "web", "matching": "Happy", "within": "1m"}}})"));
  EXPECT_TRUE(result.passed);
  EXPECT_EQ(step(result, 2).detail,
            "received \"Thanks, an agent will be with you shortly.\" on web after 1.0 s (t=61.0 s)");
  EXPECT_EQ(step(result, 3).detail, "received \"Happy to help!\" on web after 13.0 s (t=73.0 s)");
}

// A pattern nothing matched fails, naming the pattern, the window and the last message that did arrive.
TEST(ScriptChecker, ReceivedFailsNamingWhatArrivedInstead) {
  const harness::ScriptResult result = run_alice(
      with_send(R"({"expect": {"received": {"channel": "web", "matching": "refund", "within": "30s"}}})"));
  EXPECT_FALSE(step(result, 2).passed);
  EXPECT_EQ(step(result, 2).detail,
            "expected a message on web matching \"refund\" within 30 s of t=60.0 s; none by t=90.0 s (2 other "
            "message(s), the last \"Happy to help!\" at t=73.0 s)");
}

// A message on another channel does not satisfy received.
TEST(ScriptChecker, ReceivedIgnoresOtherChannels) {
  const harness::ScriptResult result = run_alice(
      with_send(R"({"expect": {"received": {"channel": "web-2", "matching": "Thanks", "within": "30s"}}})"));
  EXPECT_FALSE(step(result, 2).passed);
  EXPECT_THAT(step(result, 2).detail, HasSubstr("expected a message on web-2"));
}

// A quiet channel passes no_outbound when its window closes.
TEST(ScriptChecker, NoOutboundPassesWhenNothingArrives) {
  const harness::ScriptResult result =
      run_alice(with_send(R"({"at": "10m", "expect": {"no_outbound": {"channel": "web", "for": "20m"}}})"));
  EXPECT_TRUE(step(result, 2).passed) << step(result, 2).detail;
  EXPECT_EQ(step(result, 2).detail, "nothing delivered on web from t=600.0 s to t=1800.0 s");
}

// The first delivery inside the window fails no_outbound at once, naming the message and its time.
TEST(ScriptChecker, NoOutboundFailsAtTheFirstDelivery) {
  const harness::ScriptResult result =
      run_alice(with_send(R"({"expect": {"no_outbound": {"channel": "web", "for": "10m"}}})"));
  EXPECT_FALSE(step(result, 2).passed);
  EXPECT_EQ(step(result, 2).detail,
            "expected nothing delivered on web for 600 s from t=60.0 s; \"Thanks, an agent will be with you "
            "shortly.\" arrived at t=61.0 s");
}

// With one agent, the session after a return lands with the same agent: same_agent passes.
TEST(ScriptChecker, SameAgentPassesWhenOneAgentServesBothSessions) {
  Desk desk;
  desk.handle_time = "1m";
  const harness::ScriptResult result = run_alice(with_send(
      R"({"at": "10m", "send": {"channel": "web", "text": "Me again"}},
         {"expect": {"same_agent": true, "within": "1m"}})"),
      desk);
  EXPECT_TRUE(step(result, 3).passed) << step(result, 3).detail;
  EXPECT_EQ(step(result, 3).detail,
            "same agent: the session created at t=60.5 s had agent, the latest (created at t=600.5 s) has agent");
}

// A new conversation taken by another agent fails same_agent true (and passes same_agent false).
TEST(ScriptChecker, SameAgentFailsWhenAnotherAgentTookTheNewSession) {
  Desk desk;
  desk.agents = 2;
  desk.handle_time = "1h";
  const std::string steps = with_send(
      R"({"at": "5m", "clear_device": {"channel": "web"}},
         {"send": {"channel": "web", "text": "New browser"}},
         {"expect": {"same_agent": true, "within": "1m"}},
         {"expect": {"same_agent": false}})");
  const harness::ScriptResult result = run_alice(steps, desk);
  EXPECT_FALSE(step(result, 4).passed);
  EXPECT_THAT(step(result, 4).detail, HasSubstr("expected the same agent as before within 60 s; the session "
                                                "created at t=60.5 s had agent-"));
  EXPECT_TRUE(step(result, 5).passed) << step(result, 5).detail;
  EXPECT_THAT(step(result, 5).detail, HasSubstr("different agents: "));
}

// With a single session there is no earlier agent to compare with: same_agent fails.
TEST(ScriptChecker, SameAgentFailsWithOnlyOneSession) {
  const harness::ScriptResult result = run_alice(with_send(R"({"expect": {"same_agent": true, "within": "1m"}})"));
  EXPECT_FALSE(step(result, 2).passed);
  EXPECT_EQ(step(result, 2).detail,
            "expected the same agent as before within 60 s; by t=120.0 s the customer had 1 session(s), no earlier "
            "one accepted by an agent");
}

// session_status reads the current session's status at the step's start.
TEST(ScriptChecker, SessionStatusPassesAndFailsOnTheStatusThen) {
  const harness::ScriptResult result = run_alice(with_send(
      R"({"at": "2m", "expect": {"session_status": {"channel": "web", "in": ["Active"]}}},
         {"expect": {"session_status": {"channel": "web", "in": ["Ended", "Inactive"]}}},
         {"at": "10m", "expect": {"session_status": {"channel": "web", "in": ["Ended"]}}})"));
  EXPECT_TRUE(step(result, 2).passed);
  EXPECT_EQ(step(result, 2).detail, "the session on web is Active since t=62.5 s");
  EXPECT_FALSE(step(result, 3).passed);
  EXPECT_EQ(step(result, 3).detail,
            "expected the session on web to be Ended or Inactive at t=120.0 s; it is Active since t=62.5 s");
  EXPECT_TRUE(step(result, 4).passed) << step(result, 4).detail;
}

// A channel the customer never wrote on has no session: session_status fails and says so.
TEST(ScriptChecker, SessionStatusFailsWithoutASession) {
  const harness::ScriptResult result =
      run_alice(with_send(R"({"expect": {"session_status": {"channel": "web-2", "in": ["Active"]}}})"));
  EXPECT_FALSE(step(result, 2).passed);
  EXPECT_THAT(step(result, 2).detail, HasSubstr("the customer has no session there (never wrote on it)"));
}

// Several checks in one step are named in its detail; the step fails when any of them does.
TEST(ScriptChecker, CombinedChecksNameEachPart) {
  const harness::ScriptResult result =
      run_alice(with_send(R"({"expect": {"routed_within": "1m", "reply_within": "5s"}})"));
  EXPECT_FALSE(step(result, 2).passed);
  EXPECT_THAT(step(result, 2).detail, HasSubstr("routed_within: routed to agent after 2.5 s"));
  EXPECT_THAT(step(result, 2).detail, HasSubstr("reply_within: expected an agent reply within 5 s"));
}

// `after` counts from the previous step's scheduled time; a step never starts before the previous one finished.
TEST(ScriptChecker, AfterCountsFromThePreviousScheduledTime) {
  const harness::ScriptResult result = run_alice(with_send(
      R"({"expect": {"reply_within": "1m"}},
         {"after": "30s", "send": {"channel": "web", "text": "Thanks"}},
         {"expect": {"reply_within": "1m"}},
         {"after": "5s", "send": {"channel": "web", "text": "Bye"}})"));
  EXPECT_TRUE(result.passed);
  // Step 2 started at 60 s (right after the send) and finished at 73 s; step 3 is due at 60 + 30 s.
  EXPECT_EQ(step(result, 3).detail, "sent \"Thanks\" on web at t=90.0 s");
  // Step 4 started at 90 s and waited for the reply; step 5 was due at 95 s, so it ran late.
  EXPECT_THAT(step(result, 5).detail, HasSubstr("(scheduled for t=95.0 s; started when the previous step finished)"));
}

// A failed step does not stop the script: later steps still run.
TEST(ScriptChecker, AFailedStepDoesNotStopTheScript) {
  const harness::ScriptResult result = run_alice(with_send(
      R"({"expect": {"reply_within": "1s"}}, {"at": "5m", "send": {"channel": "web", "text": "Hello?"}})"));
  EXPECT_FALSE(result.passed);
  EXPECT_FALSE(step(result, 2).passed);
  EXPECT_TRUE(step(result, 3).passed);
  EXPECT_EQ(step(result, 3).detail, "sent \"Hello?\" on web at t=300.0 s");
}

// Checks still open and steps not reached when the run ends fail, naming the end of the run.
TEST(ScriptChecker, WhatTheRunNeverReachedFails) {
  const harness::ScriptResult result = run_alice(with_send(
      R"({"at": "1h", "expect": {"no_outbound": {"channel": "web", "for": "1h"}}},
         {"at": "3h", "send": {"channel": "web", "text": "Too late"}})"));
  EXPECT_FALSE(result.passed);
  EXPECT_EQ(step(result, 2).detail,
            "still waiting when the run ended at t=4200.0 s, before its deadline t=7200.0 s");
  EXPECT_EQ(step(result, 3).detail, "not reached: the run ended at t=4200.0 s (it was scheduled for t=10800.0 s)");
}

// Scripts run in every replication, each judged on its own run.
TEST(ScriptChecker, ScriptsRunInEveryReplication) {
  const harness::Scenario scenario = load_supported(desk_scenario(with_send(R"({"expect": {"routed_within": "1m"}})")));
  harness::RunOptions options;
  options.replications = 3;
  const harness::RunOutcome outcome = harness::run_scenario(scenario, options);
  ASSERT_EQ(outcome.runs.size(), 3u);
  for (const harness::ReplicationRun& run : outcome.runs) {
    ASSERT_EQ(run.scripts.size(), 1u);
    EXPECT_EQ(run.scripts[0].steps.size(), 2u);
    EXPECT_TRUE(run.scripts[0].passed);
  }
  EXPECT_TRUE(harness::scripts_passed(outcome));
}

}  // namespace
}  // namespace msgsim::testing
