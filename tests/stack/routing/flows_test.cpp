#include "sim/stack/routing/flows.h"

#include <gtest/gtest.h>

#include "sim/runtime/sim_runtime.h"
#include "sim/stack/stack.h"
#include "tests/stack/stack_fixture.h"

namespace msgsim::stack {
namespace {

using testing::RecordingProvider;

using runtime::Duration;
using runtime::Time;

struct FlowsTest : ::testing::Test {
  runtime::SimRuntime runtime{1};
  Stack stack{runtime};
  RecordingProvider provider;
  QueueId billing, support, fallback;

  QueueId queue(const char* id) {
    QueueSettings settings;
    settings.id = id;
    return stack.router().add_queue(settings);
  }
  ChannelId channel_to(FlowId flow) {
    ChannelSettings settings;
    settings.id = "web";
    settings.type = ChannelType::kWeb;
    settings.route_flow = flow;
    settings.fallback_queue = fallback;
    ChannelId id = stack.channels().add(settings).value();
    stack.channels().connect(id, &provider);
    return id;
  }
  FlowSettings triage(double resolve = 0.0) {
    FlowSettings flow;
    flow.id = "triage";
    flow.greeting = "Hi! What can we help with?";
    flow.bot_time = Duration::seconds(20);
    flow.resolve_probability = resolve;
    flow.by_intent.push_back({"billing", FlowRoute{RoutingTarget{billing, {}, AgentId(), false}, FlowId()}});
    return flow;
  }
  void SetUp() override {
    billing = queue("billing");
    support = queue("support");
    fallback = queue("fallback");
  }
  void write(ChannelId channel, const char* text) {
    ASSERT_TRUE(stack.receive_webhook(InboundWebhook{channel, CustomerHandle{1}, ProviderMessageId{next_id_++}, text,
                                                     runtime.now()}).is_ok());
  }
  const WorkItem& routed() { return stack.router().work(stack.sessions().get(SessionId(0)).work); }
  std::uint64_t next_id_ = 1;
};

// The bot greets first, then routes by the intent the customer wrote, once its time is up.
TEST_F(FlowsTest, GreetsThenRoutesByIntent) {
  ChannelId web = channel_to(stack.flows().add(triage()));
  write(web, "Hello, I have a question about my BILLING statement");
  EXPECT_EQ(provider.sent, (std::vector<std::string>{"Hi! What can we help with?"}));
  EXPECT_FALSE(stack.sessions().get(SessionId(0)).work.valid());
  runtime.run_until(Time::at(Duration::seconds(21)));
  EXPECT_EQ(routed().queue, billing);
}

// With no intent recognised and no default route, the session goes to the channel's fallback queue.
TEST_F(FlowsTest, UnrecognisedIntentGoesToTheFallbackQueue) {
  ChannelId web = channel_to(stack.flows().add(triage()));
  write(web, "my parcel never arrived (billingual typo is not a match)");
  runtime.run_until(Time::at(Duration::seconds(21)));
  EXPECT_EQ(routed().queue, fallback);
}

// A bot that resolves the conversation ends the session itself, without a routing request.
TEST_F(FlowsTest, ResolvingBotEndsTheSession) {
  ChannelId web = channel_to(stack.flows().add(triage(1.0)));
  write(web, "billing");
  runtime.run_until(Time::at(Duration::seconds(21)));
  const Session& session = stack.sessions().get(SessionId(0));
  EXPECT_EQ(session.status, SessionStatus::kEnded);
  EXPECT_EQ(session.ended_by, EndedBy::kBot);
  EXPECT_FALSE(session.work.valid());
}

// Flows that route to each other forever end in the fallback queue.
TEST_F(FlowsTest, LoopOfFlowsEndsInTheFallbackQueue) {
  FlowSettings loop;
  loop.id = "loop";
  loop.bot_time = Duration::seconds(1);
  loop.default_route = FlowRoute{RoutingTarget{}, FlowId(0)};
  ChannelId web = channel_to(stack.flows().add(loop));
  write(web, "hello");
  runtime.run_until(Time::at(Duration::seconds(60)));
  EXPECT_EQ(routed().queue, fallback);
}

// A customer who leaves while the bot has the session ends it; no request is ever created.
TEST_F(FlowsTest, CustomerLeavingDuringTheBotEndsTheSession) {
  ChannelId web = channel_to(stack.flows().add(triage()));
  write(web, "billing");
  InboundWebhook end{web, CustomerHandle{1}, ProviderMessageId{99}, "", runtime.now()};
  end.end_conversation = true;
  ASSERT_TRUE(stack.receive_webhook(end).is_ok());
  runtime.run_until(Time::at(Duration::seconds(60)));
  const Session& session = stack.sessions().get(SessionId(0));
  EXPECT_EQ(session.ended_by, EndedBy::kEndUser);
  EXPECT_FALSE(session.work.valid());
}

}  // namespace
}  // namespace msgsim::stack
