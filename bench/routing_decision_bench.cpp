// One routing decision in a large org: 100 queues, 50 skills, and from 100 to
// 10,000 agents, each a member of 3 queues with 3 skills and capacity 5.
// The measured cycle is a request that is routed at once (index walk, offer,
// capacity reserved) plus closing that work (capacity freed, re-indexed): the
// cost of one decision with its bookkeeping. Target at 10,000 agents:
// <= 1 us, growing like log(agents), not linearly.
#include <benchmark/benchmark.h>

#include "sim/runtime/sim_runtime.h"
#include "sim/stack/routing/router.h"

namespace {

using namespace msgsim;

struct NoListener : stack::RouterListener {
  void offer(stack::AgentId, stack::WorkId) override {}
  void withdrawn(stack::AgentId, stack::WorkId, stack::WorkState) override {}
};

struct Org {
  runtime::SimRuntime runtime{1};
  stack::Tracer tracer;
  NoListener listener;
  stack::Router router{runtime, tracer, listener};
  std::vector<stack::QueueId> queues;
  std::vector<stack::SkillId> skills;

  explicit Org(int agents) {
    runtime::RandomStream stream(7);
    for (int s = 0; s < 50; ++s) skills.push_back(router.add_skill("skill-" + std::to_string(s)));
    for (int q = 0; q < 100; ++q) {
      stack::QueueSettings settings;
      settings.id = "queue-" + std::to_string(q);
      settings.priority = 1 + q % 3;
      settings.model = q % 2 ? stack::RoutingModel::kLeastActive : stack::RoutingModel::kMostAvailable;
      queues.push_back(router.add_queue(settings));
    }
    for (int a = 0; a < agents; ++a) {
      stack::AgentSettings settings;
      settings.id = "agent-" + std::to_string(a);
      settings.capacity = 5;
      for (int k = 0; k < 3; ++k) settings.queues.push_back(queues[stream.next_below(queues.size())]);
      std::sort(settings.queues.begin(), settings.queues.end());
      settings.queues.erase(std::unique(settings.queues.begin(), settings.queues.end()), settings.queues.end());
      for (int k = 0; k < 3; ++k) settings.skills.emplace_back(skills[stream.next_below(skills.size())], 1 + k);
      router.add_agent(settings);
    }
  }
};

void BM_RoutingDecision(benchmark::State& state, bool with_skill) {
  Org org(static_cast<int>(state.range(0)));
  runtime::RandomStream stream(3);
  std::uint64_t routed = 0;
  for (auto _ : state) {
    stack::RoutingTarget target;
    target.queue = org.queues[stream.next_below(org.queues.size())];
    if (with_skill) target.additional_skills.push_back(org.skills[stream.next_below(org.skills.size())]);
    const stack::WorkId work = org.router.request(stack::SessionId(0), stack::ChannelId(0), target);
    if (org.router.work(work).state == stack::WorkState::kAssigned) {
      ++routed;
      org.router.close(work);
    } else {
      org.router.cancel(work);
    }
  }
  state.counters["routed_share"] = static_cast<double>(routed) / static_cast<double>(state.iterations());
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK_CAPTURE(BM_RoutingDecision, queue, false)->RangeMultiplier(10)->Range(100, 10000);
BENCHMARK_CAPTURE(BM_RoutingDecision, queue_and_skill, true)->RangeMultiplier(10)->Range(100, 10000);

}  // namespace

BENCHMARK_MAIN();
