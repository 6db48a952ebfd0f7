// The consent oracle judged against a deliberately careless stack: a test
// double that writes the provider boundary log a faulty stack would cause.
#include "sim/harness/oracles/consent_oracle.h"

#include <gtest/gtest.h>

#include "sim/harness/scenario_loader.h"
#include "sim/harness/world.h"

namespace msgsim::harness {
namespace {

using runtime::Duration;
using runtime::Time;

constexpr const char* kConfirmation = "You are unsubscribed. Reply START to resubscribe.";

ConsentChannelRules sms_rules(ConsentLevelRequired required = ConsentLevelRequired::kImplicit) {
  ChannelConsent consent;
  consent.required = required;
  consent.responses.opt_out = kConfirmation;
  Channel channel;
  channel.id = "sms-us";
  channel.type = ChannelType::kSms;
  channel.consent = consent;
  channel.consent_given = true;
  Scenario scenario;
  scenario.org.channels.push_back(channel);
  return consent_oracle_config(scenario).channels.front();
}

// One customer on one channel, and a "stack" that submits whatever it is told.
struct CarelessStack {
  fakes::GroundTruth truth;
  stack::CustomerHandle customer;
  ConsentOracleConfig config;

  explicit CarelessStack(ConsentChannelRules rules, bool fcc = false) {
    truth.record_boundary = true;
    const fakes::PersonId person = truth.add_person(0, 0, Time());
    customer = truth.new_handle(person);
    config.channels.push_back(std::move(rules));
    config.fcc_revocation = fcc;
  }
  void customer_writes(double at_s, const std::string& text) {
    truth.record_boundary_inbound(stack::ChannelId(0), customer, text, Time::at(Duration::from_seconds(at_s)));
  }
  void stack_sends(double at_s, const std::string& text, bool accepted = true) {
    const stack::OutboundRequest request{stack::ChannelId(0), customer, stack::OutboundId(0), text};
    truth.record_boundary_outbound(request, accepted, Time::at(Duration::from_seconds(at_s)));
  }
  ConsentSummary judge(double end_s = 100'000.0) const {
    return ConsentOracle(config).finish(truth, Time::at(Duration::from_seconds(end_s)));
  }
};

std::uint64_t count(const ConsentSummary& summary, ConsentViolationKind kind) {
  return summary.violations_by_kind[static_cast<std::size_t>(kind)];
}

// An agent message after STOP is after_opt_out, with the STOP, the confirmation and the message as evidence.
TEST(ConsentOracle, AgentTextAfterStopIsAfterOptOutWithEvidence) {
  CarelessStack stack(sms_rules());
  stack.customer_writes(5000.0, "Where is my parcel?");
  stack.stack_sends(5100.0, "Let me check");
  stack.customer_writes(5301.0, "STOP");
  stack.stack_sends(5302.1, kConfirmation);
  stack.stack_sends(5400.2, "Your parcel ships today");
  const ConsentSummary summary = stack.judge();
  EXPECT_EQ(summary.outbound_checked, 3u);
  EXPECT_EQ(summary.violations(), 1u);
  EXPECT_EQ(count(summary, ConsentViolationKind::kAfterOptOut), 1u);
  EXPECT_EQ(summary.opt_outs, 1u);
  ASSERT_EQ(summary.listed.size(), 1u);
  const ConsentViolation& violation = summary.listed.front();
  EXPECT_EQ(violation.kind, ConsentViolationKind::kAfterOptOut);
  EXPECT_DOUBLE_EQ(violation.t_s, 5400.2);
  EXPECT_EQ(violation.channel, "sms-us");
  EXPECT_EQ(violation.customer, "c-0");
  const std::vector<std::string> expected = {"t=5301.0 inbound STOP", "t=5302.1 outbound opt-out confirmation",
                                             "t=5400.2 outbound text \"Your parcel ships today\""};
  EXPECT_EQ(violation.evidence, expected);
  EXPECT_EQ(summary.violations_json().front()["kind"], "after_opt_out");
}

// One confirmation after STOP is allowed; a second accepted one is confirmation_repeated.
TEST(ConsentOracle, ConfirmationOnceIsFineTwiceIsRepeated) {
  CarelessStack once(sms_rules());
  once.customer_writes(10.0, "STOP");
  once.stack_sends(11.0, kConfirmation);
  EXPECT_EQ(once.judge().violations(), 0u);

  CarelessStack twice(sms_rules());
  twice.customer_writes(10.0, "STOP");
  twice.stack_sends(11.0, kConfirmation);
  twice.stack_sends(12.0, kConfirmation);
  const ConsentSummary summary = twice.judge();
  EXPECT_EQ(summary.violations(), 1u);
  EXPECT_EQ(count(summary, ConsentViolationKind::kConfirmationRepeated), 1u);
  EXPECT_EQ(summary.listed.front().evidence.size(), 3u);
}

// Resending the confirmation after the provider refused it is a retry, not a repeat.
TEST(ConsentOracle, ConfirmationRetriedAfterRefusalIsNotARepeat) {
  CarelessStack stack(sms_rules());
  stack.customer_writes(10.0, "STOP");
  stack.stack_sends(11.0, kConfirmation, /*accepted=*/false);
  stack.stack_sends(15.0, kConfirmation);
  const ConsentSummary summary = stack.judge();
  EXPECT_EQ(summary.violations(), 0u);
  EXPECT_EQ(summary.blocked_by_provider, 1u);
  EXPECT_EQ(summary.opt_out_latency.count(), 1u);
}

// A STOP with no confirmation within a minute is opt_out_not_confirmed; a late one counts too.
TEST(ConsentOracle, StopNeverConfirmedIsOptOutNotConfirmed) {
  CarelessStack never(sms_rules());
  never.customer_writes(10.0, "stop");
  const ConsentSummary summary = never.judge();
  EXPECT_EQ(count(summary, ConsentViolationKind::kOptOutNotConfirmed), 1u);
  ASSERT_EQ(summary.listed.size(), 1u);
  EXPECT_DOUBLE_EQ(summary.listed.front().t_s, 70.0);
  EXPECT_EQ(summary.listed.front().evidence, std::vector<std::string>{"t=10.0 inbound stop"});

  CarelessStack late(sms_rules());
  late.customer_writes(10.0, "STOP");
  late.stack_sends(100.0, kConfirmation);
  EXPECT_EQ(count(late.judge(), ConsentViolationKind::kOptOutNotConfirmed), 1u);

  // A run that ends within the minute has not violated anything yet.
  EXPECT_EQ(never.judge(/*end_s=*/30.0).violations(), 0u);
}

// The confirmation latency is measured from the STOP to the confirmation's submission.
TEST(ConsentOracle, OptOutLatencyRunsFromStopToConfirmation) {
  CarelessStack stack(sms_rules());
  stack.customer_writes(10.0, "STOP");
  stack.stack_sends(12.5, kConfirmation);
  const ConsentSummary summary = stack.judge();
  EXPECT_EQ(summary.opt_out_latency.count(), 1u);
  EXPECT_NEAR(summary.opt_out_latency.mean_ns() / 1e9, 2.5, 1e-9);
  EXPECT_EQ(summary.to_json()["opt_out_latency_s"]["count"], 1u);
}

// START after STOP allows messages again.
TEST(ConsentOracle, StartAfterStopAllowsMessagesAgain) {
  CarelessStack stack(sms_rules());
  stack.customer_writes(10.0, "STOP");
  stack.stack_sends(11.0, kConfirmation);
  stack.customer_writes(500.0, " start ");
  stack.stack_sends(501.0, "Welcome back");
  stack.stack_sends(600.0, "Your parcel ships today");
  const ConsentSummary summary = stack.judge();
  EXPECT_EQ(summary.violations(), 0u);
  EXPECT_EQ(summary.outbound_checked, 3u);
}

// On a channel that requires explicit opt-in, writing is not enough; the opt-in keyword is.
TEST(ConsentOracle, ExplicitChannelWithoutOptInIsWithoutRequiredOptIn) {
  CarelessStack stack(sms_rules(ConsentLevelRequired::kExplicit));
  stack.customer_writes(10.0, "Hello");
  stack.stack_sends(20.0, "Hi, how can we help?");
  stack.customer_writes(30.0, "START");
  stack.stack_sends(40.0, "Thanks for opting in");
  const ConsentSummary summary = stack.judge();
  EXPECT_EQ(summary.violations(), 1u);
  EXPECT_EQ(count(summary, ConsentViolationKind::kWithoutRequiredOptIn), 1u);
  EXPECT_DOUBLE_EQ(summary.listed.front().t_s, 20.0);
}

// A business message to someone who never wrote on the channel is unsolicited.
TEST(ConsentOracle, MessageToSomeoneWhoNeverWroteIsUnsolicited) {
  CarelessStack stack(sms_rules());
  stack.stack_sends(20.0, "Big sale today");
  EXPECT_EQ(count(stack.judge(), ConsentViolationKind::kUnsolicited), 1u);
}

// "Stop please" is not a keyword, but under FCC revocation it is an opt-out.
TEST(ConsentOracle, StopPleaseIsAnOptOutOnlyInFccMode) {
  for (const bool fcc : {false, true}) {
    CarelessStack stack(sms_rules(), fcc);
    stack.customer_writes(10.0, "Hello");
    stack.customer_writes(20.0, "Stop please");
    stack.stack_sends(21.0, kConfirmation);
    stack.stack_sends(30.0, "Anything else?");
    const ConsentSummary summary = stack.judge();
    EXPECT_EQ(summary.opt_outs, fcc ? 1u : 0u) << "fcc=" << fcc;
    EXPECT_EQ(count(summary, ConsentViolationKind::kAfterOptOut), fcc ? 1u : 0u) << "fcc=" << fcc;
  }
}

// compliance_rate is 1 - violations / outbound_checked, and 1 with nothing to judge.
TEST(ConsentOracle, ComplianceRateIsOneMinusViolationsOverChecked) {
  ConsentSummary summary;
  EXPECT_DOUBLE_EQ(summary.compliance_rate(), 1.0);
  summary.outbound_checked = 8;
  summary.violations_by_kind[static_cast<std::size_t>(ConsentViolationKind::kAfterOptOut)] = 1;
  summary.violations_by_kind[static_cast<std::size_t>(ConsentViolationKind::kUnsolicited)] = 1;
  EXPECT_DOUBLE_EQ(summary.compliance_rate(), 0.75);
  EXPECT_EQ(summary.to_json()["violations"], 2u);
  // An unconfirmed opt-out with nothing sent cannot take the rate below 0.
  ConsentSummary unconfirmed;
  unconfirmed.violations_by_kind[static_cast<std::size_t>(ConsentViolationKind::kOptOutNotConfirmed)] = 1;
  EXPECT_DOUBLE_EQ(unconfirmed.compliance_rate(), 0.0);
}

// Merging adds counts and keeps the first replication's violation list.
TEST(ConsentOracle, MergeAddsCountsAndKeepsTheFirstList) {
  CarelessStack stack(sms_rules());
  stack.stack_sends(20.0, "Big sale today");
  ConsentSummary first = stack.judge();
  const ConsentSummary second = stack.judge();
  first.merge(second);
  EXPECT_EQ(first.outbound_checked, 2u);
  EXPECT_EQ(first.violations(), 2u);
  EXPECT_EQ(first.listed.size(), 1u);
}

Scenario sms_scenario(const std::string& channel_extra) {
  const std::string text = R"j({"msgsim": 1, "name": "consent-plain", "seed": 3, "duration": "3h", "drain": "2h",
    "org": {"queues": [{"id": "q"}],
            "channels": [{"id": "sms-us", "type": "sms", "address": "+14155550100", "routing": {"queue": "q"},
                          "fallback_queue": "q")j" + channel_extra + R"j(}],
            "agents": [{"id": "x", "count": 3, "queues": ["q"], "capacity": 2, "permission_sets": ["MessagingUser"],
                        "behavior": {"handle_time": "exp(5m)", "reply_delay": "10s"}}]},
    "customers": {"populations": [{"id": "p", "arrivals": {"count": 50, "over": "2h"}, "channels": {"sms-us": 1.0},
                                   "behavior": {"messages": 3, "think_time": "exp(30s)"}}]}})j";
  auto loaded = load_scenario_text(text, "consent-plain.json");
  EXPECT_TRUE(loaded.is_ok()) << loaded.status().message();
  return loaded.take();
}

// Customers who write normally on SMS give a consent section with no violations.
TEST(ConsentOracle, PlainSmsConversationsHaveNoViolationsInAWorld) {
  const Scenario scenario = sms_scenario("");
  ASSERT_TRUE(consent_applies(scenario));
  World world(scenario, 1);
  const Metrics metrics = world.run();
  ASSERT_TRUE(metrics.consent.has_value());
  EXPECT_GT(metrics.consent->outbound_checked, 0u);
  EXPECT_EQ(metrics.consent->violations(), 0u);
  EXPECT_EQ(metrics.consent->opt_outs, 0u);
  EXPECT_TRUE(metrics.to_json().contains("consent"));
}

// An SMS channel whose keyword pack is none has no consent section at all.
TEST(ConsentOracle, SmsWithoutKeywordsHasNoConsentSection) {
  Scenario scenario = sms_scenario("");
  scenario.org.channels.front().consent.keyword_pack = KeywordPack::kNone;
  EXPECT_FALSE(consent_applies(scenario));
  World world(scenario, 1);
  EXPECT_FALSE(world.run().to_json().contains("consent"));
}

}  // namespace
}  // namespace msgsim::harness
