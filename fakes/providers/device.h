// The customer's side of a channel: what a customer's phone, browser or app
// receives from a provider. Implemented by the fake customers.
#pragma once

#include <string_view>

#include "sim/runtime/time.h"
#include "sim/stack/ids.h"

namespace msgsim::fakes {

class Device {
 public:
  virtual ~Device() = default;
  virtual void on_business_message(stack::ChannelId channel, stack::CustomerHandle handle, std::string_view text) = 0;
  // The chat client shows that an agent joined.
  virtual void on_agent_joined(stack::ChannelId channel, stack::CustomerHandle handle) = 0;
};

}  // namespace msgsim::fakes
