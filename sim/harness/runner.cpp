#include "sim/harness/runner.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>

#include "sim/harness/world.h"

namespace msgsim::harness {

RunOutcome run_scenario(const Scenario& scenario, const RunOptions& options) {
  // The wall clock is read here, at the harness edge, for `host` only.
  const auto started = std::chrono::steady_clock::now();
  RunOutcome outcome;
  outcome.seed = options.seed.value_or(scenario.seed);
  outcome.replications = options.replications.value_or(scenario.replications);
  outcome.runs.resize(static_cast<std::size_t>(outcome.replications));

  std::atomic<int> next{0};
  auto work = [&]() {
    for (int i = next++; i < outcome.replications; i = next++) {
      ReplicationRun& run = outcome.runs[static_cast<std::size_t>(i)];
      run.seed = runtime::replication_seed(outcome.seed, static_cast<std::uint32_t>(i));
      World world(scenario, run.seed);
      run.metrics = world.run();
    }
  };
  const int threads = std::clamp(std::min(options.threads, outcome.replications), 1, 64);
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (std::thread& thread : pool) thread.join();

  outcome.merged = outcome.runs.front().metrics;
  for (std::size_t i = 1; i < outcome.runs.size(); ++i) outcome.merged.merge(outcome.runs[i].metrics);
  outcome.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return outcome;
}

}  // namespace msgsim::harness
