#include "sim/runtime/sim_runtime.h"

#include "sim/runtime/check.h"

namespace msgsim::runtime {

SimRuntime::SimRuntime(std::uint64_t root_seed) : root_seed_(root_seed) {
  CheckContext& context = check_context();
  context.seed = root_seed;
  context.now_ns = 0;
  context.set = true;
}

EventId SimRuntime::schedule_at(Time at, SmallFunction callback) {
  MSGSIM_CHECK_MSG(at >= now_, "scheduled before now");
  return queue_.push(at, std::move(callback));
}

bool SimRuntime::step() {
  CheckContext& context = check_context();
  return queue_.run_next([&](Time at) {
    now_ = at;
    context.now_ns = at.ns();
    ++executed_;
  });
}

std::uint64_t SimRuntime::run_until(Time until) {
  std::uint64_t before = executed_;
  while (!queue_.empty() && queue_.next_time() <= until) step();
  if (until != Time::max() && now_ < until) now_ = until;
  return executed_ - before;
}

}  // namespace msgsim::runtime
