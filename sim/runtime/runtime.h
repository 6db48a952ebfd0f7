// The Runtime is the only source of time, timers and randomness for the stack
// and the fakes. SimRuntime jumps virtual time from event to event; a live
// runtime runs the same queue against a real clock. Code in sim/stack and
// fakes/ never reads the wall clock or an OS random source; it asks this.
// Single-threaded: callbacks run on the thread that drives the runtime.
#pragma once

#include <cstdint>
#include <string_view>

#include "sim/runtime/event_queue.h"
#include "sim/runtime/random.h"
#include "sim/runtime/small_function.h"
#include "sim/runtime/time.h"

namespace msgsim::runtime {

class Runtime {
 public:
  virtual ~Runtime() = default;

  // The current time of the run.
  virtual Time now() const = 0;
  // Runs `callback` at `at` (not before now()). Equal times run in the order
  // they were scheduled.
  virtual EventId schedule_at(Time at, SmallFunction callback) = 0;
  // Runs `callback` after `delay` (>= 0) from now().
  EventId schedule_after(Duration delay, SmallFunction callback) {
    return schedule_at(now() + delay, std::move(callback));
  }
  // Cancels a pending event; returns true iff it was pending.
  virtual bool cancel(EventId id) = 0;
  // The random stream `name` of this run (derived from the root seed and the
  // name only). Callers own the returned stream.
  virtual RandomStream stream(std::string_view name) const = 0;
  virtual std::uint64_t root_seed() const = 0;
};

}  // namespace msgsim::runtime
