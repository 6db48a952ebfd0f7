// The delivery statuses the providers handed to the stack, kept as ground
// truth for the conservation oracle: per business message, the most
// advanced status its provider delivered (sent < delivered < read < failed,
// failed being final). Recorded as each status webhook reaches the stack,
// after every fault, so whatever order duplicates and reorders gave them,
// the stack's record must end at least this far along.
//
// A message is known by the number its provider has for it. On a typed
// channel that is the stack's OutboundId, one numbering for all channels, so
// those are kept in one vector whatever the channel. A channel on the wire
// is numbered by its provider gateway, densely per channel, and the oracle
// finds the stack's id through the platform's message id; those are kept per
// channel. A byte per message either way. Single-threaded, owned by the
// ground truth.
#pragma once

#include <cstdint>
#include <vector>

#include "sim/stack/channels/payloads.h"
#include "sim/stack/ids.h"

namespace msgsim::fakes {

class ReportedStatuses {
 public:
  // From now on `channel`'s messages are numbered by its provider gateway
  // (wire mode), not by the stack's ids.
  void number_per_channel(stack::ChannelId channel);
  void record(stack::ChannelId channel, std::uint64_t message, stack::DeliveryState state);

  // Calls f(channel, message number, most advanced state) for every message
  // that had a status delivered: first those numbered by the stack (channel
  // none, the number being the stack's OutboundId), then those numbered per
  // channel, in channel then number order.
  template <class F>
  void for_each(F&& f) const {
    visit(stack::ChannelId(), stack_numbered_, f);
    for (std::size_t c = 0; c < per_channel_.size(); ++c) {
      visit(stack::ChannelId(static_cast<std::uint32_t>(c)), per_channel_[c].states, f);
    }
  }

 private:
  struct Channel {
    bool numbered_here = false;
    std::vector<std::uint8_t> states;
  };
  template <class F>
  static void visit(stack::ChannelId channel, const std::vector<std::uint8_t>& states, F& f) {
    for (std::size_t m = 0; m < states.size(); ++m) {
      if (states[m] != 0) f(channel, std::uint64_t{m}, static_cast<stack::DeliveryState>(states[m] - 1));
    }
  }

  // By message number: most advanced DeliveryState + 1, 0 = none yet. The
  // enum's order is the order of advancement, failed last.
  std::vector<std::uint8_t> stack_numbered_;
  std::vector<Channel> per_channel_;
};

}  // namespace msgsim::fakes
