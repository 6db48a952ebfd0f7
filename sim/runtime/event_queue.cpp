#include "sim/runtime/event_queue.h"

#include <utility>

#include "sim/runtime/check.h"

namespace msgsim::runtime {

namespace {
constexpr std::size_t kArity = 4;

EventId make_id(std::uint32_t slot, std::uint32_t generation) {
  return EventId{(static_cast<std::uint64_t>(generation) << 32) | (static_cast<std::uint64_t>(slot) + 1)};
}
}  // namespace

EventQueue::EventQueue() { heap_.reserve(1024); }

std::uint32_t EventQueue::acquire_slot() {
  if (!free_slots_.empty()) {
    std::uint32_t slot = free_slots_.back();
    free_slots_.pop_back();
    return slot;
  }
  MSGSIM_CHECK_MSG(slot_count_ < 0xFFFFFFFEu - kChunkSize, "more than 4 billion pending events");
  if ((slot_count_ & (kChunkSize - 1)) == 0) chunks_.push_back(std::make_unique<Slot[]>(kChunkSize));
  return slot_count_++;
}

EventId EventQueue::push(Time at, SmallFunction callback) {
  MSGSIM_CHECK_MSG(at.ns() >= last_popped_ns_, "event scheduled in the past");
  std::uint32_t slot = acquire_slot();
  Slot& s = this->slot(slot);
  s.callback = std::move(callback);
  s.pending = true;
  heap_.push_back(Entry{at.ns(), sequence_++, slot, s.generation});
  sift_up(heap_.size() - 1);
  ++live_;
  return make_id(slot, s.generation);
}

bool EventQueue::cancel(EventId id) {
  if (!id) return false;
  std::uint64_t low = id.value & 0xFFFFFFFFu;
  auto slot = static_cast<std::uint32_t>(low - 1);
  auto generation = static_cast<std::uint32_t>(id.value >> 32);
  if (slot >= slot_count_) return false;
  Slot& s = this->slot(slot);
  if (!s.pending || s.generation != generation) return false;
  // The heap entry stays as a tombstone (its generation no longer matches);
  // the slot returns to the pool once that entry is popped.
  s.pending = false;
  s.callback.reset();
  ++s.generation;
  --live_;
  ++tombstones_;
  return true;
}

void EventQueue::drop_tombstones() {
  // Without cancellations there is nothing to skip (and no slot to touch).
  while (tombstones_ > 0 && !heap_.empty()) {
    const Entry& top = heap_.front();
    if (slot(top.slot).generation == top.generation) return;
    free_slots_.push_back(top.slot);
    --tombstones_;
    pop_heap_top();
  }
}

Time EventQueue::next_time() {
  MSGSIM_CHECK(!empty());
  drop_tombstones();
  return Time::from_ns(heap_.front().at_ns);
}

EventQueue::Popped EventQueue::pop() {
  MSGSIM_CHECK(!empty());
  drop_tombstones();
  Entry top = heap_.front();
  pop_heap_top();
  Slot& s = slot(top.slot);
  Popped popped{Time::from_ns(top.at_ns), std::move(s.callback)};
  s.callback.reset();
  s.pending = false;
  ++s.generation;
  free_slots_.push_back(top.slot);
  --live_;
  last_popped_ns_ = top.at_ns;
  return popped;
}

void EventQueue::pop_heap_top() {
  heap_.front() = heap_.back();
  heap_.pop_back();
  if (!heap_.empty()) sift_down(0);
}

void EventQueue::sift_up(std::size_t index) {
  Entry moving = heap_[index];
  while (index > 0) {
    std::size_t parent = (index - 1) / kArity;
    if (!before(moving, heap_[parent])) break;
    heap_[index] = heap_[parent];
    index = parent;
  }
  heap_[index] = moving;
}

void EventQueue::sift_down(std::size_t index) {
  const std::size_t size = heap_.size();
  Entry moving = heap_[index];
  while (true) {
    std::size_t first = index * kArity + 1;
    if (first >= size) break;
    std::size_t best = first;
    std::size_t last = first + kArity < size ? first + kArity : size;
    for (std::size_t child = first + 1; child < last; ++child) {
      if (before(heap_[child], heap_[best])) best = child;
    }
    if (!before(heap_[best], moving)) break;
    heap_[index] = heap_[best];
    index = best;
  }
  heap_[index] = moving;
}

}  // namespace msgsim::runtime
