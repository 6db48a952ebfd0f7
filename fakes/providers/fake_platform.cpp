#include "fakes/providers/fake_platform.h"

#include <utility>

namespace msgsim::fakes {

std::string provider_stream_name(std::string_view platform, stack::ChannelId channel) {
  return "provider/" + std::string(platform) + "/" + std::to_string(channel.value);
}

FakePlatform::FakePlatform(runtime::Runtime& runtime, stack::Stack& stack, GroundTruth& truth, Device& device,
                           stack::ChannelId channel, FakeProviderSettings settings, const PlatformProfile& profile)
    : runtime_(runtime),
      truth_(truth),
      device_(device),
      channel_(channel),
      settings_(std::move(settings)),
      stream_(runtime.stream(provider_stream_name(profile.name, channel))),
      faults_(runtime, provider_stream_name(profile.name, channel), settings_.faults, profile),
      typed_webhooks_(stack),
      courier_(runtime, typed_webhooks_, faults_, &truth.reported_statuses()),
      reports_chat_end_(profile.reports_chat_end) {}

void FakePlatform::customer_send(PersonId person, stack::CustomerHandle from, std::string text) {
  const std::uint64_t id = truth_.record_message(person, channel_, runtime_.now());
  truth_.record_boundary_inbound(channel_, from, text, runtime_.now());
  on_customer_message(from, text);
  stack::InboundWebhook webhook{channel_, from, stack::ProviderMessageId{id}, std::move(text), runtime_.now()};
  describe_sender(webhook, truth_.identity(person));
  courier_.deliver(std::move(webhook), draw_latency());
}

void FakePlatform::customer_end(stack::CustomerHandle from) {
  if (reports_chat_end_) forward_end(from);
}

void FakePlatform::forward_end(stack::CustomerHandle from) {
  stack::InboundWebhook webhook{channel_, from, stack::ProviderMessageId{next_event_id_--}, "", runtime_.now()};
  webhook.end_conversation = true;
  courier_.deliver(std::move(webhook), draw_latency());
}

void FakePlatform::forward_event(stack::CustomerHandle from, stack::InboundKind kind) {
  stack::InboundWebhook webhook{channel_, from, stack::ProviderMessageId{next_event_id_--}, "", runtime_.now()};
  webhook.kind = kind;
  courier_.deliver(std::move(webhook), draw_latency());
}

void FakePlatform::agent_joined(stack::ChannelId, stack::CustomerHandle customer) {
  runtime_.schedule_after(draw_latency(), [this, customer]() { device_.on_agent_joined(channel_, customer); });
}

stack::SendOutcome FakePlatform::send(const stack::OutboundRequest& request) {
  // Every submission is logged, refused ones included: submitting a forbidden
  // message is the stack's fault whatever the provider answers.
  const int refused = faults_.admit_send();
  if (refused != 0) {
    truth_.record_boundary_outbound(request, false, runtime_.now());
    return stack::SendOutcome{false, refused};
  }
  const stack::SendOutcome outcome = send_admitted(request);
  truth_.record_boundary_outbound(request, outcome.accepted, runtime_.now());
  return outcome;
}

runtime::Duration FakePlatform::carry_to_device(stack::CustomerHandle to, std::string_view text) {
  const runtime::Duration latency = draw_latency();
  const std::uint32_t slot = to_devices_.put(ToDevice{to, std::string(text)});
  runtime_.schedule_after(latency, [this, slot]() { deliver_to_device(slot); });
  return latency;
}

void FakePlatform::deliver_to_device(std::uint32_t slot) {
  const ToDevice message = to_devices_.take(slot);
  device_.on_business_message(channel_, message.to, message.text);
}

void FakePlatform::report_status(stack::OutboundId id, stack::DeliveryState state, runtime::Duration after,
                                 int error_code) {
  courier_.deliver_receipt(stack::DeliveryReceipt{channel_, id, state, error_code}, after);
}

}  // namespace msgsim::fakes
