// Absorbs provider redeliveries: remembers the provider message ids seen per
// channel for at least `window` (providers retry for up to 7 days), so a
// webhook delivered twice lands once. Ids are kept in two generations that
// rotate every window, which bounds memory by the traffic of two windows
// instead of the whole run. Owned by the Stack; single-threaded.
#pragma once

#include "sim/runtime/flat_map.h"
#include "sim/runtime/time.h"
#include "sim/stack/ids.h"

namespace msgsim::stack {

class Deduplicator {
 public:
  // Longer than every provider's retry horizon (WhatsApp: 7 days).
  static constexpr runtime::Duration kDefaultWindow = runtime::Duration::hours(8 * 24);

  explicit Deduplicator(runtime::Duration window = kDefaultWindow) : window_(window) {}

  // True iff (channel, id) was not seen within the window; records it.
  bool first_time(ChannelId channel, ProviderMessageId id, runtime::Time now) {
    if (now - generation_start_ >= window_) {
      std::swap(previous_, current_);
      current_.clear();
      generation_start_ = now;
    }
    const Key key{channel.value, id.value};
    if (previous_.find(key) != nullptr) return false;
    return current_.try_emplace(key, true).second;
  }

 private:
  struct Key {
    std::uint32_t channel;
    std::uint64_t id;
    bool operator==(const Key&) const = default;
  };
  struct KeyHash {
    std::size_t operator()(const Key& key) const {
      // Mixed: ids are dense runs from both ends of the range (messages
      // count up from 0, events down from 2^64 - 1), and unmixed the two
      // runs met in one cluster that linear probing walked end to end.
      return runtime::mix64(key.id ^ (static_cast<std::uint64_t>(key.channel) << 40));
    }
  };
  runtime::Duration window_;
  runtime::Time generation_start_;
  runtime::FlatMap<Key, bool, KeyHash> current_;
  runtime::FlatMap<Key, bool, KeyHash> previous_;
};

}  // namespace msgsim::stack
