// The scripted customer's platform actions, step by step: `verify` (a web or
// in-app login whose subject later messages carry, so identity links the
// devices), `delete_conversation` (Apple: the business may not write until
// the customer writes again) and `block` (LINE unfollow: pushes refused until
// the customer writes again). First against a provider double that records
// the calls, then through a whole desk (harness::World) where each action
// reaches the stack only as its fake provider's webhook, with a control run
// without the action showing that the expectation can fail.
#include "fakes/customers/scripted_customer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "sim/runtime/sim_runtime.h"
#include "sim/stack/users/identity.h"
#include "tests/harness/script_desk.h"

namespace msgsim::testing {
namespace {

using ::testing::HasSubstr;
using runtime::Time;

// A provider double whose app has every action; it records each call.
class ActionRecorder final : public fakes::ProviderFake {
 public:
  explicit ActionRecorder(fakes::GroundTruth& truth) : truth_(truth) {}
  void customer_send(fakes::PersonId person, stack::CustomerHandle, std::string) override {
    (void)truth_.record_message(person, stack::ChannelId(0), Time::zero());
  }
  void customer_end(stack::CustomerHandle) override {}
  void use_webhook_target(fakes::WebhookTarget&) override {}
  bool customer_login(stack::CustomerHandle from, const std::string& subject) override {
    calls.push_back("login " + std::to_string(from.value) + " " + subject);
    return true;
  }
  bool customer_delete_conversation(stack::CustomerHandle from) override {
    calls.push_back("delete " + std::to_string(from.value));
    return true;
  }
  bool customer_block(stack::CustomerHandle from) override {
    calls.push_back("block " + std::to_string(from.value));
    return true;
  }
  std::uint64_t rejected_webhooks() const override { return 0; }
  std::uint64_t in_flight() const override { return 0; }
  stack::SendOutcome send(const stack::OutboundRequest&) override { return stack::SendOutcome{true, 0}; }
  void agent_joined(stack::ChannelId, stack::CustomerHandle) override {}

  std::vector<std::string> calls;

 private:
  fakes::GroundTruth& truth_;
};

struct Bench {
  runtime::SimRuntime runtime{1};
  fakes::GroundTruth truth;
  ActionRecorder app{truth};
  std::vector<fakes::ProviderFake*> providers{&app};
  fakes::ScriptedCustomer bob{runtime, truth, 0, providers};
  const stack::ChannelId channel{0};
};

// verify logs in the device the customer uses there, making its handle first when the customer never wrote.
TEST(ScriptedCustomerActions, VerifyLogsInTheCurrentDevice) {
  Bench bench;
  bench.bob.verify(bench.channel, "script-bob");
  ASSERT_TRUE(bench.bob.handle_on(bench.channel).has_value());
  const std::uint64_t first = bench.bob.handle_on(bench.channel)->value;
  (void)bench.bob.send(bench.channel, "Hello");
  EXPECT_EQ(bench.bob.handle_on(bench.channel)->value, first);
  bench.bob.clear_device(bench.channel);
  bench.bob.verify(bench.channel, "script-bob");
  const std::uint64_t second = bench.bob.handle_on(bench.channel)->value;
  EXPECT_NE(first, second);
  EXPECT_EQ(bench.app.calls, (std::vector<std::string>{"login " + std::to_string(first) + " script-bob",
                                                      "login " + std::to_string(second) + " script-bob"}));
}

// delete_conversation and block need a conversation: before the first message they do nothing and say so.
TEST(ScriptedCustomerActions, DeleteAndBlockNeedAConversation) {
  Bench bench;
  EXPECT_FALSE(bench.bob.delete_conversation(bench.channel));
  EXPECT_FALSE(bench.bob.block(bench.channel));
  EXPECT_TRUE(bench.app.calls.empty());
  (void)bench.bob.send(bench.channel, "Hello");
  const std::string handle = std::to_string(bench.bob.handle_on(bench.channel)->value);
  EXPECT_TRUE(bench.bob.delete_conversation(bench.channel));
  EXPECT_TRUE(bench.bob.block(bench.channel));
  EXPECT_EQ(bench.app.calls, (std::vector<std::string>{"delete " + handle, "block " + handle}));
}

// --- Through the stack. ---------------------------------------------------

// A desk with web, in-app, Apple and LINE channels into one queue; one agent
// accepts after 2 s and answers each customer message after `reply_delay`.
std::string platform_desk(const std::string& steps, const std::string& policy, const std::string& reply_delay) {
  return R"({"msgsim": 1, "name": "platform-desk", "duration": "1h", "drain": "10m",
  "org": {"identity": {"policy": ")" + policy + R"("}, "queues": [{"id": "support"}],
    "channels": [
      {"id": "web", "type": "web", "address": "00000000-0000-4000-8000-000000000001",
       "routing": {"queue": "support"}, "fallback_queue": "support"},
      {"id": "app", "type": "in_app", "address": "00000000-0000-4000-8000-000000000002",
       "routing": {"queue": "support"}, "fallback_queue": "support"},
      {"id": "apple", "type": "apple", "address": "00000000-0000-4000-8000-0000000000a1",
       "routing": {"queue": "support"}, "fallback_queue": "support"},
      {"id": "line", "type": "line", "address": "U1234567890abcdef1234567890abcdef",
       "routing": {"queue": "support"}, "fallback_queue": "support"}],
    "agents": [{"id": "agent", "count": 2, "queues": ["support"], "capacity": 2,
      "permission_sets": ["MessagingUser"],
      "behavior": {"accept_delay": "2s", "reply_delay": ")" + reply_delay + R"(", "handle_time": "40m"}}]},
  "providers": {"*": {"latency": "500ms"}},
  "customers": {"scripts": [{"id": "alice", "steps": [)" + steps + R"(]}]}})";
}

