// Fake Messaging for Web provider (the embedded chat client and its
// transport). Customer messages get a provider id, travel with the configured
// latency and arrive at the stack's webhook; business messages travel back to
// the customer's browser and a `delivered` receipt follows. One instance per
// web channel; single-threaded.
#pragma once

#include <string>

#include "fakes/ground_truth.h"
#include "fakes/providers/device.h"
#include "fakes/providers/provider_fake.h"
#include "fakes/providers/provider_settings.h"
#include "fakes/providers/slot_pool.h"
#include "sim/runtime/runtime.h"
#include "sim/stack/channels/provider_api.h"
#include "sim/stack/stack.h"

namespace msgsim::fakes {

class FakeWeb final : public ProviderFake {
 public:
  FakeWeb(runtime::Runtime& runtime, stack::Stack& stack, GroundTruth& truth, Device& device,
          stack::ChannelId channel, FakeProviderSettings settings);

  // A customer types `text` in the chat window.
  void customer_send(PersonId person, stack::CustomerHandle from, std::string text) override;
  void customer_end(stack::CustomerHandle from) override;
  // The stack's send API.
  stack::SendOutcome send(const stack::OutboundRequest& request) override;
  void agent_joined(stack::ChannelId channel, stack::CustomerHandle customer) override;

  std::uint64_t rejected_webhooks() const override { return rejected_webhooks_; }
  std::uint64_t in_flight() const override { return messages_in_flight_; }

 private:
  struct ToDevice {
    stack::CustomerHandle to;
    std::string text;
  };
  void deliver_webhook(std::uint32_t slot);
  void deliver_to_device(std::uint32_t slot);

  runtime::Runtime& runtime_;
  stack::Stack& stack_;
  GroundTruth& truth_;
  Device& device_;
  stack::ChannelId channel_;
  FakeProviderSettings settings_;
  runtime::RandomStream stream_;
  std::uint64_t rejected_webhooks_ = 0;
  SlotPool<stack::InboundWebhook> webhooks_in_flight_;
  std::uint64_t messages_in_flight_ = 0;
  SlotPool<ToDevice> to_devices_;
  // Ids of conversation events (not messages) count down from the top, so
  // they never collide with message ids, which are ground-truth indexes.
  std::uint64_t next_event_id_ = ~std::uint64_t{0};
};

}  // namespace msgsim::fakes
