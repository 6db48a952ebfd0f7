#include "sim/stack/stack.h"

#include <gtest/gtest.h>

#include <vector>

#include "sim/runtime/sim_runtime.h"
#include "tests/stack/stack_fixture.h"

namespace msgsim::stack {
namespace {

using testing::RecordingProvider;
using testing::TraceRecorder;
using testing::OfferRecorder;

using runtime::Duration;

struct StackTest : ::testing::Test {
  runtime::SimRuntime runtime{1};
  Stack stack{runtime};
  RecordingProvider provider;
  TraceRecorder trace;
  OfferRecorder client;
  ChannelId web;
  AgentId agent;

  void SetUp() override {
    stack.tracer().subscribe(&trace);
    QueueSettings queue;
    queue.id = "support";
    QueueId q = stack.router().add_queue(queue);
    ChannelSettings settings;
    settings.id = "web";
    settings.type = ChannelType::kWeb;
    settings.route_queue = q;
    settings.fallback_queue = q;
    settings.customer_inactivity_timeout = runtime::Duration::minutes(10);
    web = stack.channels().add(settings).value();
    stack.channels().connect(web, &provider);
    AgentSettings agent_settings;
    agent_settings.id = "a";
    agent_settings.capacity = 2;
    agent_settings.queues = {q};
    agent = stack.router().add_agent(agent_settings);
    stack.console().attach(agent, &client);
  }
  InboundWebhook message(std::uint64_t from, std::uint64_t id, const char* text) {
    return InboundWebhook{web, CustomerHandle{from}, ProviderMessageId{id}, text, runtime.now()};
  }
};

// A first message creates a messaging user and a Waiting session that is routed to an agent.
TEST_F(StackTest, FirstMessageCreatesUserSessionAndRoutingRequest) {
  ASSERT_TRUE(stack.receive_webhook(message(7, 1, "hi")).is_ok());
  EXPECT_EQ(stack.users().size(), 1u);
  ASSERT_EQ(stack.sessions().size(), 1u);
  EXPECT_EQ(stack.sessions().get(SessionId(0)).status, SessionStatus::kWaiting);
  EXPECT_EQ(trace.count(TraceKind::kRoutingRequested), 1);
  EXPECT_EQ(client.offers.size(), 1u);
}

// A redelivered webhook (same provider id) lands once; a second message joins the open session.
TEST_F(StackTest, RedeliveryIsAbsorbedAndFollowUpJoinsTheSession) {
  ASSERT_TRUE(stack.receive_webhook(message(7, 1, "hi")).is_ok());
  ASSERT_TRUE(stack.receive_webhook(message(7, 1, "hi")).is_ok());
  ASSERT_TRUE(stack.receive_webhook(message(7, 2, "still there?")).is_ok());
  EXPECT_EQ(trace.count(TraceKind::kDuplicateAbsorbed), 1);
  EXPECT_EQ(trace.count(TraceKind::kInboundAccepted), 2);
  EXPECT_EQ(stack.sessions().size(), 1u);
  EXPECT_EQ(stack.sessions().get(SessionId(0)).entries, 2u);
}

// Accept, reply and end go through the console; a message after the end starts a new session.
TEST_F(StackTest, AgentAcceptsRepliesEndsAndCustomerReturns) {
  ASSERT_TRUE(stack.receive_webhook(message(7, 1, "hi")).is_ok());
  ASSERT_TRUE(stack.console().accept(agent, client.offers[0]).is_ok());
  EXPECT_EQ(stack.sessions().get(SessionId(0)).status, SessionStatus::kActive);
  ASSERT_TRUE(stack.console().send(agent, SessionId(0), "hello").is_ok());
  EXPECT_EQ(provider.sent, (std::vector<std::string>{"hello"}));
  ASSERT_TRUE(stack.console().end_session(agent, SessionId(0)).is_ok());
  EXPECT_EQ(stack.router().used_capacity_units(agent), 0);
  EXPECT_FALSE(stack.console().send(agent, SessionId(0), "late").is_ok());
  ASSERT_TRUE(stack.receive_webhook(message(7, 2, "me again")).is_ok());
  EXPECT_EQ(stack.sessions().size(), 2u);
}

// The web channel refuses business messages outside an open session, with a reason, and traces it.
TEST_F(StackTest, WebRefusesBusinessMessagesOutsideASession) {
  ASSERT_TRUE(stack.receive_webhook(message(7, 1, "hi")).is_ok());
  ASSERT_TRUE(stack.console().accept(agent, client.offers[0]).is_ok());
  ASSERT_TRUE(stack.console().end_session(agent, SessionId(0)).is_ok());
  runtime::Result<OutboundId> sent = stack.outbound().send(SessionId(0), AgentId(), "automation");
  ASSERT_FALSE(sent.is_ok());
  EXPECT_NE(sent.status().message().find("web"), std::string::npos);
  EXPECT_EQ(trace.count(TraceKind::kOutboundRefused), 1);
  EXPECT_TRUE(provider.sent.empty());
}

// A delivery state never moves backwards: a late `delivered` does not overwrite `read`.
TEST_F(StackTest, DeliveryStateNeverMovesBackwards) {
  ASSERT_TRUE(stack.receive_webhook(message(7, 1, "hi")).is_ok());
  ASSERT_TRUE(stack.console().accept(agent, client.offers[0]).is_ok());
  OutboundId id = stack.console().send(agent, SessionId(0), "hello").value();
  stack.receive_receipt(DeliveryReceipt{web, id, DeliveryState::kRead});
  stack.receive_receipt(DeliveryReceipt{web, id, DeliveryState::kDelivered});
  EXPECT_EQ(stack.outbound().record(id).state, DeliveryState::kRead);
}

}  // namespace
}  // namespace msgsim::stack

