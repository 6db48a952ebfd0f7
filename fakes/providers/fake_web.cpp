#include "fakes/providers/fake_web.h"

#include <utility>

namespace msgsim::fakes {

FakeWeb::FakeWeb(runtime::Runtime& runtime, stack::Stack& stack, GroundTruth& truth, Device& device,
                 stack::ChannelId channel, FakeProviderSettings settings)
    : runtime_(runtime),
      stack_(stack),
      truth_(truth),
      device_(device),
      channel_(channel),
      settings_(std::move(settings)),
      stream_(runtime.stream("provider/web/" + std::to_string(channel.value))) {}

void FakeWeb::customer_send(PersonId person, stack::CustomerHandle from, std::string text) {
  const std::uint64_t id = truth_.record_message(person, channel_, runtime_.now());
  const std::uint32_t slot = webhooks_in_flight_.put(
      stack::InboundWebhook{channel_, from, stack::ProviderMessageId{id}, std::move(text), runtime_.now()});
  ++messages_in_flight_;
  runtime_.schedule_after(settings_.latency.sample_duration(stream_), [this, slot]() { deliver_webhook(slot); });
}

// "End chat" travels like a message (same latency, its own event id) so it
// cannot overtake what the customer wrote before it.
void FakeWeb::customer_end(stack::CustomerHandle from) {
  stack::InboundWebhook webhook{channel_, from, stack::ProviderMessageId{next_event_id_--}, "", runtime_.now()};
  webhook.end_conversation = true;
  const std::uint32_t slot = webhooks_in_flight_.put(std::move(webhook));
  runtime_.schedule_after(settings_.latency.sample_duration(stream_), [this, slot]() { deliver_webhook(slot); });
}

void FakeWeb::agent_joined(stack::ChannelId, stack::CustomerHandle customer) {
  runtime_.schedule_after(settings_.latency.sample_duration(stream_),
                          [this, customer]() { device_.on_agent_joined(channel_, customer); });
}

void FakeWeb::deliver_webhook(std::uint32_t slot) {
  const stack::InboundWebhook webhook = webhooks_in_flight_.take(slot);
  if (!webhook.end_conversation) --messages_in_flight_;
  if (!stack_.receive_webhook(webhook).is_ok()) ++rejected_webhooks_;
}

stack::SendOutcome FakeWeb::send(const stack::OutboundRequest& request) {
  const runtime::Duration to_device = settings_.latency.sample_duration(stream_);
  const runtime::Duration receipt = settings_.receipt_latency.sample_duration(stream_);
  const std::uint32_t slot = to_devices_.put(ToDevice{request.to, std::string(request.text)});
  runtime_.schedule_after(to_device, [this, slot]() { deliver_to_device(slot); });
  const stack::OutboundId id = request.id;
  runtime_.schedule_after(to_device + receipt, [this, id]() {
    stack_.receive_receipt(stack::DeliveryReceipt{channel_, id, stack::DeliveryState::kDelivered});
  });
  return stack::SendOutcome{true, 0};
}

void FakeWeb::deliver_to_device(std::uint32_t slot) {
  ToDevice message = to_devices_.take(slot);
  device_.on_business_message(channel_, message.to, message.text);
}

}  // namespace msgsim::fakes
