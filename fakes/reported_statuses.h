// The delivery statuses the providers handed to the stack, kept as ground
// truth for the conservation oracle: per business message, the most
// advanced status its provider delivered (sent < delivered < read < failed,
// failed being final). Recorded as each status webhook reaches the stack,
// after every fault, so whatever order duplicates and reorders gave them,
// the stack's record must end at least this far along.
//
// A message is known by the number its provider gave it: on a typed channel
// the stack's OutboundId, on the wire the provider gateway's own outbound
// number (the oracle finds the stack's id through the provider's message id).
// Single-threaded, owned by the ground truth.
#pragma once

#include <cstdint>
#include <vector>

#include "sim/stack/channels/payloads.h"
#include "sim/stack/ids.h"

namespace msgsim::fakes {

class ReportedStatuses {
 public:
  void record(stack::ChannelId channel, std::uint64_t message, stack::DeliveryState state) {
    if (by_channel_.size() <= channel.value) by_channel_.resize(channel.value + 1);
    std::vector<std::uint8_t>& states = by_channel_[channel.value];
    if (states.size() <= message) states.resize(message + 1, 0);
    const auto stored = static_cast<std::uint8_t>(static_cast<std::uint8_t>(state) + 1);
    if (stored > states[message]) states[message] = stored;
  }

  // Calls f(channel, message number, most advanced state) for every message
  // that had a status delivered, in channel then number order.
  template <class F>
  void for_each(F&& f) const {
    for (std::size_t c = 0; c < by_channel_.size(); ++c) {
      const std::vector<std::uint8_t>& states = by_channel_[c];
      for (std::size_t m = 0; m < states.size(); ++m) {
        if (states[m] != 0) f(stack::ChannelId(static_cast<std::uint32_t>(c)), std::uint64_t{m},
                              static_cast<stack::DeliveryState>(states[m] - 1));
      }
    }
  }

 private:
  // [channel][message] = most advanced DeliveryState + 1; 0 = none yet. The
  // enum's order is the order of advancement, failed last.
  std::vector<std::vector<std::uint8_t>> by_channel_;
};

}  // namespace msgsim::fakes
