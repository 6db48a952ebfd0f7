#include "fakes/agents/fake_agent.h"

#include <gtest/gtest.h>

#include <optional>

#include "sim/runtime/sim_runtime.h"
#include "tests/stack/stack_fixture.h"

namespace msgsim::fakes {
namespace {

using runtime::Distribution;
using runtime::Duration;
using stack::TraceKind;

// One web desk and one simulated agent who accepts at once, answers after
// 10 s and would end the session only after an hour.
class FakeAgentTest : public ::testing::Test {
 protected:
  FakeAgentTest() {
    stack.tracer().subscribe(&trace);
    stack::ChannelSettings channel;
    channel.id = "web";
    channel.type = stack::ChannelType::kWeb;
    desk = stack::testing::add_desk(stack, channel, provider, nobody);
  }

  FakeAgent& agent_with(std::optional<Distribution> end_when_silent) {
    AgentBehaviorSpec behavior;
    behavior.reply_delay = Distribution::constant(10.0);
    behavior.handle_time = Distribution::constant(3600.0);
    behavior.end_when_silent = std::move(end_when_silent);
    agent.emplace(runtime, stack.console(), desk.agent, "a", std::move(behavior));
    return *agent;
  }
  void customer_writes(std::uint64_t id, std::string_view text) {
    ASSERT_TRUE(stack.receive_webhook(stack::InboundWebhook{desk.channel, stack::CustomerHandle{7},
                                                            stack::ProviderMessageId{id}, std::string(text),
                                                            runtime.now()})
                    .is_ok());
  }
  void run_until_s(double seconds) { runtime.run_until(runtime::Time::zero() + Duration::from_seconds(seconds)); }

  runtime::SimRuntime runtime{1};
  stack::Stack stack{runtime};
  stack::testing::RecordingProvider provider;
  stack::testing::OfferRecorder nobody;
  stack::testing::TraceRecorder trace;
  stack::testing::Desk desk;
  std::optional<FakeAgent> agent;
};

TEST_F(FakeAgentTest, ACustomerSilentAfterTheReplyIsEndedWhenTheAgentStopsWaiting) {
  FakeAgent& a = agent_with(Distribution::constant(120.0));
  customer_writes(1, "hi");
  run_until_s(129);
  EXPECT_EQ(a.replies_sent(), 1u);
  EXPECT_EQ(a.ended_silent(), 0u);
  run_until_s(131);
  EXPECT_EQ(a.ended_silent(), 1u);
  EXPECT_EQ(trace.count(TraceKind::kWorkClosed), 1);
  run_until_s(4000);  // the hour's end finds nothing left to end
  EXPECT_EQ(trace.count(TraceKind::kWorkClosed), 1);
}

TEST_F(FakeAgentTest, EveryCustomerMessageRestartsTheWait) {
  FakeAgent& a = agent_with(Distribution::constant(120.0));
  customer_writes(1, "hi");
  run_until_s(60);
  customer_writes(2, "one more thing");
  run_until_s(131);  // the first reply's wait would have ended here
  EXPECT_EQ(a.replies_sent(), 2u);
  EXPECT_EQ(a.ended_silent(), 0u);
  run_until_s(191);  // the second reply at 70 s, plus 120 s
  EXPECT_EQ(a.ended_silent(), 1u);
}

TEST_F(FakeAgentTest, WithoutTheKeyOnlyTheHandleTimeEndsTheSession) {
  FakeAgent& a = agent_with(std::nullopt);
  customer_writes(1, "hi");
  run_until_s(3599);
  EXPECT_EQ(trace.count(TraceKind::kWorkClosed), 0);
  run_until_s(3601);
  EXPECT_EQ(trace.count(TraceKind::kWorkClosed), 1);
  EXPECT_EQ(a.ended_silent(), 0u);
}

}  // namespace
}  // namespace msgsim::fakes
