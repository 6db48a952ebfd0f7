#include "sim/harness/live_run.h"

#include <chrono>
#include <memory>

#include "sim/harness/live_latency_probe.h"
#include "sim/harness/trace_writer.h"
#include "sim/harness/world.h"
#include "sim/runtime/live_runtime.h"

namespace msgsim::harness {

namespace {

constexpr auto kProgressInterval = std::chrono::milliseconds(200);

// Reports progress from a timer on the pacer's io_context, between events.
class LiveProgress {
 public:
  LiveProgress(boost::asio::io_context& io, World& world, double total_s,
               const std::function<void(const Progress&)>& on_progress)
      : timer_(io), world_(world), total_s_(total_s), on_progress_(on_progress) {}

  void start() {
    if (!on_progress_) return;
    timer_.expires_after(kProgressInterval);
    timer_.async_wait([this](const boost::system::error_code& error) {
      if (error) return;
      Progress progress;
      progress.simulated_s = world_.runtime().now().to_seconds();
      progress.simulated_total_s = total_s_;
      progress.events = world_.runtime().events_executed();
      on_progress_(progress);
      start();
    });
  }

 private:
  boost::asio::steady_timer timer_;
  World& world_;
  double total_s_;
  const std::function<void(const Progress&)>& on_progress_;
};

}  // namespace

RunOutcome run_scenario_live(const Scenario& scenario, const LiveRunOptions& options) {
  // The wall clock is read here, at the harness edge, for `host` only.
  const auto started = std::chrono::steady_clock::now();
  RunOutcome outcome;
  outcome.seed = options.seed.value_or(scenario.seed);
  outcome.replications = 1;
  std::unique_ptr<TraceFile> trace;
  if (options.trace_path) {
    runtime::Result<std::unique_ptr<TraceFile>> opened = TraceFile::open(*options.trace_path, trace_names(scenario));
    if (!opened.is_ok()) {
      outcome.trace_status = opened.status();
      return outcome;
    }
    trace = opened.take();
  }
  outcome.runs.resize(1);
  ReplicationRun& run = outcome.runs.front();
  // The seed of replication 0 of a normal run, so both model the same day.
  run.seed = runtime::replication_seed(outcome.seed, 0);

  boost::asio::io_context io;
  World world(scenario, run.seed, trace ? trace->sink() : nullptr);
  runtime::LivePacer pacer(io, world.runtime(), runtime::LivePacerOptions{.speed = options.speed});
  LiveLatencyProbe probe(pacer);
  world.stack().tracer().subscribe(&probe);
  LiveProgress progress(io, world, (scenario.duration + scenario.drain).to_seconds(), options.on_progress);
  progress.start();
  run.metrics = world.run_live(pacer);
  run.scripts = world.script_results();
  if (trace) outcome.trace_status = trace->close();

  outcome.merged = run.metrics;
  LiveFigures live;
  live.speed = options.speed;
  live.wall_s = std::chrono::duration<double>(pacer.wall_elapsed()).count();
  live.lag_max_ms = std::chrono::duration<double, std::milli>(pacer.lag_max()).count();
  live.latency = probe.latency();
  live.added = probe.added();
  outcome.live = std::move(live);
  outcome.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return outcome;
}

}  // namespace msgsim::harness
