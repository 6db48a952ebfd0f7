// The deployment lint of `msgsim validate`: a clean deployment has no
// finding, and each rule fires, at the item's JSON path, on a scenario text
// that makes exactly that setup mistake.
#include "sim/harness/lint.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>

#include "sim/harness/scenario_loader.h"

namespace msgsim::harness {
namespace {

// One web channel routed to one queue, served by two agents with MessagingUser.
constexpr const char* kClean = R"({
  "msgsim": 1, "name": "lint", "duration": "1h",
  "org": {
    "queues": [{"id": "q"}],
    "channels": [{"id": "web", "type": "web", "address": "00000000-0000-4000-8000-000000000001",
                  "routing": {"queue": "q"}, "fallback_queue": "q"}],
    "agents": [{"id": "a", "count": 2, "queues": ["q"], "permission_sets": ["MessagingUser"]}]
  },
  "customers": {"populations": [{"id": "p", "arrivals": {"rate": "10/h"}, "channels": {"web": 1.0}}]}
})";

nlohmann::json clean() { return nlohmann::json::parse(kClean); }

Scenario load(const nlohmann::json& text) {
  runtime::Result<Scenario> loaded = load_scenario_text(text.dump(), "lint.json");
  if (!loaded.is_ok()) throw std::runtime_error(loaded.status().message());
  return loaded.take();
}

std::vector<LintFinding> with_rule(const std::vector<LintFinding>& findings, const std::string& rule) {
  std::vector<LintFinding> matching;
  std::copy_if(findings.begin(), findings.end(), std::back_inserter(matching),
               [&](const LintFinding& finding) { return finding.rule == rule; });
  return matching;
}

// The one finding of `rule` in `findings`; fails the test when there is not exactly one.
LintFinding only(const std::vector<LintFinding>& findings, const std::string& rule) {
  const std::vector<LintFinding> matching = with_rule(findings, rule);
  EXPECT_EQ(matching.size(), 1u) << rule;
  return matching.empty() ? LintFinding{} : matching.front();
}

// A deployment without setup mistakes has no finding.
TEST(Lint, CleanDeploymentHasNoFinding) {
  EXPECT_TRUE(lint_scenario(load(clean())).empty());
}

// Messaging switched off for the org is found at org.messaging_enabled.
TEST(Lint, MessagingDisabledIsFound) {
  nlohmann::json text = clean();
  text["org"]["messaging_enabled"] = false;
  const LintFinding finding = only(lint_scenario(load(text)), "messaging-disabled");
  EXPECT_EQ(finding.path, "org.messaging_enabled");
}

// An agent group without MessagingUser is found, and its queue then has nobody to serve it.
TEST(Lint, AgentsWithoutMessagingUserAreFound) {
  nlohmann::json text = clean();
  text["org"]["agents"][0]["permission_sets"] = nlohmann::json::array({"Support"});
  const std::vector<LintFinding> findings = lint_scenario(load(text));
  const LintFinding finding = only(findings, "agent-without-messaging-user");
  EXPECT_EQ(finding.path, "org.agents[0].permission_sets");
  EXPECT_NE(finding.message.find("2 agent(s)"), std::string::npos) << finding.message;
  EXPECT_EQ(only(findings, "queue-not-served").path, "org.queues[0]");
}

// A channel whose routing names nothing, or a target that does not exist, is found (a model the loader would refuse).
TEST(Lint, ChannelWithoutRoutingIsFound) {
  Scenario scenario = load(clean());
  scenario.org.channels[0].routing = RouteTarget{};
  EXPECT_EQ(only(lint_scenario(scenario), "channel-without-routing").path, "org.channels[0].routing");
  scenario.org.channels[0].routing.queue = "nope";
  const LintFinding finding = only(lint_scenario(scenario), "channel-without-routing");
  EXPECT_NE(finding.message.find("unknown queue \"nope\""), std::string::npos) << finding.message;
}

// A channel without a fallback queue is found (a model the loader would refuse).
TEST(Lint, ChannelWithoutFallbackQueueIsFound) {
  Scenario scenario = load(clean());
  scenario.org.channels[0].fallback_queue.clear();
  EXPECT_EQ(only(lint_scenario(scenario), "channel-without-fallback-queue").path, "org.channels[0].fallback_queue");
}

// A queue no agent lists is found; one served through all its skills is not.
TEST(Lint, QueueNobodyServesIsFound) {
  nlohmann::json text = clean();
  text["org"]["queues"].push_back({{"id", "orphan"}});
  text["org"]["queues"].push_back({{"id", "billing"}, {"skills", {"billing"}}});
  text["org"]["agents"][0]["skills"] = {{"billing", 3}};
  const LintFinding finding = only(lint_scenario(load(text)), "queue-not-served");
  EXPECT_EQ(finding.path, "org.queues[1]");
  EXPECT_NE(finding.message.find("\"orphan\""), std::string::npos) << finding.message;
}

