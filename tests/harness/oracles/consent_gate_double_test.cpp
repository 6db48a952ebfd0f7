// The consent oracle judges a whole run independently of the stack's ledger:
// with a test-double gate that skips the consent check (installed through
// OutboundSender::set_consent_gate, the stack's one seam for it), messages
// reach opted-out customers and the oracle reports them with evidence from
// the provider boundary; with the stack's real gate the same runs have none.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "sim/harness/oracles/consent_oracle.h"
#include "sim/harness/scenario_loader.h"
#include "sim/harness/support_check.h"
#include "sim/harness/world.h"
#include "sim/stack/consent/consent_gate.h"

namespace msgsim::harness {
namespace {

// A broken stack: every message may go, whatever the customer said.
class SkipsConsentCheck final : public stack::ConsentGate {
 public:
  runtime::Status allows(const stack::ConsentLedger&, stack::MessagingUserId, const stack::ChannelConsentSettings&,
                         stack::ConsentResponse) const override {
    return runtime::Status::ok();
  }
};

// A forwarding gate that must not change anything: the real decision, by way of the seam.
class ForwardsToLedger final : public stack::ConsentGate {
 public:
  runtime::Status allows(const stack::ConsentLedger& ledger, stack::MessagingUserId user,
                         const stack::ChannelConsentSettings& settings,
                         stack::ConsentResponse response) const override {
    return ledger.allows(user, settings, response);
  }
};

Scenario load(const runtime::Result<Scenario>& loaded) {
  EXPECT_TRUE(loaded.is_ok()) << loaded.status().message();
  if (!loaded.is_ok()) return Scenario();
  const runtime::Status supported = check_supported(loaded.value());
  EXPECT_TRUE(supported.is_ok()) << supported.message();
  return loaded.value();
}

// Runs `scenario` once with `gate` in place of the ledger's check (null: the real gate).
ConsentSummary consent_of_run(const Scenario& scenario, const stack::ConsentGate* gate) {
  World world(scenario, scenario.seed);
  world.stack().outbound().set_consent_gate(gate);
  const Metrics metrics = world.run();
  EXPECT_TRUE(metrics.consent.has_value());
  return metrics.consent.value_or(ConsentSummary());
}

std::uint64_t after_opt_out(const ConsentSummary& summary) {
  return summary.violations_by_kind[static_cast<std::size_t>(ConsentViolationKind::kAfterOptOut)];
}

// SMS customers who opt out mid-conversation, then a notification to everyone: the real gate must hold back
// the agents' late replies and the notification to those who opted out.
constexpr const char* kOptOutDesk = R"json({"msgsim": 1, "name": "opt-out-desk", "seed": 21, "duration": "4h",
  "drain": "1h",
  "org": {"queues": [{"id": "support"}],
    "channels": [{"id": "sms-us", "type": "sms", "address": "+14155550100",
                  "routing": {"queue": "support"}, "fallback_queue": "support",
                  "consent": {"required": "implicit", "keyword_pack": "default",
                              "responses": {"opt_out": "You are unsubscribed. Reply START to resubscribe."}}}],
    "agents": [{"id": "agent", "count": 4, "queues": ["support"], "capacity": 3,
                "permission_sets": ["MessagingUser"],
                "behavior": {"accept_delay": "5s", "reply_delay": "exp(90s)", "handle_time": "exp(20m)"}}]},
  "providers": {"*": {"latency": "200ms"}},
  "customers": {"populations": [{"id": "texters", "arrivals": {"count": 300, "over": "3h"},
    "channels": {"sms-us": 1.0},
    "consent": {"opt_out_probability": 0.3},
    "behavior": {"messages": "geometric(3)", "think_time": "exp(40s)"}}]},
  "notifications": [{"id": "shipping", "channel": "sms-us", "at": "3h30m", "audience": "population:texters",
                     "template": "order_update", "category": "utility", "allow_existing_session": "any"}]})json";

