#include "sim/harness/oracles/conservation_oracle.h"

#include <gtest/gtest.h>

#include <optional>

namespace msgsim::harness {
namespace {

using runtime::Time;
using stack::ChannelId;
using stack::DeliveryState;
using stack::OutboundId;
using stack::TraceEvent;
using stack::TraceKind;

class ConservationOracleTest : public ::testing::Test {
 protected:
  const ChannelId channel{0};

  void submit(std::uint32_t id) {
    TraceEvent event{Time{}, TraceKind::kOutboundSubmitted};
    event.outbound = OutboundId(id);
    event.channel = channel;
    oracle.on_trace(event);
  }
  // What the stack traced as its record's new state.
  void stack_state(std::uint32_t id, DeliveryState state) {
    TraceEvent event{Time{}, TraceKind::kDeliveryStatus, static_cast<std::uint8_t>(state)};
    event.outbound = OutboundId(id);
    event.channel = channel;
    oracle.on_trace(event);
  }
  // What the provider delivered to the stack about message `number`.
  void provider_status(std::uint64_t number, DeliveryState state) {
    truth.reported_statuses().record(channel, number, state);
  }

  fakes::GroundTruth truth;
  ConservationOracle oracle{{"web"}};
};

TEST_F(ConservationOracleTest, AStatusEndingWhereTheProviderLeftItIsNoDowngrade) {
  submit(0);
  provider_status(0, DeliveryState::kSent);
  stack_state(0, DeliveryState::kSent);
  provider_status(0, DeliveryState::kRead);
  stack_state(0, DeliveryState::kRead);
  provider_status(0, DeliveryState::kDelivered);  // late, after read: the stack ignored it
  const MessagesSummary summary = oracle.finish(truth, 0);
  EXPECT_EQ(summary.statuses_judged, 1u);
  EXPECT_EQ(summary.status_downgrades, 0u);
  EXPECT_EQ(summary.delivered, 1u);
}

TEST_F(ConservationOracleTest, ALateDeliveredOverwritingReadIsADowngrade) {
  submit(0);
  provider_status(0, DeliveryState::kRead);
  stack_state(0, DeliveryState::kRead);
  provider_status(0, DeliveryState::kDelivered);
  stack_state(0, DeliveryState::kDelivered);  // a stack that moved its record back
  EXPECT_EQ(oracle.finish(truth, 0).status_downgrades, 1u);
}

TEST_F(ConservationOracleTest, AStatusTheStackNeverAppliedIsADowngrade) {
  submit(0);
  submit(1);
  provider_status(0, DeliveryState::kDelivered);
  provider_status(1, DeliveryState::kFailed);
  stack_state(1, DeliveryState::kDelivered);  // failed is final and most advanced
  const MessagesSummary summary = oracle.finish(truth, 0);
  EXPECT_EQ(summary.statuses_judged, 2u);
  EXPECT_EQ(summary.status_downgrades, 2u);
}

// A Messenger watermark or a late refusal can take the stack further than
// any single status the provider sent about the message: that is not behind.
TEST_F(ConservationOracleTest, AStackAheadOfTheProvidersStatusIsNoDowngrade) {
  submit(0);
  provider_status(0, DeliveryState::kSent);
  stack_state(0, DeliveryState::kRead);
  EXPECT_EQ(oracle.finish(truth, 0).status_downgrades, 0u);
}

// On the wire the provider numbers its messages itself; the resolver finds
// the stack's id, and a status about a message the stack cannot name never
// reached its record.
TEST_F(ConservationOracleTest, OnTheWireTheResolverNamesTheStacksMessage) {
  truth.reported_statuses().number_per_channel(channel);
  submit(0);
  submit(1);
  stack_state(0, DeliveryState::kDelivered);
  stack_state(1, DeliveryState::kRead);
  provider_status(7, DeliveryState::kDelivered);  // the stack's 0
  provider_status(8, DeliveryState::kRead);       // the stack's 1
  provider_status(9, DeliveryState::kSent);       // unknown to the stack
  const OutboundResolver resolve = [this](ChannelId of, std::uint64_t number) -> std::optional<OutboundId> {
    EXPECT_EQ(of, channel);
    if (number == 7) return OutboundId(0);
    if (number == 8) return OutboundId(1);
    return std::nullopt;
  };
  const MessagesSummary summary = oracle.finish(truth, 0, resolve);
  EXPECT_EQ(summary.statuses_judged, 3u);
  EXPECT_EQ(summary.status_downgrades, 1u);
}

TEST_F(ConservationOracleTest, DowngradesAddUpAcrossReplicationsAndAreReported) {
  submit(0);
  provider_status(0, DeliveryState::kRead);
  stack_state(0, DeliveryState::kDelivered);
  MessagesSummary total = oracle.finish(truth, 0);
  total.merge(oracle.finish(truth, 0));
  EXPECT_EQ(total.status_downgrades, 2u);
  EXPECT_EQ(total.to_json()["status_downgrades"], 2u);
}

}  // namespace
}  // namespace msgsim::harness
