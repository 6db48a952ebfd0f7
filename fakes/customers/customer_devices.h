// The customers' phones, browsers and apps: every business message a provider
// delivers lands here, counted per channel. Scripted customers read from it.
// Owned by the world; single-threaded.
#pragma once

#include <cstdint>
#include <vector>

#include "fakes/providers/device.h"

namespace msgsim::fakes {

class CustomerDevices final : public Device {
 public:
  explicit CustomerDevices(std::size_t channels) : received_by_channel_(channels, 0) {}
  void on_business_message(stack::ChannelId channel, stack::CustomerHandle, std::string_view) override {
    ++received_by_channel_[channel.value];
    ++received_;
  }
  std::uint64_t received() const { return received_; }
  std::uint64_t received_on(stack::ChannelId channel) const { return received_by_channel_[channel.value]; }

 private:
  std::vector<std::uint64_t> received_by_channel_;
  std::uint64_t received_ = 0;
};

}  // namespace msgsim::fakes
