// Several channel types and misbehaving providers through the whole stack:
// conservation holds and every channel is reported.
#include <gtest/gtest.h>

#include "sim/harness/runner.h"
#include "sim/harness/scenario_loader.h"
#include "sim/harness/support_check.h"
#include "tests/scenarios/cli_runner.h"

namespace msgsim::harness {
namespace {

// Duplicated, reordered, retried and outage-delayed webhooks on SMS, WhatsApp, Messenger and in-app land exactly once.
TEST(Multichannel, FaultyProvidersLoseAndDuplicateNothing) {
  auto loaded = load_scenario_file(testing::source_path("scenarios/multichannel-faults.json"));
  ASSERT_TRUE(loaded.is_ok()) << loaded.status().message();
  ASSERT_TRUE(check_supported(loaded.value()).is_ok()) << check_supported(loaded.value()).message();
  RunOptions options;
  options.replications = 3;
  const RunOutcome outcome = run_scenario(loaded.value(), options);
  const MessagesSummary& messages = outcome.merged.messages;
  EXPECT_EQ(messages.lost, 0u);
  EXPECT_EQ(messages.transcript_duplicates, 0u);
  EXPECT_GT(messages.duplicates_absorbed, 0u);
  EXPECT_EQ(messages.inbound, messages.sent_by_customers - messages.in_flight_at_end);
  ASSERT_EQ(messages.channels.size(), 4u);
  for (const auto& channel : messages.channels) EXPECT_GT(channel.inbound, 0u);
  EXPECT_EQ(outcome.merged.invariants.capacity_exceeded, 0u);
}

}  // namespace
}  // namespace msgsim::harness

namespace msgsim::harness {
namespace {

// All nine channel types run end to end: every channel gets traffic and every message lands once.
TEST(Multichannel, AllNineChannelTypesRunEndToEnd) {
  auto loaded = load_scenario_file(testing::source_path("scenarios/all-channels.json"));
  ASSERT_TRUE(loaded.is_ok()) << loaded.status().message();
  ASSERT_TRUE(check_supported(loaded.value()).is_ok()) << check_supported(loaded.value()).message();
  const RunOutcome outcome = run_scenario(loaded.value(), RunOptions{});
  const MessagesSummary& messages = outcome.merged.messages;
  EXPECT_EQ(messages.lost, 0u);
  EXPECT_EQ(messages.transcript_duplicates, 0u);
  ASSERT_EQ(messages.channels.size(), 9u);
  for (std::size_t c = 0; c < messages.channels.size(); ++c) {
    EXPECT_GT(messages.channels[c].inbound, 0u) << messages.channel_names[c];
    EXPECT_GT(messages.channels[c].outbound, 0u) << messages.channel_names[c];
  }
}

}  // namespace
}  // namespace msgsim::harness

namespace msgsim::harness {
namespace {

// Under every fault at high rates, over ten seeds, no replication loses or duplicates a message.
TEST(Multichannel, FaultStormConservesMessagesOverManySeeds) {
  auto loaded = load_scenario_file(testing::source_path("scenarios/fault-storm.json"));
  ASSERT_TRUE(loaded.is_ok()) << loaded.status().message();
  RunOptions options;
  options.replications = 10;
  const RunOutcome outcome = run_scenario(loaded.value(), options);
  for (const ReplicationRun& run : outcome.runs) {
    EXPECT_EQ(run.metrics.messages.lost, 0u) << "seed " << run.seed;
    EXPECT_EQ(run.metrics.messages.transcript_duplicates, 0u) << "seed " << run.seed;
    EXPECT_GT(run.metrics.messages.duplicates_absorbed, 0u) << "seed " << run.seed;
    EXPECT_EQ(run.metrics.messages.in_flight_at_end, 0u) << "seed " << run.seed;
  }
}

}  // namespace
}  // namespace msgsim::harness
