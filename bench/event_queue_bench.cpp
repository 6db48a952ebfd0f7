// Event queue throughput: schedule-and-run cycles with a steady backlog of
// pending events, as in a running simulation (each event schedules one more).
// Target: >= 20 million events per second.
#include <benchmark/benchmark.h>

#include "sim/runtime/event_queue.h"
#include "sim/runtime/random.h"

namespace {

using msgsim::runtime::EventQueue;
using msgsim::runtime::Time;

// Each event schedules its successor a random delay later, as simulation
// events do; the queue keeps `backlog` events pending.
struct Hold {
  EventQueue* queue;
  msgsim::runtime::RandomStream* stream;
  Time* now;
  std::uint64_t* ran;
  void operator()() const {
    ++*ran;
    queue->push(*now + msgsim::runtime::Duration::nanoseconds(static_cast<std::int64_t>(stream->next_below(1'000'000))),
                *this);
  }
};

void BM_EventQueueHoldModel(benchmark::State& state) {
  const auto backlog = static_cast<int>(state.range(0));
  EventQueue queue;
  msgsim::runtime::RandomStream stream(1);
  std::uint64_t ran = 0;
  Time now;
  for (int i = 0; i < backlog; ++i) {
    queue.push(Time::from_ns(static_cast<std::int64_t>(stream.next_below(1'000'000))), Hold{&queue, &stream, &now, &ran});
  }
  for (auto _ : state) {
    queue.run_next([&now](Time at) { now = at; });
  }
  benchmark::DoNotOptimize(ran);
  state.SetItemsProcessed(state.iterations());
  state.counters["events_per_s"] = benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_EventQueueHoldModel)->Arg(100)->Arg(10'000)->Arg(1'000'000);

void BM_EventQueueCancel(benchmark::State& state) {
  EventQueue queue;
  std::int64_t t = 0;
  for (auto _ : state) {
    auto id = queue.push(Time::from_ns(++t), [] {});
    queue.push(Time::from_ns(t), [] {});
    queue.cancel(id);
    queue.pop().callback();
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_EventQueueCancel);

}  // namespace

BENCHMARK_MAIN();