namespace msgsim::stack {
namespace {

// A customer who closes the chat while waiting ends the session (by EndUser) and cancels the request.
TEST_F(StackTest, CustomerClosingTheChatCancelsTheWaitingRequest) {
  stack.router().set_presence(agent, PresenceStatus::kAway);
  ASSERT_TRUE(stack.receive_webhook(message(7, 1, "hi")).is_ok());
  InboundWebhook end = message(7, 2, "");
  end.end_conversation = true;
  ASSERT_TRUE(stack.receive_webhook(end).is_ok());
  const Session& session = stack.sessions().get(SessionId(0));
  EXPECT_EQ(session.status, SessionStatus::kEnded);
  EXPECT_EQ(session.ended_by, EndedBy::kEndUser);
  EXPECT_EQ(stack.router().work(session.work).state, WorkState::kCanceled);
  EXPECT_EQ(trace.count(TraceKind::kWorkCanceled), 1);
}

// Accepting tells the customer's chat client that an agent joined.
TEST_F(StackTest, AcceptAnnouncesTheAgentToTheCustomer) {
  ASSERT_TRUE(stack.receive_webhook(message(7, 1, "hi")).is_ok());
  ASSERT_TRUE(stack.console().accept(agent, client.offers[0]).is_ok());
  EXPECT_EQ(provider.joined, 1);
}

}  // namespace
}  // namespace msgsim::stack

namespace msgsim::stack {
namespace {

// Ten minutes after the agent's reply with no answer the session goes Inactive and frees capacity;
// the customer writing again routes it anew, to the same agent first.
TEST_F(StackTest, InactiveCustomerFreesCapacityAndIsReroutedOnReturn) {
  ASSERT_TRUE(stack.receive_webhook(message(7, 1, "hi")).is_ok());
  ASSERT_TRUE(stack.console().accept(agent, client.offers[0]).is_ok());
  ASSERT_TRUE(stack.console().send(agent, SessionId(0), "hello").is_ok());
  runtime.run_until(runtime::Time::at(runtime::Duration::minutes(11)));
  EXPECT_EQ(stack.sessions().get(SessionId(0)).status, SessionStatus::kInactive);
  EXPECT_EQ(stack.router().used_capacity_units(agent), 0);
  ASSERT_TRUE(stack.receive_webhook(message(7, 2, "back")).is_ok());
  EXPECT_EQ(stack.sessions().get(SessionId(0)).status, SessionStatus::kWaiting);
  EXPECT_EQ(stack.sessions().size(), 1u);
  ASSERT_EQ(client.offers.size(), 2u);
  EXPECT_EQ(stack.router().work(client.offers[1]).agent, agent);
}

// A customer who writes before the timer ends keeps the session Active.
TEST_F(StackTest, CustomerAnsweringStopsTheInactivityTimer) {
  ASSERT_TRUE(stack.receive_webhook(message(7, 1, "hi")).is_ok());
  ASSERT_TRUE(stack.console().accept(agent, client.offers[0]).is_ok());
  ASSERT_TRUE(stack.console().send(agent, SessionId(0), "hello").is_ok());
  runtime.run_until(runtime::Time::at(runtime::Duration::minutes(5)));
  ASSERT_TRUE(stack.receive_webhook(message(7, 2, "thanks")).is_ok());
  runtime.run_until(runtime::Time::at(runtime::Duration::minutes(30)));
  EXPECT_EQ(stack.sessions().get(SessionId(0)).status, SessionStatus::kActive);
}

// An Inactive session the customer never resumes ends (by System) after 24 hours.
TEST_F(StackTest, InactiveSessionEndsAfter24Hours) {
  ASSERT_TRUE(stack.receive_webhook(message(7, 1, "hi")).is_ok());
  ASSERT_TRUE(stack.console().accept(agent, client.offers[0]).is_ok());
  ASSERT_TRUE(stack.console().mark_inactive(agent, SessionId(0)).is_ok());
  runtime.run_until(runtime::Time::at(runtime::Duration::hours(23)));
  EXPECT_EQ(stack.sessions().get(SessionId(0)).status, SessionStatus::kInactive);
  runtime.run_until(runtime::Time::at(runtime::Duration::hours(25)));
  EXPECT_EQ(stack.sessions().get(SessionId(0)).status, SessionStatus::kEnded);
  EXPECT_EQ(stack.sessions().get(SessionId(0)).ended_by, EndedBy::kSystem);
}

}  // namespace
}  // namespace msgsim::stack

