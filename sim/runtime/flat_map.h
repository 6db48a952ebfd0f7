// An insert-only hash map with open addressing (linear probing, power-of-two
// capacity, load at most 1/2) for the stack's lookups by external key
// (provider message ids, customer handles). Entries are never erased, which
// is what those lookups need, and keeps probing simple and fast. Keys and
// values must be cheap to copy. Iteration order is unspecified and must never
// reach an output or a decision. Single-threaded.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

namespace msgsim::runtime {

// Mixes a 64-bit key into a well-spread hash (the SplitMix64 finalizer).
inline std::uint64_t mix64(std::uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ull;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebull;
  x ^= x >> 31;
  return x;
}

template <typename Key, typename Value, typename Hash>
class FlatMap {
 public:
  FlatMap() { rehash(16); }

  // Inserts (key, value) unless the key is present. Returns the stored value
  // and whether it was inserted.
  std::pair<Value*, bool> try_emplace(const Key& key, const Value& value) {
    if ((size_ + 1) * 2 > slots_.size()) rehash(slots_.size() * 2);
    std::size_t i = Hash()(key) & mask_;
    while (slots_[i].used) {
      if (slots_[i].key == key) return {&slots_[i].value, false};
      i = (i + 1) & mask_;
    }
    slots_[i] = Slot{key, value, true};
    ++size_;
    return {&slots_[i].value, true};
  }

  // The value of `key`, or null.
  const Value* find(const Key& key) const {
    std::size_t i = Hash()(key) & mask_;
    while (slots_[i].used) {
      if (slots_[i].key == key) return &slots_[i].value;
      i = (i + 1) & mask_;
    }
    return nullptr;
  }

  std::size_t size() const { return size_; }
  // Makes room for `count` entries without rehashing.
  void reserve(std::size_t count) {
    std::size_t capacity = slots_.size();
    while (count * 2 > capacity) capacity *= 2;
    if (capacity != slots_.size()) rehash(capacity);
  }
  // Removes every entry, keeping the capacity.
  void clear() {
    for (Slot& slot : slots_) slot.used = false;
    size_ = 0;
  }

 private:
  // Key, value and the occupancy flag share one slot, so a probe touches one
  // cache line.
  struct Slot {
    Key key{};
    Value value{};
    bool used = false;
  };

  void rehash(std::size_t capacity) {
    std::vector<Slot> old_slots(capacity);
    old_slots.swap(slots_);
    mask_ = capacity - 1;
    for (const Slot& old : old_slots) {
      if (!old.used) continue;
      std::size_t i = Hash()(old.key) & mask_;
      while (slots_[i].used) i = (i + 1) & mask_;
      slots_[i] = old;
    }
  }

  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
  std::size_t size_ = 0;
};

}  // namespace msgsim::runtime
