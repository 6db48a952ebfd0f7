// A provider whose answers come after the send returned (live mode's send
// API over loopback HTTP): the send is submitted at once, and a later
// refusal is recorded exactly like one that came back with the send: the
// provider's codes on the record, one kProviderRefused trace, the message
// failed, and an agent-initiated session whose opening message was refused
// ended. A later acceptance changes nothing.
#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "sim/runtime/sim_runtime.h"
#include "sim/stack/stack.h"
#include "tests/stack/stack_fixture.h"

namespace msgsim::stack {
namespace {

using testing::RecordingProvider;
using testing::TraceRecorder;
using testing::OfferRecorder;

struct LateSendOutcome : ::testing::Test {
  runtime::SimRuntime runtime{1};
  Stack stack{runtime};
  RecordingProvider provider;
  TraceRecorder trace;
  OfferRecorder client;
  ChannelId app;
  AgentId agent;

  void SetUp() override {
    provider.answer = SendOutcome::answered_later();
    stack.tracer().subscribe(&trace);
    ChannelSettings settings;
    settings.id = "app";
    settings.type = ChannelType::kInApp;
    const testing::Desk desk = testing::add_desk(stack, settings, provider, client);
    app = desk.channel;
    agent = desk.agent;
  }

  // A customer who wrote, and the agent's accepted session with them.
  SessionId active_session() {
    EXPECT_TRUE(stack.receive_webhook(InboundWebhook{app, CustomerHandle{7}, ProviderMessageId{1}, "hi", runtime.now()})
                    .is_ok());
    EXPECT_TRUE(stack.console().accept(agent, client.offers.at(0)).is_ok());
    return SessionId(0);
  }
};

// The agent's send succeeds at once; the provider's later refusal fails it
// with the provider's codes and one kProviderRefused.
TEST_F(LateSendOutcome, ALateRefusalFailsTheMessageWithTheProvidersCodes) {
  const SessionId session = active_session();
  runtime::Result<OutboundId> sent = stack.console().send(agent, session, "Your order ships today");
  ASSERT_TRUE(sent.is_ok()) << sent.status().message();
  EXPECT_EQ(stack.outbound().record(sent.value()).state, DeliveryState::kQueued);
  EXPECT_EQ(trace.count(TraceKind::kProviderRefused), 0);

  runtime.run_until(runtime::Time::at(runtime::Duration::seconds(1)));
  stack.receive_send_outcome(sent.value(), SendOutcome{false, 10, 2018278});
  const OutboundRecord& record = stack.outbound().record(sent.value());
  EXPECT_EQ(record.state, DeliveryState::kFailed);
  EXPECT_EQ(record.error_code, 10);
  EXPECT_EQ(record.error_subcode, 2018278);
  EXPECT_EQ(trace.count(TraceKind::kProviderRefused), 1);

  // A late `delivered` (a confused provider) does not revive it.
  stack.receive_receipt(DeliveryReceipt{app, sent.value(), DeliveryState::kDelivered});
  EXPECT_EQ(stack.outbound().record(sent.value()).state, DeliveryState::kFailed);
}

// A late acceptance leaves the message as it was: its receipts move it on.
TEST_F(LateSendOutcome, ALateAcceptanceChangesNothing) {
  const SessionId session = active_session();
  runtime::Result<OutboundId> sent = stack.console().send(agent, session, "On its way");
  ASSERT_TRUE(sent.is_ok());
  stack.receive_send_outcome(sent.value(), SendOutcome{true, 0});
  EXPECT_EQ(stack.outbound().record(sent.value()).state, DeliveryState::kQueued);
  EXPECT_EQ(trace.count(TraceKind::kProviderRefused), 0);
  stack.receive_receipt(DeliveryReceipt{app, sent.value(), DeliveryState::kDelivered});
  EXPECT_EQ(stack.outbound().record(sent.value()).state, DeliveryState::kDelivered);
}

// An agent-initiated conversation whose opening message the provider later
// refuses ends (by System), as it ends when the refusal comes with the send;
// one whose opening is accepted stays New, waiting for the customer.
TEST_F(LateSendOutcome, ARefusedOpeningEndsTheAgentInitiatedSession) {
  const MessagingUserId first = stack.find_or_create_user(app, CustomerHandle{21});
  runtime::Result<SessionId> opened = stack.console().start_conversation(agent, first, "Your parcel is here");
  ASSERT_TRUE(opened.is_ok()) << opened.status().message();
  EXPECT_EQ(stack.sessions().get(opened.value()).status, SessionStatus::kNew);
  stack.receive_send_outcome(provider.ids.back(), SendOutcome{false, 500});
  EXPECT_EQ(stack.sessions().get(opened.value()).status, SessionStatus::kEnded);
  EXPECT_EQ(stack.sessions().get(opened.value()).ended_by, EndedBy::kSystem);

  const MessagingUserId second = stack.find_or_create_user(app, CustomerHandle{22});
  runtime::Result<SessionId> kept = stack.console().start_conversation(agent, second, "Hello");
  ASSERT_TRUE(kept.is_ok());
  stack.receive_send_outcome(provider.ids.back(), SendOutcome{true, 0});
  EXPECT_EQ(stack.sessions().get(kept.value()).status, SessionStatus::kNew);
}

// A refused reply in an accepted conversation fails only that message: the
// session stays Active with its agent.
TEST_F(LateSendOutcome, ARefusedReplyLeavesTheSessionActive) {
  const SessionId session = active_session();
  runtime::Result<OutboundId> sent = stack.console().send(agent, session, "One moment");
  ASSERT_TRUE(sent.is_ok());
  stack.receive_send_outcome(sent.value(), SendOutcome{false, 500});
  EXPECT_EQ(stack.sessions().get(session).status, SessionStatus::kActive);
}

}  // namespace
}  // namespace msgsim::stack