namespace msgsim::stack {
namespace {

// Status-based capacity: marking the customer inactive pauses the session, the work keeps its
// weight, and the customer writing again brings it back Active to the same agent.
TEST_F(StackTest, StatusBasedPauseKeepsTheWorkWithTheSameAgent) {
  stack.set_capacity_model(CapacityModel::kStatusBased);
  ASSERT_TRUE(stack.receive_webhook(message(7, 1, "hi")).is_ok());
  ASSERT_TRUE(stack.console().accept(agent, client.offers[0]).is_ok());
  ASSERT_TRUE(stack.console().mark_inactive(agent, SessionId(0)).is_ok());
  EXPECT_EQ(stack.sessions().get(SessionId(0)).status, SessionStatus::kPaused);
  EXPECT_EQ(stack.router().used_capacity_units(agent), Router::kUnitsPerSlot);
  ASSERT_TRUE(stack.receive_webhook(message(7, 2, "back")).is_ok());
  EXPECT_EQ(stack.sessions().get(SessionId(0)).status, SessionStatus::kActive);
  EXPECT_EQ(stack.sessions().get(SessionId(0)).agent, agent);
  EXPECT_EQ(client.resumed, (std::vector<SessionId>{SessionId(0)}));
  EXPECT_EQ(client.offers.size(), 1u);
}

// A transfer to a flow closes the agent's work as Transferred; the flow's bot routes the session again.
TEST_F(StackTest, TransferToAFlowRunsTheBotThenRoutesAgain) {
  FlowSettings flow;
  flow.id = "survey";
  flow.greeting = "Before you go: how did we do?";
  flow.bot_time = runtime::Duration::seconds(30);
  const FlowId survey = stack.flows().add(flow);
  ASSERT_TRUE(stack.receive_webhook(message(7, 1, "hi")).is_ok());
  const WorkId first = client.offers[0];
  ASSERT_TRUE(stack.console().accept(agent, first).is_ok());
  ASSERT_TRUE(stack.console().transfer_to_flow(agent, SessionId(0), survey).is_ok());
  EXPECT_EQ(stack.router().work(first).state, WorkState::kTransferred);
  EXPECT_EQ(provider.sent.back(), "Before you go: how did we do?");
  runtime.run_until(runtime::Time::at(runtime::Duration::seconds(31)));
  ASSERT_EQ(client.offers.size(), 2u);  // routed again to the fallback queue's agent
  EXPECT_NE(client.offers[1], first);
}

}  // namespace
}  // namespace msgsim::stack

namespace msgsim::stack {
namespace {

struct ReturningCustomerTest : ::testing::Test {
  runtime::SimRuntime runtime{1};
  Stack stack{runtime};
  RecordingProvider provider;
  OfferRecorder first_client, second_client;
  ChannelId web;
  AgentId first, second;

