// Absorbs provider redeliveries: remembers every provider message id seen per
// channel, so a webhook delivered twice (retries, duplicates) lands once.
// Owned by the Stack; single-threaded.
#pragma once

#include <unordered_set>

#include "sim/stack/ids.h"

namespace msgsim::stack {

class Deduplicator {
 public:
  // True iff (channel, id) was not seen before; records it.
  bool first_time(ChannelId channel, ProviderMessageId id) {
    return seen_.insert(Key{channel.value, id.value}).second;
  }
  std::size_t size() const { return seen_.size(); }

 private:
  struct Key {
    std::uint32_t channel;
    std::uint64_t id;
    bool operator==(const Key&) const = default;
  };
  struct KeyHash {
    std::size_t operator()(const Key& key) const {
      return std::hash<std::uint64_t>()(key.id * 0x9E3779B97F4A7C15ull ^ key.channel);
    }
  };
  std::unordered_set<Key, KeyHash> seen_;
};

}  // namespace msgsim::stack
