// A small web support desk for script tests: one web channel "web" (with an
// initial auto-response) and a second one "web-2", one queue, a few agents
// with constant delays, and one script "alice" whose steps the test gives.
// Runs it through harness::World and returns alice's result.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "sim/harness/scenario_loader.h"
#include "sim/harness/script_results.h"
#include "sim/harness/support_check.h"
#include "sim/harness/world.h"

namespace msgsim::testing {

struct Desk {
  int agents = 1;
  std::string accept_delay = "2s";
  std::string reply_delay = "10s";
  std::string handle_time = "5m";
  std::string latency = "500ms";
  std::string duration = "1h";
  std::string drain = "10m";
};

inline std::string desk_scenario(const std::string& steps, const Desk& desk = {}) {
  return R"({"msgsim": 1, "name": "desk", "duration": ")" + desk.duration + R"(", "drain": ")" + desk.drain +
         R"(",
  "org": {"queues": [{"id": "support"}],
    "channels": [
      {"id": "web", "type": "web", "address": "00000000-0000-4000-8000-000000000001",
       "routing": {"queue": "support"}, "fallback_queue": "support",
       "auto_responses": {"initial": "Thanks, an agent will be with you shortly."}},
      {"id": "web-2", "type": "web", "address": "00000000-0000-4000-8000-000000000002",
       "routing": {"queue": "support"}, "fallback_queue": "support"}],
    "agents": [{"id": "agent", "count": )" +
         std::to_string(desk.agents) + R"(, "queues": ["support"], "capacity": 1,
      "permission_sets": ["MessagingUser"],
      "behavior": {"accept_delay": ")" + desk.accept_delay + R"(", "reply_delay": ")" + desk.reply_delay +
         R"(", "handle_time": ")" + desk.handle_time + R"("}}]},
  "providers": {"*": {"latency": ")" + desk.latency + R"("}},
  "customers": {"scripts": [{"id": "alice", "steps": [)" + steps + R"(]}]}})";
}

// Loads `text`, which must be valid and supported.
inline harness::Scenario load_supported(const std::string& text) {
  runtime::Result<harness::Scenario> loaded = harness::load_scenario_text(text, "desk.json");
  EXPECT_TRUE(loaded.is_ok()) << loaded.status().message();
  if (!loaded.is_ok()) return harness::Scenario();
  const runtime::Status supported = harness::check_supported(loaded.value());
  EXPECT_TRUE(supported.is_ok()) << supported.message();
  return loaded.take();
}

// Alice's result after one run of the desk with `steps`.
inline harness::ScriptResult run_alice(const std::string& steps, const Desk& desk = {}) {
  const harness::Scenario scenario = load_supported(desk_scenario(steps, desk));
  if (scenario.customers.scripts.empty()) return harness::ScriptResult();
  harness::World world(scenario, 1);
  (void)world.run();
  EXPECT_EQ(world.script_results().size(), 1u);
  return world.script_results().empty() ? harness::ScriptResult() : world.script_results().front();
}

// The result of step `index` (1-based, as in the file).
inline harness::ScriptStepResult step(const harness::ScriptResult& result, int index) {
  for (const harness::ScriptStepResult& each : result.steps) {
    if (each.index == index) return each;
  }
  ADD_FAILURE() << "no result for step " << index;
  return harness::ScriptStepResult();
}

}  // namespace msgsim::testing
