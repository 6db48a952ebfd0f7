// The common face of every fake provider: the stack's send API on one side,
// the customer's app on the other. World code holds fakes through this.
#pragma once

#include <string>

#include "fakes/ground_truth.h"
#include "sim/stack/channels/provider_api.h"

namespace msgsim::fakes {

class ProviderFake : public stack::ProviderApi {
 public:
  // The customer `person`, known to the provider as `from`, sends `text`.
  virtual void customer_send(PersonId person, stack::CustomerHandle from, std::string text) = 0;
  // The customer closes the conversation (where the channel lets them).
  virtual void customer_end(stack::CustomerHandle from) = 0;
  // Webhooks the stack answered with an error (a 4xx in live mode).
  virtual std::uint64_t rejected_webhooks() const = 0;
  // Customer messages accepted from customers but not yet delivered to the stack.
  virtual std::uint64_t in_flight() const = 0;
};

}  // namespace msgsim::fakes
