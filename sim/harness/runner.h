// Runs a scenario: one World per replication, each on its own SimRuntime with
// a seed derived from the root seed, spread over a small thread pool (nothing
// shared between replications), then merges their metrics in replication
// order so the result does not depend on thread timing.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "sim/harness/live_figures.h"
#include "sim/harness/metrics.h"
#include "sim/harness/scenario.h"
#include "sim/harness/script_results.h"
#include "sim/runtime/status.h"

namespace msgsim::harness {

// How far a run has got, summed over its replications.
struct Progress {
  double simulated_s = 0.0;        // simulated time done
  double simulated_total_s = 0.0;  // (duration + drain) x replications
  std::uint64_t events = 0;        // events executed so far
};

struct RunOptions {
  std::optional<std::uint64_t> seed;  // overrides the scenario's
  std::optional<int> replications;    // overrides the scenario's
  int threads = 2;
  // Called about 1000 times per replication, from the replication threads but
  // never two calls at once. It sees only counters: the run's results are the
  // same with or without it. Empty = the world runs in one go.
  std::function<void(const Progress&)> on_progress;
  // When set, the first replication streams its trace events to this file
  // as JSON lines (trace_writer.h); only the first, because replications run
  // in parallel and a trace describes one run.
  std::optional<std::string> trace_path;
};

struct ReplicationRun {
  std::uint64_t seed = 0;
  Metrics metrics;
  std::vector<ScriptResult> scripts;  // per scenario script, in file order
};

struct RunOutcome {
  std::uint64_t seed = 0;
  int replications = 1;
  Metrics merged;
  std::vector<ReplicationRun> runs;  // in replication order
  double wall_s = 0.0;
  // Not ok when the trace file could not be written; when it could not even
  // be opened nothing ran (`runs` is empty).
  runtime::Status trace_status;
  // Set by live runs only (live_run.h): report.json's `host.live`.
  std::optional<LiveFigures> live;
};

// True iff every script step passed in every replication. Scripts run in
// each replication; the report lists the first replication's steps, and a
// failure in any replication fails the run.
inline bool scripts_passed(const RunOutcome& outcome) {
  for (const ReplicationRun& run : outcome.runs) {
    if (!scripts_passed(run.scripts)) return false;
  }
  return true;
}

// REQUIRES: the scenario passed the support check.
RunOutcome run_scenario(const Scenario& scenario, const RunOptions& options);

}  // namespace msgsim::harness