// Counts the trace events a test looks at.
struct TraceCounts final : stack::TraceSink {
  int verified_links = 0;     // kContactLinked because of a verified subject
  int refused = 0;            // kOutboundRefused
  void on_trace(const stack::TraceEvent& event) override {
    if (event.kind == stack::TraceKind::kContactLinked &&
        event.detail == static_cast<std::uint8_t>(stack::LinkCause::kVerifiedSubject)) {
      ++verified_links;
    }
    if (event.kind == stack::TraceKind::kOutboundRefused) ++refused;
  }
};

struct DeskRun {
  harness::ScriptResult result;
  TraceCounts trace;
};

DeskRun run_desk(const std::string& steps, const std::string& policy = "verified",
                 const std::string& reply_delay = "2m") {
  DeskRun run;
  const harness::Scenario scenario = load_supported(platform_desk(steps, policy, reply_delay));
  if (scenario.customers.scripts.empty()) return run;
  harness::World world(scenario, 1, &run.trace);
  (void)world.run();
  EXPECT_EQ(world.script_results().size(), 1u);
  if (!world.script_results().empty()) run.result = world.script_results().front();
  return run;
}

// Logged in on the web and then in the app, the two devices' users share a contact, even under the strict policy.
TEST(ScriptedCustomerActions, VerifyOnTwoDevicesLinksThem) {
  const DeskRun run = run_desk(
      R"({"at": "1m", "verify": {"channel": "web"}},
         {"send": {"channel": "web", "text": "Hello from my laptop"}},
         {"expect": {"routed_within": "1m"}},
         {"at": "5m", "verify": {"channel": "app"}},
         {"send": {"channel": "app", "text": "Hello from my phone"}},
         {"expect": {"linked": ["web", "app"], "within": "30s"}})",
      "strict");
  EXPECT_TRUE(run.result.passed);
  EXPECT_EQ(step(run.result, 1).detail,
            "logged in on web as verified user script-alice at t=60.0 s; later messages there carry that subject");
  EXPECT_TRUE(step(run.result, 6).passed) << step(run.result, 6).detail;
  EXPECT_THAT(step(run.result, 6).detail, HasSubstr("the users on web, app share contact"));
  // Both users joined the contact because of the subject, the only link strict allows.
  EXPECT_EQ(run.trace.verified_links, 2);
}

// Without logging in on the second device, the app user is a guest: nothing links it to the web user.
TEST(ScriptedCustomerActions, WithoutVerifyTheSecondDeviceStaysAGuest) {
  const DeskRun run = run_desk(
      R"({"at": "1m", "verify": {"channel": "web"}},
         {"send": {"channel": "web", "text": "Hello from my laptop"}},
         {"at": "5m", "send": {"channel": "app", "text": "Hello from my phone"}},
         {"expect": {"linked": ["web", "app"], "within": "30s"}})");
  EXPECT_FALSE(step(run.result, 4).passed);
  EXPECT_THAT(step(run.result, 4).detail,
              HasSubstr("linked within 30 s; the messaging user on web has no contact at t=330.0 s"));
  EXPECT_EQ(run.trace.verified_links, 0);
}

// Clearing the browser logs the customer out: the fresh browser's user is not linked to the app user.
TEST(ScriptedCustomerActions, ClearingTheBrowserLogsOut) {
  const DeskRun run = run_desk(
      R"({"at": "1m", "verify": {"channel": "web"}},
         {"send": {"channel": "web", "text": "Hello"}},
         {"at": "3m", "verify": {"channel": "app"}},
         {"send": {"channel": "app", "text": "Hello from my phone"}},
         {"expect": {"linked": ["web", "app"], "within": "30s"}},
         {"at": "10m", "clear_device": {"channel": "web"}},
         {"send": {"channel": "web", "text": "Hello from a fresh browser"}},
         {"expect": {"linked": ["web", "app"], "within": "30s"}})");
  EXPECT_TRUE(step(run.result, 5).passed) << step(run.result, 5).detail;
  EXPECT_FALSE(step(run.result, 8).passed);
  EXPECT_THAT(step(run.result, 8).detail, HasSubstr("the messaging user on web has no contact"));
}

