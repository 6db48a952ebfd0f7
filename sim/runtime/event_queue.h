// The one event queue of a run: callbacks ordered by (time, sequence number),
// so events at equal times run in the order they were scheduled and every run
// is deterministic. Cancellation is O(1): the slot's generation changes and the
// heap entry becomes a tombstone skipped on pop. Callbacks live in a slot pool
// that is reused, so steady-state scheduling does not allocate.
// Owned by one runtime; single-threaded.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "sim/runtime/small_function.h"
#include "sim/runtime/time.h"

namespace msgsim::runtime {

// Identifies a scheduled event for cancellation. Zero is never a valid id.
struct EventId {
  std::uint64_t value = 0;
  explicit operator bool() const { return value != 0; }
  bool operator==(const EventId&) const = default;
};

class EventQueue {
 public:
  EventQueue();

  // Schedules `callback` at `at`. REQUIRES: `at` is not before the time of
  // the last popped event (the queue never runs time backwards).
  EventId push(Time at, SmallFunction callback);

  // Cancels a pending event. Returns true iff it was pending (not yet run,
  // not already cancelled).
  bool cancel(EventId id);

  bool empty() const { return live_ == 0; }
  std::size_t size() const { return live_; }
  // Time of the next live event; REQUIRES: !empty().
  Time next_time();

  // Removes the next live event and returns its time and callback.
  // REQUIRES: !empty().
  struct Popped {
    Time at;
    SmallFunction callback;
  };
  Popped pop();

  // Runs the next live event in place: calls `before_run(time)` (the runtime
  // advances its clock there), then the callback. Returns false when empty.
  template <typename BeforeRun>
  bool run_next(BeforeRun&& before_run) {
    if (live_ == 0) return false;
    drop_tombstones();
    const Entry top = heap_.front();
    pop_heap_top();
    Slot& s = slot(top.slot);
    s.pending = false;  // cancelling the running event is a no-op
    --live_;
    last_popped_ns_ = top.at_ns;
    before_run(Time::from_ns(top.at_ns));
    s.callback();  // chunks never move, so `s` stays valid while it schedules
    s.callback.reset();
    ++s.generation;
    free_slots_.push_back(top.slot);
    return true;
  }

  std::uint64_t pushed_total() const { return sequence_; }

 private:
  struct Entry {
    std::int64_t at_ns;
    std::uint64_t sequence;
    std::uint32_t slot;
    std::uint32_t generation;
  };
  struct Slot {
    SmallFunction callback;
    std::uint32_t generation = 1;
    bool pending = false;
  };

  static bool before(const Entry& a, const Entry& b) {
    return a.at_ns < b.at_ns || (a.at_ns == b.at_ns && a.sequence < b.sequence);
  }
  void sift_up(std::size_t index);
  void sift_down(std::size_t index);
  void pop_heap_top();
  void drop_tombstones();
  std::uint32_t acquire_slot();

  static constexpr std::uint32_t kChunkBits = 10;
  static constexpr std::uint32_t kChunkSize = 1u << kChunkBits;
  Slot& slot(std::uint32_t index) { return chunks_[index >> kChunkBits][index & (kChunkSize - 1)]; }

  std::vector<Entry> heap_;  // 4-ary min-heap
  std::vector<std::unique_ptr<Slot[]>> chunks_;
  std::uint32_t slot_count_ = 0;
  std::vector<std::uint32_t> free_slots_;
  std::uint64_t sequence_ = 0;
  std::size_t live_ = 0;
  std::size_t tombstones_ = 0;  // cancelled entries still in the heap
  std::int64_t last_popped_ns_ = 0;
};

}  // namespace msgsim::runtime
