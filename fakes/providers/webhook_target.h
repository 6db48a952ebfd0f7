// Where a fake provider's webhooks go. In typed mode they are handed to the
// stack's receivers as values (StackWebhooks); in wire mode a gateway encodes
// and signs them in the platform's format first (fakes/wire/wire_gateway.h).
// The answer is what the provider sees: ok (2xx) or a refusal.
#pragma once

#include "sim/runtime/status.h"
#include "sim/stack/channels/payloads.h"
#include "sim/stack/stack.h"

namespace msgsim::fakes {

class WebhookTarget {
 public:
  virtual ~WebhookTarget() = default;
  virtual runtime::Status deliver(const stack::InboundWebhook& webhook) = 0;
  virtual void deliver_receipt(const stack::DeliveryReceipt& receipt) = 0;
};

// Typed mode: straight into the stack's receivers.
class StackWebhooks final : public WebhookTarget {
 public:
  explicit StackWebhooks(stack::Stack& stack) : stack_(stack) {}
  runtime::Status deliver(const stack::InboundWebhook& webhook) override { return stack_.receive_webhook(webhook); }
  void deliver_receipt(const stack::DeliveryReceipt& receipt) override { stack_.receive_receipt(receipt); }

 private:
  stack::Stack& stack_;
};

}  // namespace msgsim::fakes
