// Wire mode end to end: every message crosses the provider boundary as the
// platform's signed HTTP payload, and the results are those of typed mode.
#include <gtest/gtest.h>

#include "sim/harness/scenario_loader.h"
#include "sim/harness/support_check.h"
#include "sim/harness/world.h"
#include "tests/scenarios/cli_runner.h"

namespace msgsim::harness {
namespace {

Scenario load(const char* path) {
  auto loaded = load_scenario_file(testing::source_path(path));
  EXPECT_TRUE(loaded.is_ok()) << loaded.status().message();
  Scenario scenario = loaded.take();
  EXPECT_TRUE(check_supported(scenario).is_ok()) << check_supported(scenario).message();
  return scenario;
}

Metrics run(const Scenario& scenario, std::uint64_t seed) {
  World world(scenario, seed);
  return world.run();
}

// Encoding changes only timestamps' precision and identifiers' spelling, so
// the same seed gives the same outcome in both modes, channel by channel.
TEST(WireMode, AllNineChannelTypesGiveTheTypedResults) {
  Scenario scenario = load("scenarios/all-channels.json");
  const Metrics typed = run(scenario, 11);
  scenario.wire = WireMode::kJson;
  const Metrics wire = run(scenario, 11);
  EXPECT_FALSE(typed.wire.has_value());
  ASSERT_TRUE(wire.wire.has_value());
  EXPECT_GT(wire.wire->webhooks, 0u);
  EXPECT_GT(wire.wire->send_calls, 0u);
  EXPECT_EQ(wire.wire->refused, 0u);
  EXPECT_EQ(wire.wire->unknown_receipts, 0u);
  EXPECT_EQ(wire.messages.to_json(), typed.messages.to_json());
  EXPECT_EQ(wire.messages.channels_json(), typed.messages.channels_json());
  EXPECT_EQ(wire.routing.to_json(), typed.routing.to_json());
  EXPECT_EQ(wire.population.customers_json(), typed.population.customers_json());
  EXPECT_EQ(wire.merges.to_json(), typed.merges.to_json());
}

// A share of webhooks carries a corrupted signature: the stack refuses every
// one of them (401) and still loses and duplicates nothing.
TEST(WireMode, ForgedSignaturesAreRefusedAndNothingIsLost) {
  Scenario scenario = load("scenarios/fault-storm.json");
  scenario.wire = WireMode::kJson;
  for (auto& [key, settings] : scenario.providers) {
    if (settings.faults) settings.faults->bad_signature = 0.2;
  }
  for (std::uint64_t seed = 1; seed <= 3; ++seed) {
    const Metrics metrics = run(scenario, seed);
    ASSERT_TRUE(metrics.wire.has_value());
    EXPECT_GT(metrics.wire->forged, 0u);
    EXPECT_EQ(metrics.wire->forged_accepted, 0u);
    EXPECT_EQ(metrics.wire->refused, metrics.wire->forged);
    EXPECT_EQ(metrics.messages.lost, 0u) << "seed " << seed;
    EXPECT_EQ(metrics.messages.transcript_duplicates, 0u) << "seed " << seed;
    EXPECT_GT(metrics.messages.duplicates_absorbed, 0u);
    EXPECT_EQ(metrics.invariants.capacity_exceeded, 0u);
  }
}

// The scenario key turns wire mode on per provider too.
TEST(WireMode, PerProviderKeySelectsTheChannels) {
  Scenario scenario = load("scenarios/fault-storm.json");
  ProviderSettings sms_on_wire;
  sms_on_wire.wire = WireMode::kJson;
  scenario.providers["sms"] = sms_on_wire;
  const Metrics metrics = run(scenario, 5);
  ASSERT_TRUE(metrics.wire.has_value());
  EXPECT_GT(metrics.wire->webhooks, 0u);
  EXPECT_EQ(metrics.messages.lost, 0u);
}

}  // namespace
}  // namespace msgsim::harness
