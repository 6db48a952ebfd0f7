// The acceptance "mixed-day" scenario (four channels, skills, a triage flow,
// opt-outs, channel switches, duplicates, reordering and an outage) scaled
// to about 100,000 customers: arrival rates and agent counts are multiplied
// by the same factor, so the load per agent stays that of the original day.
// Run once with typed boundaries and once with wire "json" (every message
// encoded in its provider's format, signed and verified), reporting messages
// (customer + business) per wall-clock second. The scenario file is read from
// ../shared beside the source tree.
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "sim/harness/scenario_loader.h"
#include "sim/harness/world.h"

namespace {

using msgsim::harness::Scenario;

Scenario load_scaled(double customers, bool wire_json) {
  auto loaded = msgsim::harness::load_scenario_file(MSGSIM_SOURCE_DIR "/../shared/acceptance/cases/mixed-day.json");
  if (!loaded.is_ok()) {
    std::fprintf(stderr, "%s\n", loaded.status().message().c_str());
    std::exit(2);
  }
  Scenario scenario = loaded.take();
  // The original day brings about 240/h x 8 h x (mean profile factor ~1.0).
  double expected = 0.0;
  for (const auto& population : scenario.customers.populations) {
    expected += population.arrivals.rate.per_second * scenario.duration.to_seconds();
  }
  const double factor = customers / expected;
  for (auto& population : scenario.customers.populations) population.arrivals.rate.per_second *= factor;
  for (auto& group : scenario.org.agents) {
    group.count = static_cast<int>(std::ceil(group.count * factor));
  }
  scenario.wire = wire_json ? msgsim::harness::WireMode::kJson : msgsim::harness::WireMode::kTyped;
  return scenario;
}

void BM_MixedDay(benchmark::State& state) {
  const bool wire_json = state.range(1) != 0;
  const Scenario scenario = load_scaled(static_cast<double>(state.range(0)), wire_json);
  msgsim::harness::Metrics metrics;
  for (auto _ : state) {
    msgsim::harness::World world(scenario, 2026);
    metrics = world.run();
  }
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  const double messages = static_cast<double>(metrics.messages.inbound + metrics.messages.outbound);
  const auto iterations = static_cast<double>(state.iterations());
  state.counters["messages_per_s"] = benchmark::Counter(messages * iterations, benchmark::Counter::kIsRate);
  state.counters["customers_per_s"] =
      benchmark::Counter(static_cast<double>(metrics.population.arrived) * iterations, benchmark::Counter::kIsRate);
  state.counters["messages"] = messages;
  state.counters["lost"] = static_cast<double>(metrics.messages.lost);
  state.counters["peak_rss_mb"] = static_cast<double>(usage.ru_maxrss) / 1024.0;
  state.SetLabel(wire_json ? "wire json" : "typed");
}
BENCHMARK(BM_MixedDay)->Args({100'000, 0})->Args({100'000, 1})->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