// With the double, the customers who texted STOP keep getting messages: after_opt_out violations, each with the
// opt-out and the offending outbound message as evidence; the stack blocks nothing itself.
TEST(ConsentGateDouble, SkippedConsentCheckIsCaughtWithEvidence) {
  const Scenario scenario = load(load_scenario_text(kOptOutDesk, "opt-out-desk.json"));
  const SkipsConsentCheck broken;
  const ConsentSummary summary = consent_of_run(scenario, &broken);
  EXPECT_GT(summary.opt_outs, 20u);
  // At least every opted-out customer still in the notification's audience.
  EXPECT_GE(after_opt_out(summary), summary.opt_outs);
  EXPECT_EQ(summary.blocked_by_stack, 0u);
  // The SMS provider enforces carrier opt-outs itself (error 21610), but a submission is the stack's fault.
  EXPECT_GT(summary.blocked_by_provider, 0u);
  EXPECT_LT(summary.compliance_rate(), 1.0);
  ASSERT_FALSE(summary.listed.empty());
  for (const ConsentViolation& violation : summary.listed) {
    EXPECT_EQ(violation.channel, "sms-us");
    EXPECT_EQ(violation.customer.rfind("c-", 0), 0u) << violation.customer;
    ASSERT_GE(violation.evidence.size(), 2u);
    if (violation.kind != ConsentViolationKind::kAfterOptOut) continue;
    // The opt-out keyword first, the offending message last, at the violation's time.
    EXPECT_NE(violation.evidence.front().find("inbound"), std::string::npos) << violation.evidence.front();
    EXPECT_NE(violation.evidence.back().find("outbound"), std::string::npos) << violation.evidence.back();
  }
}

// The same population with the stack's real gate (directly, and forwarded through the seam): no violation,
// and the stack itself refused the messages the double let through.
TEST(ConsentGateDouble, RealGateHasNoViolations) {
  const Scenario scenario = load(load_scenario_text(kOptOutDesk, "opt-out-desk.json"));
  const ConsentSummary real = consent_of_run(scenario, nullptr);
  EXPECT_EQ(real.violations(), 0u) << (real.listed.empty() ? "" : real.listed.front().evidence.back());
  EXPECT_EQ(real.compliance_rate(), 1.0);
  EXPECT_GT(real.opt_outs, 20u);
  EXPECT_GE(real.blocked_by_stack, real.opt_outs);
  const ForwardsToLedger forwarding;
  const ConsentSummary forwarded = consent_of_run(scenario, &forwarding);
  EXPECT_EQ(forwarded.violations(), 0u);
  EXPECT_EQ(forwarded.outbound_checked, real.outbound_checked);
  EXPECT_EQ(forwarded.blocked_by_stack, real.blocked_by_stack);
}

// The shipped consent-stop scenario: the agent's answer after STOP is held back by the real gate, and reaches
// the customer through the double, where the oracle cites STOP, its confirmation and the answer.
TEST(ConsentGateDouble, ShippedConsentStopScenarioCatchesTheLateAnswer) {
  const Scenario scenario = load(load_scenario_file(std::string(MSGSIM_SOURCE_DIR) + "/scenarios/consent-stop.json"));
  EXPECT_EQ(consent_of_run(scenario, nullptr).violations(), 0u);
  const SkipsConsentCheck broken;
  const ConsentSummary summary = consent_of_run(scenario, &broken);
  EXPECT_GE(after_opt_out(summary), 1u);
  ASSERT_FALSE(summary.listed.empty());
  const ConsentViolation& first = summary.listed.front();
  EXPECT_EQ(first.kind, ConsentViolationKind::kAfterOptOut);
  ASSERT_EQ(first.evidence.size(), 3u);
  EXPECT_NE(first.evidence[0].find("inbound STOP"), std::string::npos) << first.evidence[0];
  EXPECT_NE(first.evidence[1].find("opt-out confirmation"), std::string::npos) << first.evidence[1];
  EXPECT_NE(first.evidence[2].find("outbound"), std::string::npos) << first.evidence[2];
}

}  // namespace
}  // namespace msgsim::harness
