#include "fakes/reported_statuses.h"

namespace msgsim::fakes {

void ReportedStatuses::number_per_channel(stack::ChannelId channel) {
  if (per_channel_.size() <= channel.value) per_channel_.resize(channel.value + 1);
  per_channel_[channel.value].numbered_here = true;
}

void ReportedStatuses::record(stack::ChannelId channel, std::uint64_t message, stack::DeliveryState state) {
  const bool numbered_here = channel.value < per_channel_.size() && per_channel_[channel.value].numbered_here;
  std::vector<std::uint8_t>& states = numbered_here ? per_channel_[channel.value].states : stack_numbered_;
  if (states.size() <= message) states.resize(message + 1, 0);
  const auto stored = static_cast<std::uint8_t>(static_cast<std::uint8_t>(state) + 1);
  if (stored > states[message]) states[message] = stored;
}

}  // namespace msgsim::fakes
