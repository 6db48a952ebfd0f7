// Values waiting for a scheduled event (a webhook in flight, a message on its
// way to a device), kept in reusable slots so an event captures only a slot
// number and scheduling stays allocation-free. Single-threaded.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

namespace msgsim::fakes {

template <typename T>
class SlotPool {
 public:
  std::uint32_t put(T value) {
    ++live_;
    if (!free_.empty()) {
      std::uint32_t slot = free_.back();
      free_.pop_back();
      slots_[slot] = std::move(value);
      return slot;
    }
    slots_.push_back(std::move(value));
    return static_cast<std::uint32_t>(slots_.size() - 1);
  }
  // Removes and returns the value of `slot`.
  T take(std::uint32_t slot) {
    --live_;
    free_.push_back(slot);
    return std::move(slots_[slot]);
  }
  std::size_t live() const { return live_; }

 private:
  std::vector<T> slots_;
  std::vector<std::uint32_t> free_;
  std::size_t live_ = 0;
};

}  // namespace msgsim::fakes
