// The shipped M/M/10 scenario scaled to 1,000,000 customers, through the
// whole stack (fake provider -> web adapter -> messaging user -> session ->
// routing -> console -> fake agent -> outbound -> receipt) on one core.
// Target: >= 1,000,000 customers per wall-clock second. Also reports events
// per second and the process's peak resident memory.
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <cstdio>
#include <cstdlib>

#include "sim/harness/scenario_loader.h"
#include "sim/harness/world.h"

namespace {

msgsim::harness::Scenario load_scaled(std::int64_t customers) {
  auto loaded = msgsim::harness::load_scenario_file(MSGSIM_SOURCE_DIR "/scenarios/mmc-erlang-c.json");
  if (!loaded.is_ok()) {
    std::fprintf(stderr, "%s\n", loaded.status().message().c_str());
    std::exit(2);
  }
  msgsim::harness::Scenario scenario = loaded.take();
  auto& population = scenario.customers.populations.front();
  population.max = customers;
  // Long enough for `customers` arrivals at the scenario's rate, with margin.
  const double hours = static_cast<double>(customers) / (population.arrivals.rate.per_second * 3600.0) * 1.05;
  scenario.duration = msgsim::runtime::Duration::from_seconds(hours * 3600.0);
  return scenario;
}

void BM_MmcThroughStack(benchmark::State& state) {
  const std::int64_t customers = state.range(0);
  const msgsim::harness::Scenario scenario = load_scaled(customers);
  std::uint64_t events = 0;
  std::uint64_t arrived = 0;
  for (auto _ : state) {
    msgsim::harness::World world(scenario, 7);
    msgsim::harness::Metrics metrics = world.run();
    events = metrics.events;
    arrived = metrics.population.arrived;
  }
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  state.counters["customers_per_s"] =
      benchmark::Counter(static_cast<double>(arrived) * static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
  state.counters["events_per_s"] =
      benchmark::Counter(static_cast<double>(events) * static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
  state.counters["customers"] = static_cast<double>(arrived);
  state.counters["peak_rss_mb"] = static_cast<double>(usage.ru_maxrss) / 1024.0;
}
BENCHMARK(BM_MmcThroughStack)->Arg(100'000)->Arg(1'000'000)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
