// Virtual-time runtime: time jumps to the next event. Runs are deterministic
// for a given root seed. Owned and driven by one thread (one replication).
#pragma once

#include <cstdint>

#include "sim/runtime/runtime.h"

namespace msgsim::runtime {

class SimRuntime final : public Runtime {
 public:
  explicit SimRuntime(std::uint64_t root_seed);

  Time now() const override { return now_; }
  EventId schedule_at(Time at, SmallFunction callback) override;
  bool cancel(EventId id) override { return queue_.cancel(id); }
  RandomStream stream(std::string_view name) const override { return RandomStream::derive(root_seed_, name); }
  std::uint64_t root_seed() const override { return root_seed_; }

  // Runs events in order until the queue is empty or the next event is after
  // `until`; then sets now() to `until` (or leaves it at the last event when the
  // queue emptied earlier and `until` is Time::max()). Returns events run.
  std::uint64_t run_until(Time until);
  // Runs one event, if any. Returns false when the queue is empty.
  bool step();

  // The time of the next pending event, or Time::max() when none is pending.
  // Not const: finding it discards cancelled entries at the head of the queue.
  Time next_event_time() { return queue_.empty() ? Time::max() : queue_.next_time(); }

  std::uint64_t events_executed() const { return executed_; }
  std::size_t pending() const { return queue_.size(); }

 private:
  EventQueue queue_;
  Time now_ = Time::zero();
  std::uint64_t root_seed_;
  std::uint64_t executed_ = 0;
};

}  // namespace msgsim::runtime
