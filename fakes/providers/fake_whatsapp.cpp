#include "fakes/providers/fake_whatsapp.h"

#include <utility>

namespace msgsim::fakes {

// Meta retries a failed webhook "immediately, then with decreasing
// frequency"; the first retry is modelled 10 s after the lost attempt
// (unverified: the timeout before it is undocumented).
const PlatformProfile& whatsapp_profile() {
  static const PlatformProfile kProfile{"whatsapp", runtime::Duration::seconds(10), FakeWhatsApp::kThroughputReached,
                                        FakeWhatsApp::kServiceUnavailable, 80.0, false};
  return kProfile;
}

FakeWhatsApp::FakeWhatsApp(runtime::Runtime& runtime, stack::Stack& stack, GroundTruth& truth, Device& device,
                           stack::ChannelId channel, FakeProviderSettings settings, WhatsAppOptions options)
    : FakePlatform(runtime, stack, truth, device, channel, std::move(settings), whatsapp_profile()),
      options_(std::move(options)) {}

int FakeWhatsApp::failure_code(stack::OutboundId id) const {
  const auto found = failures_.find(id.value);
  return found == failures_.end() ? 0 : found->second;
}

void FakeWhatsApp::on_customer_message(stack::CustomerHandle from, std::string_view) {
  last_inbound_.insert_or_assign(from.value, now());
}

bool FakeWhatsApp::window_open(stack::CustomerHandle to) const {
  const auto found = last_inbound_.find(to.value);
  return found != last_inbound_.end() && now() - found->second < options_.window;
}

stack::SendOutcome FakeWhatsApp::send_admitted(const stack::OutboundRequest& request) {
  auto [bucket, created] =
      pair_rate_.try_emplace(request.to.value, TokenBucket(options_.pair_rate_per_s, options_.pair_burst));
  if (!bucket->second.take(now())) return stack::SendOutcome{false, kPairRateLimit};
  // Approved templates may go out at any time (opt-in is the stack's
  // business); free-form needs the window.
  const bool is_template = request.options != nullptr && !request.options->template_name.empty();
  if (!is_template && !window_open(request.to)) {
    failures_.insert_or_assign(request.id.value, kReengagementMessage);
    report_status(request.id, stack::DeliveryState::kFailed, draw_receipt_latency(), kReengagementMessage);
    return stack::SendOutcome{true, 0};
  }
  report_status(request.id, stack::DeliveryState::kSent, draw_receipt_latency());
  report_delivery(request.id, carry_to_device(request.to, request.text));
  return stack::SendOutcome{true, 0};
}

void FakeWhatsApp::report_delivery(stack::OutboundId id, runtime::Duration to_device) {
  const runtime::Duration receipt = draw_receipt_latency();
  const bool read = stream().bernoulli(options_.read_probability);
  const runtime::Duration read_after = options_.read_delay.sample_duration(stream());
  if (!read || read_after >= options_.read_at_once) {
    report_status(id, stack::DeliveryState::kDelivered, to_device + receipt);
  }
  if (read) report_status(id, stack::DeliveryState::kRead, to_device + read_after + receipt);
}

}  // namespace msgsim::fakes
