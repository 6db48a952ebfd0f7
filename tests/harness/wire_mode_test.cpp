// Wire mode end to end: every message crosses the provider boundary as the
// platform's signed HTTP payload, and the results are those of typed mode.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

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

// Customers who run out of patience on SMS, WhatsApp and Messenger just stop
// writing: those platforms have no "end chat" event, so the stack must not
// hear of it in typed mode either. Typed mode once did, and on this working
// day it freed the agents of every abandoned chat: 417 abandoned customers
// typed against 1,026 on the wire.
TEST(WireMode, AWorkingDayWithImpatientCustomersGivesTheTypedResults) {
  Scenario scenario = load("scenarios/mixed-day.json");
  const Metrics typed = run(scenario, 2026);
  scenario.wire = WireMode::kJson;
  const Metrics wire = run(scenario, 2026);
  EXPECT_GT(typed.population.abandoned, 100u);
  EXPECT_EQ(wire.messages.to_json(), typed.messages.to_json());
  EXPECT_EQ(wire.population.customers_json(), typed.population.customers_json());
  EXPECT_EQ(wire.routing.to_json(), typed.routing.to_json());
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

// Everything but the wire figures themselves.
nlohmann::ordered_json without_wire(const Metrics& metrics) {
  nlohmann::ordered_json json = metrics.to_json();
  json.erase("wire");
  return json;
}

// A partner that owns routing and consent makes the same calls and gets the
// same answers on the wire as typed (route, agentWork with the platform's
// refusals, PATCH consent, the platform's routing events), so the same seed
// gives the same metrics, the partner's own and the consent oracle's
// included; every partner call and event crossed the wire.
TEST(WireMode, PartnerOwnedRoutingAndConsentGiveTheTypedResults) {
  Scenario scenario = load("scenarios/byoc-ccaas-partner.json");
  for (const std::uint64_t seed : {1u, 2u, 41u}) {
    scenario.wire = WireMode::kTyped;
    const Metrics typed = run(scenario, seed);
    scenario.wire = WireMode::kJson;
    const Metrics wire = run(scenario, seed);
    EXPECT_EQ(without_wire(wire).dump(), without_wire(typed).dump()) << "seed " << seed;
    ASSERT_TRUE(typed.consent.has_value() && wire.consent.has_value());
    EXPECT_EQ(wire.consent->violations_json(), typed.consent->violations_json());
    ASSERT_TRUE(wire.wire.has_value());
    ASSERT_EQ(wire.partners.size(), 1u);
    const fakes::PartnerCounts& partner = wire.partners[0].second;
    // Every call the partner made reached the platform's API once; those the
    // platform did not take were refused by a rule, none as unreadable.
    EXPECT_EQ(wire.wire->partner_calls_refused, 0u);
    EXPECT_EQ(wire.wire->partner_calls - wire.wire->partner_calls_declined,
              partner.routes + partner.assignments + partner.consent_updates)
        << "seed " << seed;
    EXPECT_GE(wire.wire->partner_calls_declined, partner.refusals);
    EXPECT_GT(wire.wire->partner_events, partner.routes);
    EXPECT_EQ(wire.wire->refused, 0u);
    EXPECT_EQ(wire.wire->unknown_receipts, 0u);
  }
}

// With forged signatures on a share of webhooks and partner calls, the stack
// refuses every forged one (401) and the run is still the typed one.
TEST(WireMode, ForgedPartnerCallsAreRefusedAndChangeNothing) {
  Scenario scenario = load("scenarios/byoc-ccaas-partner.json");
  Faults faults;
  faults.bad_signature = 0.2;
  scenario.providers["*"].faults = faults;
  const Metrics typed = run(scenario, 3);
  scenario.wire = WireMode::kJson;
  const Metrics wire = run(scenario, 3);
  ASSERT_TRUE(wire.wire.has_value());
  EXPECT_GT(wire.wire->partner_calls_refused, 0u);
  EXPECT_EQ(wire.wire->forged_accepted, 0u);
  EXPECT_EQ(wire.wire->refused + wire.wire->partner_calls_refused, wire.wire->forged);
  EXPECT_EQ(without_wire(wire).dump(), without_wire(typed).dump());
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
