// Why a business message failed stays on its record: the code of the
// provider's failed status report (or of its synchronous refusal, with the
// subcode), published with the DeliveryStatus trace event, and neither a
// late `delivered` nor a second failure report changes it.
#include "sim/stack/outbound_sender.h"

#include <gtest/gtest.h>

#include <vector>

#include "sim/runtime/sim_runtime.h"
#include "sim/stack/stack.h"
#include "tests/stack/stack_fixture.h"

namespace msgsim::stack {
namespace {

using testing::RecordingProvider;
using testing::OfferRecorder;

struct DeliveryLog : TraceSink {
  std::vector<TraceEvent> statuses;
  void on_trace(const TraceEvent& event) override {
    if (event.kind == TraceKind::kDeliveryStatus) statuses.push_back(event);
  }
};

struct OutboundSenderTest : ::testing::Test {
  runtime::SimRuntime runtime{1};
  Stack stack{runtime};
  RecordingProvider provider;
  DeliveryLog log;
  OfferRecorder client;
  ChannelId web;
  AgentId agent;

  void SetUp() override {
    stack.tracer().subscribe(&log);
    ChannelSettings settings;
    settings.id = "web";
    settings.type = ChannelType::kWeb;
    const testing::Desk desk = testing::add_desk(stack, settings, provider, client);
    web = desk.channel;
    agent = desk.agent;
    ASSERT_TRUE(stack.receive_webhook(InboundWebhook{web, CustomerHandle{7}, ProviderMessageId{1}, "hi", runtime.now()})
                    .is_ok());
    ASSERT_TRUE(stack.console().accept(agent, client.offers.at(0)).is_ok());
  }
  runtime::Result<OutboundId> reply(const char* text) { return stack.console().send(agent, SessionId(0), text); }
};

// The failed status report's code reaches the record and the trace.
TEST_F(OutboundSenderTest, AFailedReceiptLeavesTheProvidersCodeOnTheRecordAndInTheTrace) {
  const OutboundId id = reply("hello").value();
  stack.receive_receipt(DeliveryReceipt{web, id, DeliveryState::kSent});
  stack.receive_receipt(DeliveryReceipt{web, id, DeliveryState::kFailed, 131047});
  EXPECT_EQ(stack.outbound().record(id).state, DeliveryState::kFailed);
  EXPECT_EQ(stack.outbound().record(id).error_code, 131047);
  ASSERT_EQ(log.statuses.size(), 2u);
  EXPECT_EQ(log.statuses[0].message, 0u);
  EXPECT_EQ(log.statuses[1].detail, static_cast<std::uint8_t>(DeliveryState::kFailed));
  EXPECT_EQ(log.statuses[1].message, 131047u);
}

// Failed is final: a late `delivered` or another failure report changes neither state nor code.
TEST_F(OutboundSenderTest, ALateDeliveredAfterAFailureClearsNeitherStateNorCode) {
  const OutboundId id = reply("hello").value();
  stack.receive_receipt(DeliveryReceipt{web, id, DeliveryState::kFailed, 30003});
  stack.receive_receipt(DeliveryReceipt{web, id, DeliveryState::kDelivered});
  stack.receive_receipt(DeliveryReceipt{web, id, DeliveryState::kRead});
  stack.receive_receipt(DeliveryReceipt{web, id, DeliveryState::kFailed, 30008});
  EXPECT_EQ(stack.outbound().record(id).state, DeliveryState::kFailed);
  EXPECT_EQ(stack.outbound().record(id).error_code, 30003);
  EXPECT_EQ(log.statuses.size(), 1u);
}

// A delivered message that later fails takes the failure's code.
TEST_F(OutboundSenderTest, AFailureAfterDeliveredTakesItsCode) {
  const OutboundId id = reply("hello").value();
  stack.receive_receipt(DeliveryReceipt{web, id, DeliveryState::kDelivered});
  EXPECT_EQ(stack.outbound().record(id).error_code, 0);
  stack.receive_receipt(DeliveryReceipt{web, id, DeliveryState::kFailed, 4040});
  EXPECT_EQ(stack.outbound().record(id).error_code, 4040);
}

// A synchronous refusal keeps its code and subcode, and traces the code with the failure.
TEST_F(OutboundSenderTest, ASynchronousRefusalKeepsItsCodeAndSubcode) {
  provider.answer = SendOutcome{false, 10, 2018278};
  const runtime::Result<OutboundId> refused = reply("hello");
  ASSERT_FALSE(refused.is_ok());
  const OutboundRecord& record = stack.outbound().record(OutboundId(0));
  EXPECT_EQ(record.state, DeliveryState::kFailed);
  EXPECT_EQ(record.error_code, 10);
  EXPECT_EQ(record.error_subcode, 2018278);
  ASSERT_EQ(log.statuses.size(), 1u);
  EXPECT_EQ(log.statuses[0].message, 10u);
}

}  // namespace
}  // namespace msgsim::stack
