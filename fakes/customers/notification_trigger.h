// The business system that triggers notifications (order shipped, outage
// notice): at its time it asks the stack's notification API to message every
// member of its audience who uses the channel. The audience is read then, so
// it holds the customers who arrived so far. Owned by the world.
#pragma once

#include <string>
#include <vector>

#include "fakes/customers/population.h"
#include "sim/runtime/runtime.h"
#include "sim/stack/stack.h"

namespace msgsim::fakes {

struct NotificationSpec {
  stack::ChannelId channel;
  runtime::Time at;
  std::vector<const Population*> audience;
  std::string text;
  stack::OutboundOptions options;
  stack::AllowExisting allow_existing = stack::AllowExisting::kAny;
};

class NotificationTrigger {
 public:
  NotificationTrigger(runtime::Runtime& runtime, stack::Stack& stack, NotificationSpec spec);

 private:
  void fire();

  stack::Stack& stack_;
  NotificationSpec spec_;
};

}  // namespace msgsim::fakes
