#include "fakes/customers/notification_trigger.h"

namespace msgsim::fakes {

NotificationTrigger::NotificationTrigger(runtime::Runtime& runtime, stack::Stack& stack, NotificationSpec spec)
    : stack_(stack), spec_(std::move(spec)) {
  runtime.schedule_at(spec_.at, [this]() { fire(); });
}

void NotificationTrigger::fire() {
  for (const Population* population : spec_.audience) {
    for (const stack::CustomerHandle handle : population->handles_on(spec_.channel)) {
      stack::NotificationRequest request;
      request.channel = spec_.channel;
      request.customer = handle;
      request.text = spec_.text;
      request.options = spec_.options;
      request.allow_existing = spec_.allow_existing;
      stack_.notifications().trigger(std::move(request));
    }
  }
}

}  // namespace msgsim::fakes
