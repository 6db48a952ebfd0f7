// Runs a scenario: one World per replication, each on its own SimRuntime with
// a seed derived from the root seed, spread over a small thread pool (nothing
// shared between replications), then merges their metrics in replication
// order so the result does not depend on thread timing.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "sim/harness/metrics.h"
#include "sim/harness/scenario.h"

namespace msgsim::harness {

struct RunOptions {
  std::optional<std::uint64_t> seed;  // overrides the scenario's
  std::optional<int> replications;    // overrides the scenario's
  int threads = 2;
};

struct ReplicationRun {
  std::uint64_t seed = 0;
  Metrics metrics;
};

struct RunOutcome {
  std::uint64_t seed = 0;
  int replications = 1;
  Metrics merged;
  std::vector<ReplicationRun> runs;  // in replication order
  double wall_s = 0.0;
};

// REQUIRES: the scenario passed the support check.
RunOutcome run_scenario(const Scenario& scenario, const RunOptions& options);

}  // namespace msgsim::harness
