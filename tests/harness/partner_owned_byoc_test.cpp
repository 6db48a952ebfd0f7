// BYOC for CCaaS with a partner that owns routing and consent, end to end on
// the shipped scenario: the partner's own routing places every conversation
// of its channel (the platform's router never offers that work by itself),
// the platform's invariants still hold, the partner's consent calls govern
// the outbound gate, and a stack that ignores them is caught by the consent
// oracle with the partner's call as evidence.
#include <gtest/gtest.h>

#include <string>

#include "sim/harness/oracles/consent_oracle.h"
#include "sim/harness/scenario_loader.h"
#include "sim/harness/support_check.h"
#include "sim/harness/world.h"
#include "sim/stack/consent/consent_gate.h"
#include "tests/scenarios/cli_runner.h"

namespace msgsim::harness {
namespace {

class SkipsConsentCheck final : public stack::ConsentGate {
 public:
  runtime::Status allows(const stack::ConsentLedger&, stack::MessagingUserId, const stack::ChannelConsentSettings&,
                         stack::ConsentResponse) const override {
    return runtime::Status::ok();
  }
};

Scenario load_partner_scenario() {
  auto loaded = load_scenario_file(testing::source_path("scenarios/byoc-ccaas-partner.json"));
  EXPECT_TRUE(loaded.is_ok()) << loaded.status().message();
  Scenario scenario = loaded.take();
  EXPECT_TRUE(check_supported(scenario).is_ok()) << check_supported(scenario).message();
  return scenario;
}

std::uint64_t requests_on(const RoutingSummary& routing, const std::string& channel) {
  for (std::size_t i = 0; i < routing.channel_names.size(); ++i) {
    if (routing.channel_names[i] == channel) return routing.requests_by_channel[i];
  }
  return 0;
}

TEST(PartnerOwnedByoc, ThePartnerRoutesItsChannelAndTheInvariantsHold) {
  const Scenario scenario = load_partner_scenario();
  for (std::uint64_t seed = 1; seed <= 3; ++seed) {
    World world(scenario, seed);
    const Metrics metrics = world.run();
    EXPECT_GT(requests_on(metrics.routing, "ccaas"), 100u) << "seed " << seed;
    EXPECT_GT(requests_on(metrics.routing, "web"), 30u) << "seed " << seed;
    EXPECT_GT(metrics.routing.accepted, 0u);
    EXPECT_GT(metrics.routing.declined, 0u);  // declines go back to the partner, who places them again
    EXPECT_GT(metrics.invariants.checked_offers, 100u);
    EXPECT_EQ(metrics.invariants.capacity_exceeded, 0u) << "seed " << seed;
    EXPECT_EQ(metrics.invariants.offered_to_ineligible, 0u) << "seed " << seed;
    // The web queue is routed by the platform, FIFO; the external queue in the partner's order.
    EXPECT_EQ(metrics.invariants.fifo_violations, 0u) << "seed " << seed;
    EXPECT_EQ(metrics.messages.lost, 0u);
    EXPECT_EQ(metrics.messages.transcript_duplicates, 0u);
    ASSERT_TRUE(metrics.consent.has_value());
    EXPECT_EQ(metrics.consent->violations(), 0u) << metrics.consent->violations_json().dump();
    EXPECT_GT(metrics.consent->opt_outs, 0u);
    // The partner's own routing placed every request it made, retrying when nobody could take one.
    ASSERT_EQ(metrics.partners.size(), 1u);
    const fakes::PartnerCounts& partner = metrics.partners[0].second;
    EXPECT_EQ(metrics.partners[0].first, "ccaas");
    // No transfers, shifts or inactive customers here: every request on the channel is one the partner made.
    EXPECT_EQ(partner.routes, requests_on(metrics.routing, "ccaas"));
    // Each accepted request was assigned by the partner, declined ones more than once.
    EXPECT_GE(partner.assignments, requests_on(metrics.routing, "ccaas") - metrics.routing.canceled);
    EXPECT_GT(partner.consent_updates, 0u);
    EXPECT_TRUE(metrics.to_json().contains("partner"));
  }
}

TEST(PartnerOwnedByoc, ARunIsDeterministic) {
  const Scenario scenario = load_partner_scenario();
  World first(scenario, 9);
  World second(scenario, 9);
  EXPECT_EQ(first.run().to_json().dump(), second.run().to_json().dump());
}

// Typed and on the wire (where the partner's PATCH consent is a signed HTTP
// call the stack verifies and decodes), a stack that ignores the partner's
// consent call is caught, with that call as the evidence.
TEST(PartnerOwnedByoc, AStackThatIgnoresThePartnersConsentCallIsCaught) {
  Scenario scenario = load_partner_scenario();
  for (const WireMode mode : {WireMode::kTyped, WireMode::kJson}) {
    scenario.wire = mode;
    const SkipsConsentCheck broken;
    World world(scenario, 2);
    world.stack().outbound().set_consent_gate(&broken);
    const Metrics metrics = world.run();
    ASSERT_TRUE(metrics.consent.has_value());
    const ConsentSummary& consent = *metrics.consent;
    EXPECT_GT(consent.violations_by_kind[static_cast<std::size_t>(ConsentViolationKind::kAfterOptOut)], 0u);
    // The partner refused what reached it for opted-out customers.
    EXPECT_GT(consent.blocked_by_provider, 0u);
    bool cited_partner_call = false;
    for (const ConsentViolation& violation : consent.listed) {
      if (violation.channel != "ccaas") continue;
      ASSERT_FALSE(violation.evidence.empty());
      cited_partner_call |= violation.evidence.front().find("partner consent OptedOut") != std::string::npos;
    }
    EXPECT_TRUE(cited_partner_call) << (mode == WireMode::kJson ? "wire" : "typed");
  }
}

// `run` and `serve` (which checks the same) take partner-owned routing and
// consent, typed and on the wire.
TEST(PartnerOwnedByoc, RunAndServeTakeItTypedOrOnTheWire) {
  Scenario scenario = load_partner_scenario();
  EXPECT_TRUE(check_supported(scenario).is_ok());
  scenario.wire = WireMode::kJson;
  EXPECT_TRUE(check_supported(scenario).is_ok()) << check_supported(scenario).message();
}

}  // namespace
}  // namespace msgsim::harness
