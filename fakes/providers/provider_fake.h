// The common face of every fake provider: the stack's send API on one side,
// the customer's app on the other. World code holds fakes through this.
#pragma once

#include <string>

#include "fakes/ground_truth.h"
#include "fakes/providers/partner_settings.h"
#include "fakes/providers/webhook_target.h"
#include "sim/stack/channels/provider_api.h"

namespace msgsim::fakes {

class ProviderFake : public stack::ProviderApi {
 public:
  // The customer `person`, known to the provider as `from`, sends `text`.
  virtual void customer_send(PersonId person, stack::CustomerHandle from, std::string text) = 0;
  // The customer closes the conversation (where the channel lets them).
  virtual void customer_end(stack::CustomerHandle from) = 0;
  // What else a customer can do in a platform's app. Each returns false, and
  // does nothing, on a channel whose app has no such action.
  // Logs the device `from` in as the verified user `subject` (web, in-app):
  // its later messages carry the subject; a wiped device is logged out.
  virtual bool customer_login(stack::CustomerHandle /*from*/, const std::string& /*subject*/) { return false; }
  // Deletes the conversation (Apple): the business may not write until the
  // customer writes again.
  virtual bool customer_delete_conversation(stack::CustomerHandle /*from*/) { return false; }
  // Blocks the business account (LINE unfollow): no pushes until the customer
  // adds it again, which writing to it does.
  virtual bool customer_block(stack::CustomerHandle /*from*/) { return false; }
  // Sends this provider's webhooks to `target` from now on (wire mode);
  // typed delivery to the stack until called. `target` must outlive it.
  virtual void use_webhook_target(WebhookTarget& target) = 0;
  // Webhooks the stack answered with an error (a 4xx in live mode).
  virtual std::uint64_t rejected_webhooks() const = 0;
  // Customer messages accepted from customers but not yet delivered to the stack.
  virtual std::uint64_t in_flight() const = 0;
  // What a BYOC for CCaaS partner that owns routing or consent did; null for
  // every other provider.
  virtual const PartnerCounts* partner_counts() const { return nullptr; }
};

}  // namespace msgsim::fakes