  void SetUp() override {
    QueueSettings queue;
    queue.id = "support";
    QueueId q = stack.router().add_queue(queue);
    AgentSettings a;
    a.id = "first";
    a.capacity = 1;
    a.queues = {q};
    first = stack.router().add_agent(a);
    a.id = "second";
    a.capacity = 3;  // the most available
    second = stack.router().add_agent(a);
    stack.console().attach(first, &first_client);
    stack.console().attach(second, &second_client);
    ChannelSettings settings;
    settings.id = "web";
    settings.type = ChannelType::kWeb;
    settings.route_queue = q;
    settings.fallback_queue = q;
    settings.prefer_last_agent = true;
    web = stack.channels().add(settings).value();
    stack.channels().connect(web, &provider);
  }
  void write(std::uint64_t id) {
    ASSERT_TRUE(stack.receive_webhook(InboundWebhook{web, CustomerHandle{9}, ProviderMessageId{id}, "hi", runtime.now()}).is_ok());
  }
};

// A returning customer's new session is offered to the agent who had the last one, even when another is more available.
TEST_F(ReturningCustomerTest, LastAgentIsOfferedFirst) {
  stack.router().set_presence(second, PresenceStatus::kAway);
  write(1);
  ASSERT_EQ(first_client.offers.size(), 1u);
  ASSERT_TRUE(stack.console().accept(first, first_client.offers[0]).is_ok());
  ASSERT_TRUE(stack.console().end_session(first, SessionId(0)).is_ok());
  stack.router().set_presence(second, PresenceStatus::kOnline);
  write(2);
  EXPECT_EQ(first_client.offers.size(), 2u);
  EXPECT_TRUE(second_client.offers.empty());
}

}  // namespace
}  // namespace msgsim::stack

namespace msgsim::stack {
namespace {

// On web, an agent cannot start a conversation (no business-initiated messages): the session ends at once.
TEST_F(StackTest, WebRefusesAnAgentInitiatedConversation) {
  ASSERT_TRUE(stack.receive_webhook(message(7, 1, "hi")).is_ok());
  ASSERT_TRUE(stack.console().accept(agent, client.offers[0]).is_ok());
  ASSERT_TRUE(stack.console().end_session(agent, SessionId(0)).is_ok());
  const MessagingUserId user = stack.console().user_of(SessionId(0));
  runtime::Result<SessionId> started = stack.console().start_conversation(agent, user, "Following up");
  ASSERT_FALSE(started.is_ok());
  EXPECT_EQ(stack.sessions().get(SessionId(1)).status, SessionStatus::kEnded);
  EXPECT_EQ(stack.sessions().get(SessionId(1)).origin, SessionOrigin::kAgentInitiated);
}

// An agent cannot start a conversation with a customer who is in a live session.
TEST_F(StackTest, NoAgentInitiatedConversationDuringALiveSession) {
  ASSERT_TRUE(stack.receive_webhook(message(7, 1, "hi")).is_ok());
  const MessagingUserId user = stack.console().user_of(SessionId(0));
  EXPECT_FALSE(stack.console().start_conversation(agent, user, "Hello?").is_ok());
  EXPECT_EQ(stack.sessions().size(), 1u);
}


// On in-app, an agent-initiated session waits for a reply for 48 hours, then ends by System;
// a reply (tab-based) ends it and opens a new routed session.
TEST(AgentInitiated, NewSessionEndsAfter48HoursOrOnReplyIsRouted) {
  runtime::SimRuntime runtime{1};
  Stack stack{runtime};
  RecordingProvider provider;
  OfferRecorder client;
  QueueSettings queue;
  queue.id = "support";
  const QueueId q = stack.router().add_queue(queue);
  ChannelSettings settings;
  settings.id = "app";
  settings.type = ChannelType::kInApp;
  settings.route_queue = q;
  settings.fallback_queue = q;
  const ChannelId app = stack.channels().add(settings).value();
  stack.channels().connect(app, &provider);
  AgentSettings agent_settings;
  agent_settings.id = "a";
  agent_settings.capacity = 2;
  agent_settings.queues = {q};
  const AgentId agent = stack.router().add_agent(agent_settings);
  stack.console().attach(agent, &client);
  const MessagingUserId user = stack.users().find_or_create(app, CustomerHandle{5}).id;

  ASSERT_TRUE(stack.console().start_conversation(agent, user, "Your order shipped").is_ok());
  EXPECT_EQ(stack.sessions().get(SessionId(0)).status, SessionStatus::kNew);
  runtime.run_until(runtime::Time::at(runtime::Duration::hours(49)));
  EXPECT_EQ(stack.sessions().get(SessionId(0)).status, SessionStatus::kEnded);
  EXPECT_EQ(stack.sessions().get(SessionId(0)).ended_by, EndedBy::kSystem);

  ASSERT_TRUE(stack.console().start_conversation(agent, user, "One more thing").is_ok());
  ASSERT_TRUE(stack.receive_webhook(InboundWebhook{app, CustomerHandle{5}, ProviderMessageId{1}, "thanks!", runtime.now()}).is_ok());
  EXPECT_EQ(stack.sessions().get(SessionId(1)).status, SessionStatus::kEnded);
  ASSERT_EQ(stack.sessions().size(), 3u);
  EXPECT_EQ(stack.sessions().get(SessionId(2)).status, SessionStatus::kWaiting);
  EXPECT_EQ(client.offers.size(), 1u);
}

}  // namespace
}  // namespace msgsim::stack
