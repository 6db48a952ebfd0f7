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
