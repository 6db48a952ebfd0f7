// The shared half of every fake provider: customer messages get a provider id
// (the ground-truth index), travel with the configured latency and reach the
// stack's webhook through the fault courier; the send API answers outages and
// throttling before the platform's own rules; accepted messages travel to the
// customer's device and status webhooks follow through the same faults.
// Subclasses (FakeSms, FakeWhatsApp, ...) add the platform's rules through
// on_customer_message and send_admitted. Single-threaded.
#pragma once

#include <string>
#include <string_view>

#include "fakes/ground_truth.h"
#include "fakes/providers/device.h"
#include "fakes/providers/faults.h"
#include "fakes/providers/provider_fake.h"
#include "fakes/providers/provider_settings.h"
#include "fakes/providers/slot_pool.h"
#include "sim/runtime/runtime.h"
#include "sim/stack/stack.h"

namespace msgsim::fakes {

class FakePlatform : public ProviderFake {
 public:
  void customer_send(PersonId person, stack::CustomerHandle from, std::string text) override;
  // "End chat" travels like a message (same latency, its own event id) so it
  // cannot overtake what the customer wrote before it. On a platform without
  // such an event nothing travels: the business never hears of it, in typed
  // mode as on the wire.
  void customer_end(stack::CustomerHandle from) override;
  // Outage and throttle first (the platform's gateway answers those), then
  // the platform's own rules in send_admitted.
  stack::SendOutcome send(const stack::OutboundRequest& request) final;
  void agent_joined(stack::ChannelId channel, stack::CustomerHandle customer) override;

  void use_webhook_target(WebhookTarget& target) override { courier_.set_target(target); }
  std::uint64_t rejected_webhooks() const override { return courier_.rejected(); }
  std::uint64_t in_flight() const override { return courier_.in_flight(); }
  const FaultInjector& faults() const { return faults_; }

 protected:
  FakePlatform(runtime::Runtime& runtime, stack::Stack& stack, GroundTruth& truth, Device& device,
               stack::ChannelId channel, FakeProviderSettings settings, const PlatformProfile& profile);

  // The platform's own reaction to a customer message (keywords, windows),
  // before the message is forwarded to the stack.
  virtual void on_customer_message(stack::CustomerHandle, std::string_view) {}
  // Who the platform says the sender is: by default an opaque id (PSID,
  // Apple id, LINE id, visitor id) derived from the handle.
  virtual void describe_sender(stack::InboundWebhook& webhook, const PersonIdentity&) const {
    webhook.from_address = "id-" + std::to_string(webhook.from.value);
  }
  // The platform's rules for a call the gateway let through.
  virtual stack::SendOutcome send_admitted(const stack::OutboundRequest& request) = 0;

  // Carries `text` to the customer's device after one latency draw; returns it.
  runtime::Duration carry_to_device(stack::CustomerHandle to, std::string_view text);
  // A status webhook for `id`, `after` from now, faults applied; a failed
  // one carries the platform's `error_code`.
  void report_status(stack::OutboundId id, stack::DeliveryState state, runtime::Duration after, int error_code = 0);
  // Forwards an event (not a message) to the stack like a message.
  void forward_end(stack::CustomerHandle from);
  // A conversation event (follow, unfollow, deleted) from the customer's app.
  void forward_event(stack::CustomerHandle from, stack::InboundKind kind);
  runtime::Duration draw_latency() { return settings_.latency.sample_duration(stream_); }
  runtime::Duration draw_receipt_latency() { return settings_.receipt_latency.sample_duration(stream_); }

  runtime::Time now() const { return runtime_.now(); }
  runtime::Runtime& runtime() { return runtime_; }
  runtime::RandomStream& stream() { return stream_; }
  const FakeProviderSettings& settings() const { return settings_; }
  stack::ChannelId channel() const { return channel_; }
  Device& device() { return device_; }
  GroundTruth& truth() { return truth_; }
  // The stack's side of this provider's boundary (typed or wire).
  WebhookTarget& stack_side() { return courier_.target(); }

 private:
  struct ToDevice {
    stack::CustomerHandle to;
    std::string text;
  };
  void deliver_to_device(std::uint32_t slot);

  runtime::Runtime& runtime_;
  GroundTruth& truth_;
  Device& device_;
  stack::ChannelId channel_;
  FakeProviderSettings settings_;
  runtime::RandomStream stream_;
  FaultInjector faults_;
  StackWebhooks typed_webhooks_;
  WebhookCourier courier_;
  SlotPool<ToDevice> to_devices_;
  bool reports_chat_end_;
  // Ids of conversation events (not messages) count down from the top, so
  // they never collide with message ids, which are ground-truth indexes.
  std::uint64_t next_event_id_ = ~std::uint64_t{0};
};

// The stream name of a fake: "provider/<platform>/<channel index>".
std::string provider_stream_name(std::string_view platform, stack::ChannelId channel);

}  // namespace msgsim::fakes