// An SMS channel with keyword pack "none" and no opt-out keyword is found; an explicit STOP silences it.
TEST(Lint, SmsChannelWithoutOptOutKeywordsIsFound) {
  nlohmann::json text = clean();
  text["org"]["channels"].push_back({{"id", "sms"}, {"type", "sms"}, {"address", "+14155550100"},
                                     {"routing", {{"queue", "q"}}}, {"fallback_queue", "q"},
                                     {"consent", {{"keyword_pack", "none"}}}});
  EXPECT_EQ(only(lint_scenario(load(text)), "sms-without-opt-out").path, "org.channels[1].consent");
  text["org"]["channels"][1]["consent"]["keywords"] = {{"opt_out", {"STOP"}}};
  EXPECT_TRUE(with_rule(lint_scenario(load(text)), "sms-without-opt-out").empty());
}

// A flow intent that no population ever has is found at its route.
TEST(Lint, UnreachableFlowIntentIsFound) {
  nlohmann::json text = clean();
  text["org"]["flows"] = nlohmann::json::parse(R"([{"id": "bot", "route": {
      "by_intent": {"billing": {"queue": "q"}, "sales": {"queue": "q"}}, "default": {"queue": "q"}}}])");
  text["org"]["channels"][0]["routing"] = {{"flow", "bot"}};
  text["customers"]["populations"][0]["behavior"] = {{"intents", {{"billing", 0.4}, {"other", 0.6}}}};
  const LintFinding finding = only(lint_scenario(load(text)), "unreachable-flow-intent");
  EXPECT_EQ(finding.path, "org.flows[0].route.by_intent.sales");
  EXPECT_TRUE(with_rule(lint_scenario(load(text)), "flow-not-routed").empty());
}

// A flow that no channel, transfer or other flow routes to is found.
TEST(Lint, FlowNothingRoutesToIsFound) {
  nlohmann::json text = clean();
  text["org"]["flows"] = nlohmann::json::parse(R"([{"id": "unused", "route": {"default": {"queue": "q"}}}])");
  EXPECT_EQ(only(lint_scenario(load(text)), "flow-not-routed").path, "org.flows[0]");
}

// Business hours closed on all seven days are found at their week.
TEST(Lint, BusinessHoursThatNeverOpenAreFound) {
  nlohmann::json text = clean();
  text["org"]["business_hours"] = {{"never", {{"time_zone", "UTC"}, {"week", {{"mon-fri", "closed"}}}}}};
  text["org"]["channels"][0]["business_hours"] = "never";
  text["org"]["channels"][0]["auto_responses"] = {{"offline", "We are closed."}};
  const std::vector<LintFinding> findings = lint_scenario(load(text));
  EXPECT_EQ(only(findings, "business-hours-never-open").path, "org.business_hours.never.week");
  EXPECT_EQ(findings.size(), 1u);
}

// An agent group whose capacity is below the capacity weight of a queue it serves is found.
TEST(Lint, CapacityBelowQueueWeightIsFound) {
  nlohmann::json text = clean();
  text["org"]["queues"][0]["capacity_weight"] = 3;
  text["org"]["agents"][0]["capacity"] = 2;
  const LintFinding finding = only(lint_scenario(load(text)), "capacity-below-weight");
  EXPECT_EQ(finding.path, "org.agents[0].capacity");
  text["org"]["agents"][0]["capacity"] = 3;
  EXPECT_TRUE(lint_scenario(load(text)).empty());
}

// A channel with business hours but no offline auto-response is found, once for all copies of a counted channel.
TEST(Lint, BusinessHoursWithoutOfflineAutoResponseIsFoundOncePerDeclaredChannel) {
  nlohmann::json text = clean();
  text["org"]["business_hours"] = {{"office", {{"time_zone", "UTC"}, {"week", {{"mon-fri", "09:00-17:00"}}}}}};
  text["org"]["channels"][0]["business_hours"] = "office";
  text["org"]["channels"][0]["count"] = 3;
  text["customers"]["populations"][0]["channels"] = {{"web-1", 1.0}};
  const std::vector<LintFinding> findings = lint_scenario(load(text));
  EXPECT_EQ(only(findings, "offline-without-auto-response").path, "org.channels[0].auto_responses");
  EXPECT_EQ(findings.size(), 1u);
}

}  // namespace
}  // namespace msgsim::harness
