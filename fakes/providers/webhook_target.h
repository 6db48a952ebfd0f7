// Where a fake provider's webhooks go. In typed mode they are handed to the
// stack's receivers as values (StackWebhooks); in wire mode a gateway encodes
// and signs them in the platform's format first (fakes/wire/wire_gateway.h).
// The answer is what the provider sees: ok (2xx) or a refusal.
#pragma once

#include <functional>

#include "sim/runtime/status.h"
#include "sim/stack/channels/payloads.h"
#include "sim/stack/stack.h"

namespace msgsim::fakes {

class WebhookTarget {
 public:
  virtual ~WebhookTarget() = default;
  virtual runtime::Status deliver(const stack::InboundWebhook& webhook) = 0;
  virtual void deliver_receipt(const stack::DeliveryReceipt& receipt) = 0;

  // The calls of a BYOC for CCaaS partner that owns routing or consent
  // (stack::PartnerApi). `answer` runs exactly once with the platform's
  // answer (the routing request; ok; or the refusal with its reason): inside
  // the call in process, later when the answer comes over the network (live
  // mode). A boundary that cannot carry them refuses them (kUnsupported).
  using RouteAnswer = std::function<void(runtime::Result<stack::WorkId>)>;
  using CallAnswer = std::function<void(runtime::Status)>;
  virtual void partner_route(stack::ChannelId, stack::CustomerHandle, RouteAnswer answer) {
    answer(no_partner_calls());
  }
  virtual void partner_assign(stack::ChannelId, stack::WorkId, stack::AgentId, CallAnswer answer) {
    answer(no_partner_calls());
  }
  virtual void partner_end_session(stack::ChannelId, stack::CustomerHandle, CallAnswer answer) {
    answer(no_partner_calls());
  }
  virtual void partner_inactivate_session(stack::ChannelId, stack::CustomerHandle, CallAnswer answer) {
    answer(no_partner_calls());
  }
  virtual void partner_set_consent(stack::ChannelId, stack::CustomerHandle, stack::ConsentLevel, CallAnswer answer) {
    answer(no_partner_calls());
  }

 private:
  static runtime::Status no_partner_calls() {
    return runtime::Status(runtime::StatusCode::kUnsupported, "this boundary carries no partner routing or consent calls");
  }
};

// Typed mode: straight into the stack's receivers.
class StackWebhooks final : public WebhookTarget {
 public:
  explicit StackWebhooks(stack::Stack& stack) : stack_(stack) {}
  runtime::Status deliver(const stack::InboundWebhook& webhook) override { return stack_.receive_webhook(webhook); }
  void deliver_receipt(const stack::DeliveryReceipt& receipt) override { stack_.receive_receipt(receipt); }
  void partner_route(stack::ChannelId channel, stack::CustomerHandle customer, RouteAnswer answer) override {
    answer(stack_.partner().route(channel, customer));
  }
  void partner_assign(stack::ChannelId channel, stack::WorkId work, stack::AgentId agent,
                      CallAnswer answer) override {
    answer(stack_.partner().assign(channel, work, agent));
  }
  void partner_end_session(stack::ChannelId channel, stack::CustomerHandle customer, CallAnswer answer) override {
    answer(stack_.partner().end_session(channel, customer));
  }
  void partner_inactivate_session(stack::ChannelId channel, stack::CustomerHandle customer,
                                  CallAnswer answer) override {
    answer(stack_.partner().inactivate_session(channel, customer));
  }
  void partner_set_consent(stack::ChannelId channel, stack::CustomerHandle customer, stack::ConsentLevel level,
                           CallAnswer answer) override {
    answer(stack_.partner().set_consent(channel, customer, level));
  }

 private:
  stack::Stack& stack_;
};

}  // namespace msgsim::fakes
