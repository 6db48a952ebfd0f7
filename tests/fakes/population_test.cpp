// Generated customers through a whole world: arrivals, switching channel,
// returning later, abandoning; conservation holds throughout.
#include "fakes/customers/population.h"

#include <gtest/gtest.h>

#include "sim/harness/scenario_loader.h"
#include "sim/harness/world.h"

namespace msgsim::fakes {
namespace {

harness::Scenario scenario(const std::string& behavior, const std::string& arrivals = R"j({"rate": "60/h"})j") {
  const std::string text = R"j({"msgsim": 1, "name": "population", "seed": 3, "duration": "10h", "drain": "6h",
    "org": {"queues": [{"id": "q"}],
            "channels": [{"id": "a", "type": "web", "address": "00000000-0000-4000-8000-0000000000a1", "routing": {"queue": "q"}, "fallback_queue": "q"},
                         {"id": "b", "type": "web", "address": "00000000-0000-4000-8000-0000000000b1", "routing": {"queue": "q"}, "fallback_queue": "q"}],
            "agents": [{"id": "x", "count": 3, "queues": ["q"], "capacity": 2, "permission_sets": ["MessagingUser"],
                        "behavior": {"handle_time": "exp(5m)", "reply_delay": "10s"}}]},
    "customers": {"populations": [{"id": "p", "arrivals": )j" + arrivals + R"j(, "channels": {"a": 0.5, "b": 0.5},
                                   "behavior": )j" + behavior + R"j(}]}})j";
  auto loaded = harness::load_scenario_text(text, "population.json");
  EXPECT_TRUE(loaded.is_ok()) << loaded.status().message();
  return loaded.take();
}

// Arrivals of {"count", "over"} give exactly that many customers, all within the window.
TEST(Population, CountArrivalsGiveExactlyThatMany) {
  const harness::Scenario s = scenario(R"j({"messages": 1})j", R"j({"count": 137, "over": "2h"})j");
  harness::World world(s, 1);
  const harness::Metrics metrics = world.run();
  EXPECT_EQ(metrics.population.arrived, 137u);
  EXPECT_EQ(metrics.routing.requests, 137u);
}

// Customers who switch channel write on a second channel as the same person; nothing is lost.
TEST(Population, SwitchingCustomersWriteOnAnotherChannel) {
  const harness::Scenario s = scenario(
      R"j({"messages": 4, "think_time": "exp(60s)", "switch_channel_probability": 0.5, "switch_after": "exp(90s)"})j");
  harness::World world(s, 1);
  const harness::Metrics metrics = world.run();
  // A switched customer appears as a second messaging user and session.
  EXPECT_GT(metrics.population.sessions_created, metrics.population.arrived + 100);
  EXPECT_EQ(metrics.messages.lost, 0u);
  EXPECT_EQ(metrics.messages.transcript_duplicates, 0u);
}

// Customers who return start new conversations later: more sessions than arrivals, same persons.
TEST(Population, ReturningCustomersStartNewConversations) {
  const harness::Scenario s =
      scenario(R"j({"messages": 1, "return_probability": 0.5, "return_after": "exp(1h)"})j");
  harness::World world(s, 1);
  const harness::Metrics metrics = world.run();
  // Each return is a new session of an existing person (about half return, some more than once).
  EXPECT_GT(metrics.population.sessions_created, metrics.population.arrived * 13 / 10);
  EXPECT_EQ(metrics.messages.lost, 0u);
}

// Impatient customers with no agent at all all abandon, and each abandonment cancels its request.
TEST(Population, ImpatientCustomersAbandonWhenNobodyAnswers) {
  harness::Scenario s = scenario(R"j({"messages": 1, "patience": "exp(2m)"})j");
  s.org.agents.front().permission_sets.clear();  // nobody can take messaging work
  harness::World world(s, 1);
  const harness::Metrics metrics = world.run();
  EXPECT_EQ(metrics.population.abandoned, metrics.population.arrived);
  EXPECT_EQ(metrics.routing.canceled, metrics.population.arrived);
  EXPECT_EQ(metrics.population.served, 0u);
}

}  // namespace
}  // namespace msgsim::fakes
