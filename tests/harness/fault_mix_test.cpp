// Conservation under random mixes of every provider fault: each seed draws,
// per channel of all nine types, its own rates of duplicates, reorders and
// lost first attempts, its outages, its throttle and (on the wire) its share
// of forged signatures, and puts half the channels on the wire. Whatever the
// mix, every customer message lands exactly once and every outbound status
// ends at the most advanced one its provider delivered.
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "sim/harness/scenario_loader.h"
#include "sim/harness/world.h"
#include "tests/scenarios/cli_runner.h"

namespace msgsim::harness {
namespace {

Faults random_faults(std::mt19937_64& draw, bool on_wire, Duration run_length) {
  std::uniform_real_distribution<double> share(0.0, 0.4);
  std::uniform_int_distribution<int> outages(0, 3);
  std::uniform_int_distribution<std::int64_t> minute(0, static_cast<std::int64_t>(run_length.to_seconds() / 60) - 1);
  std::uniform_int_distribution<std::int64_t> outage_minutes(1, 12);
  Faults faults;
  faults.duplicate = share(draw);
  faults.reorder = share(draw);
  faults.drop_then_retry = share(draw);
  for (int i = outages(draw); i > 0; --i) {
    faults.outages.push_back(Outage{Duration::minutes(minute(draw)), Duration::minutes(outage_minutes(draw))});
  }
  if (std::bernoulli_distribution(0.5)(draw)) faults.throttle_per_s = std::uniform_real_distribution<double>(0.5, 5.0)(draw);
  if (on_wire) faults.bad_signature = share(draw);
  return faults;
}

TEST(FaultMix, RandomMixesOfEveryFaultLoseDuplicateAndDowngradeNothing) {
  auto loaded = load_scenario_file(testing::source_path("scenarios/all-channels.json"));
  ASSERT_TRUE(loaded.is_ok()) << loaded.status().message();
  const Scenario base = loaded.take();

  std::uint64_t absorbed = 0, forged = 0, delivered = 0, failed_channels = 0;
  for (std::uint64_t seed = 1; seed <= 30; ++seed) {
    Scenario scenario = base;
    std::mt19937_64 draw(seed);
    for (const Channel& channel : scenario.org.channels) {
      ProviderSettings& settings = scenario.providers[channel.id];
      const bool on_wire = std::bernoulli_distribution(0.5)(draw);
      settings.wire = on_wire ? WireMode::kJson : WireMode::kTyped;
      settings.faults = random_faults(draw, on_wire, scenario.duration);
    }
    World world(scenario, seed);
    const Metrics metrics = world.run();
    const MessagesSummary& messages = metrics.messages;
    EXPECT_GT(messages.sent_by_customers, 100u) << "seed " << seed;
    EXPECT_EQ(messages.lost, 0u) << "seed " << seed;
    EXPECT_EQ(messages.transcript_duplicates, 0u) << "seed " << seed;
    EXPECT_EQ(messages.in_flight_at_end, 0u) << "seed " << seed;
    EXPECT_EQ(messages.status_downgrades, 0u) << "seed " << seed;
    EXPECT_GT(messages.statuses_judged, 0u) << "seed " << seed;
    absorbed += messages.duplicates_absorbed;
    delivered += messages.delivered;
    if (metrics.wire) {
      forged += metrics.wire->forged;
      EXPECT_EQ(metrics.wire->forged_accepted, 0u) << "seed " << seed;
    }
    for (const auto& channel : messages.channels) failed_channels += channel.failed > 0 ? 1 : 0;
  }
  // The mixes did bite: duplicates were absorbed, signatures forged,
  // messages delivered, and some sends failed under outages and throttles.
  EXPECT_GT(absorbed, 0u);
  EXPECT_GT(forged, 0u);
  EXPECT_GT(delivered, 0u);
  EXPECT_GT(failed_channels, 0u);
}

}  // namespace
}  // namespace msgsim::harness
