// Runs a scenario live and headless: one World on its SimRuntime, paced by a
// LivePacer against the wall clock at `speed` (accelerated real time), with a
// LiveLatencyProbe on the trace. The metrics are those of the simulation (the
// model is the same; only the pacing differs); the outcome's `live` holds the
// wall-clock figures of host.live. One replication: live runs are about the
// host, and replications would compete for its cores. Runs on the calling
// thread, which it blocks for about (duration + drain) / speed.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "sim/harness/runner.h"
#include "sim/harness/scenario.h"

namespace msgsim::harness {

struct LiveRunOptions {
  std::optional<std::uint64_t> seed;  // overrides the scenario's
  // Simulated seconds per wall second; finite and > 0.
  double speed = 60.0;
  // When set, the run's trace events go to this file as JSON lines.
  std::optional<std::string> trace_path;
  // Called a few times per wall second with the run's progress. Empty = none.
  std::function<void(const Progress&)> on_progress;
};

// REQUIRES: the scenario passed the support check; options.speed > 0.
RunOutcome run_scenario_live(const Scenario& scenario, const LiveRunOptions& options);

}  // namespace msgsim::harness