// Apple: after the customer deletes the conversation the agent's reply is refused by the stack and nothing
// reaches the device; once the customer writes again the agent's next reply arrives.
TEST(ScriptedCustomerActions, DeletedConversationRefusesTheBusinessUntilTheCustomerWrites) {
  const std::string steps = R"({"at": "1m", "send": {"channel": "apple", "text": "Where is my order?"}},
         {"expect": {"routed_within": "1m"}},
         {"after": "10s", DELETE},
         {"expect": {"no_outbound": {"channel": "apple", "for": "5m"}}},
         {"send": {"channel": "apple", "text": "Still there?"}},
         {"expect": {"received": {"channel": "apple", "matching": ".", "within": "3m"}}})";
  auto with = [&steps](const std::string& action) {
    std::string text = steps;
    text.replace(text.find("DELETE"), 6, action);
    return text;
  };
  const DeskRun deleted = run_desk(with(R"("delete_conversation": {"channel": "apple"})"));
  EXPECT_TRUE(deleted.result.passed);
  EXPECT_EQ(step(deleted.result, 3).detail,
            "deleted the conversation on apple at t=70.0 s; the business may not write until the customer writes "
            "again");
  EXPECT_TRUE(step(deleted.result, 4).passed) << step(deleted.result, 4).detail;
  EXPECT_TRUE(step(deleted.result, 6).passed) << step(deleted.result, 6).detail;
  EXPECT_EQ(deleted.trace.refused, 1);  // the stack, not the provider, refused the reply

  // Control: the same script with the customer only waiting, and the reply reaches them.
  const DeskRun kept = run_desk(with(R"("expect": {"session_status": {"channel": "apple", "in": ["Active"]}})"));
  EXPECT_FALSE(step(kept.result, 4).passed);
  EXPECT_THAT(step(kept.result, 4).detail, HasSubstr("arrived at"));
  EXPECT_EQ(kept.trace.refused, 0);
}

// LINE: after the customer blocks the account the agent's push is refused; writing again follows the account
// again and the next reply arrives.
TEST(ScriptedCustomerActions, BlockedAccountRefusesPushesUntilTheCustomerWrites) {
  const std::string steps = R"({"at": "1m", "send": {"channel": "line", "text": "Hi"}},
         {"expect": {"routed_within": "1m"}},
         {"after": "10s", BLOCK},
         {"expect": {"no_outbound": {"channel": "line", "for": "5m"}}},
         {"send": {"channel": "line", "text": "Unblocked you, sorry"}},
         {"expect": {"received": {"channel": "line", "matching": ".", "within": "3m"}}})";
  auto with = [&steps](const std::string& action) {
    std::string text = steps;
    text.replace(text.find("BLOCK"), 5, action);
    return text;
  };
  const DeskRun blocked = run_desk(with(R"("block": {"channel": "line"})"));
  EXPECT_TRUE(blocked.result.passed);
  EXPECT_EQ(step(blocked.result, 3).detail,
            "blocked the account on line (unfollow) at t=70.0 s; pushes are refused until the customer writes "
            "there again");
  EXPECT_TRUE(step(blocked.result, 4).passed) << step(blocked.result, 4).detail;
  EXPECT_TRUE(step(blocked.result, 6).passed) << step(blocked.result, 6).detail;
  EXPECT_EQ(blocked.trace.refused, 1);

  // Control: without the block the agent's reply, a push after the reply token expired, arrives.
  const DeskRun following = run_desk(with(R"("expect": {"session_status": {"channel": "line", "in": ["Active"]}})"));
  EXPECT_FALSE(step(following.result, 4).passed);
  EXPECT_EQ(following.trace.refused, 0);
}

// Deleting or blocking before ever writing fails the step, naming what was expected and when.
TEST(ScriptedCustomerActions, DeleteOrBlockWithoutAConversationFails) {
  const DeskRun run = run_desk(
      R"({"at": "1m", "delete_conversation": {"channel": "apple"}},
         {"after": "30s", "block": {"channel": "line"}},
         {"send": {"channel": "line", "text": "Hi"}})");
  EXPECT_FALSE(run.result.passed);
  EXPECT_FALSE(step(run.result, 1).passed);
  EXPECT_EQ(step(run.result, 1).detail,
            "expected a conversation on apple to delete at t=60.0 s, but the customer never wrote there");
  EXPECT_FALSE(step(run.result, 2).passed);
  EXPECT_EQ(step(run.result, 2).detail,
            "expected an account on line to block at t=90.0 s, but the customer never wrote there, so never "
            "added it");
  EXPECT_TRUE(step(run.result, 3).passed);
}

}  // namespace
}  // namespace msgsim::testing
