// A partner owns routing or consent only on a byoc_ccaas channel (refused
// when the scenario loads), and `run` refuses, by name, every way into a
// queue with model "external" that no partner would route.
#include <gtest/gtest.h>

#include <string>

#include "sim/harness/scenario_loader.h"
#include "sim/harness/support_check.h"

namespace msgsim::harness {
namespace {

std::string scenario_with_channels(const std::string& channels) {
  return R"({"msgsim": 1, "name": "x", "duration": "1h", "org": {"queues": [{"id": "partner", "model": "external"},
    {"id": "support"}], "channels": )" + channels +
         R"(, "agents": [{"id": "a", "queues": ["partner", "support"]}]}, "customers": {"populations": []}})";
}

// The message of loading `text`; "" (and a failure) when it loads.
std::string load_rejection(const std::string& text) {
  const runtime::Result<Scenario> loaded = load_scenario_text(text, "x.json");
  EXPECT_FALSE(loaded.is_ok());
  if (loaded.is_ok()) return "";
  EXPECT_EQ(loaded.status().code(), runtime::StatusCode::kInvalidInput);
  return loaded.status().message();
}

// The support check's message for a scenario that loads; "" when it is supported.
std::string run_refusal(const std::string& text) {
  const runtime::Result<Scenario> loaded = load_scenario_text(text, "x.json");
  EXPECT_TRUE(loaded.is_ok()) << loaded.status().message();
  if (!loaded.is_ok()) return "";
  const runtime::Status supported = check_supported(loaded.value());
  if (supported.is_ok()) return "";
  EXPECT_EQ(supported.code(), runtime::StatusCode::kUnsupported);
  return supported.message();
}

TEST(PartnerRoutingReferences, APartnerRoutesToAnyQueueWithSkills) {
  for (const char* queue : {"partner", "support"}) {
    EXPECT_EQ(run_refusal(scenario_with_channels(std::string(R"([{"id": "cc", "type": "byoc_ccaas", "address": "p-1",
        "routing": {"queue": ")") + queue + R"(", "skills": []}, "fallback_queue": "support",
        "byoc": {"routing_owner": "partner", "consent_owner": "partner"}}])")),
              "")
        << queue;
  }
}

TEST(PartnerRoutingReferences, NothingElseSendsWorkToAnExternalQueue) {
  std::string message = run_refusal(scenario_with_channels(
      R"([{"id": "w", "type": "web", "address": "w-1", "routing": {"queue": "partner"}, "fallback_queue": "support"}])"));
  EXPECT_NE(message.find("x.json: at org.channels[0].routing.queue: work for queue \"partner\" (model \"external\")"),
            std::string::npos)
      << message;
  message = run_refusal(scenario_with_channels(
      R"([{"id": "w", "type": "web", "address": "w-1", "routing": {"queue": "support"}, "fallback_queue": "partner"}])"));
  EXPECT_NE(message.find("at org.channels[0].fallback_queue: work for queue \"partner\""), std::string::npos) << message;
  message = run_refusal(scenario_with_channels(
      R"([{"id": "cc", "type": "byoc_ccaas", "address": "p-1", "routing": {"agent": "a"}, "fallback_queue": "support",
           "byoc": {"routing_owner": "partner"}}])"));
  EXPECT_NE(message.find("at org.channels[0].routing: a flow or agent as the routing"), std::string::npos) << message;
}

TEST(PartnerRoutingReferences, OnlyByocForCcaasLetsThePartnerOwnRoutingOrConsent) {
  std::string message = load_rejection(scenario_with_channels(
      R"([{"id": "b", "type": "byoc", "address": "b-1", "routing": {"queue": "support"},
           "fallback_queue": "support", "byoc": {"routing_owner": "partner"}}])"));
  EXPECT_NE(message.find("x.json: at org.channels[0].byoc.routing_owner: expected \"platform\""), std::string::npos)
      << message;
  message = load_rejection(scenario_with_channels(
      R"([{"id": "b", "type": "byoc", "address": "b-1", "routing": {"queue": "support"},
           "fallback_queue": "support", "byoc": {"consent_owner": "partner"}}])"));
  EXPECT_NE(message.find("at org.channels[0].byoc.consent_owner: expected \"platform\""), std::string::npos) << message;
}

}  // namespace
}  // namespace msgsim::harness
