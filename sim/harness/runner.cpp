#include "sim/harness/runner.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <thread>

#include "sim/harness/trace_writer.h"
#include "sim/harness/world.h"

namespace msgsim::harness {

namespace {

// Each replication's latest tick; sums them for the callback, under a lock so
// the callback never runs twice at once.
class ProgressBoard {
 public:
  ProgressBoard(const RunOptions& options, int replications, double replication_s)
      : on_progress_(options.on_progress), done_s_(static_cast<std::size_t>(replications), 0.0),
        events_(static_cast<std::size_t>(replications), 0) {
    total_.simulated_total_s = replication_s * replications;
  }

  World::ProgressTick tick_for(int replication) {
    if (!on_progress_) return {};
    return [this, replication](runtime::Time now, std::uint64_t events) {
      const std::lock_guard<std::mutex> lock(mutex_);
      const std::size_t i = static_cast<std::size_t>(replication);
      total_.simulated_s += now.to_seconds() - done_s_[i];
      total_.events += events - events_[i];
      done_s_[i] = now.to_seconds();
      events_[i] = events;
      on_progress_(total_);
    };
  }

 private:
  const std::function<void(const Progress&)>& on_progress_;
  std::mutex mutex_;
  Progress total_;
  std::vector<double> done_s_;
  std::vector<std::uint64_t> events_;
};

}  // namespace

RunOutcome run_scenario(const Scenario& scenario, const RunOptions& options) {
  // The wall clock is read here, at the harness edge, for `host` only.
  const auto started = std::chrono::steady_clock::now();
  RunOutcome outcome;
  outcome.seed = options.seed.value_or(scenario.seed);
  outcome.replications = options.replications.value_or(scenario.replications);
  std::unique_ptr<TraceFile> trace;
  if (options.trace_path) {
    runtime::Result<std::unique_ptr<TraceFile>> opened = TraceFile::open(*options.trace_path, trace_names(scenario));
    if (!opened.is_ok()) {
      outcome.trace_status = opened.status();
      return outcome;
    }
    trace = opened.take();
  }
  outcome.runs.resize(static_cast<std::size_t>(outcome.replications));
  ProgressBoard board(options, outcome.replications, (scenario.duration + scenario.drain).to_seconds());

  std::atomic<int> next{0};
  auto work = [&]() {
    for (int i = next++; i < outcome.replications; i = next++) {
      ReplicationRun& run = outcome.runs[static_cast<std::size_t>(i)];
      run.seed = runtime::replication_seed(outcome.seed, static_cast<std::uint32_t>(i));
      World world(scenario, run.seed, i == 0 && trace ? trace->sink() : nullptr);
      run.metrics = world.run(board.tick_for(i));
      run.scripts = world.script_results();
    }
  };
  const int threads = std::clamp(std::min(options.threads, outcome.replications), 1, 64);
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (std::thread& thread : pool) thread.join();
  if (trace) outcome.trace_status = trace->close();

  outcome.merged = outcome.runs.front().metrics;
  for (std::size_t i = 1; i < outcome.runs.size(); ++i) outcome.merged.merge(outcome.runs[i].metrics);
  outcome.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return outcome;
}

}  // namespace msgsim::harness
