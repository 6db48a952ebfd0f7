// Fake WhatsApp Cloud API provider. The customer-service window is 24 h from
// the customer's LAST inbound message; business messages do not extend it.
// A free-form message outside the window is accepted by the API and then
// fails with a `failed` status carrying 131047. The API refuses sends above
// the business number's throughput (80/s by default, or faults.throttle_per_s)
// with 130429 and above the per-recipient pair rate (one per 6 s, bursts to
// 45) with 131056. Accepted messages report sent, delivered and read;
// `delivered` is skipped when the customer reads at once. One instance per
// business number (channel); single-threaded.
#pragma once

#include <unordered_map>

#include "fakes/providers/fake_platform.h"
#include "sim/runtime/distribution.h"

namespace msgsim::fakes {

struct WhatsAppOptions {
  runtime::Duration window = runtime::Duration::hours(24);
  double pair_rate_per_s = 1.0 / 6.0;
  double pair_burst = 45.0;
  double read_probability = 0.8;  // unverified
  // From delivery to read; a read within read_at_once skips `delivered`.
  runtime::Distribution read_delay = runtime::Distribution::exponential(60.0);
  runtime::Duration read_at_once = runtime::Duration::seconds(1);
};

class FakeWhatsApp final : public FakePlatform {
 public:
  static constexpr int kReengagementMessage = 131047;
  static constexpr int kThroughputReached = 130429;
  static constexpr int kPairRateLimit = 131056;
  static constexpr int kServiceUnavailable = 131016;

  FakeWhatsApp(runtime::Runtime& runtime, stack::Stack& stack, GroundTruth& truth, Device& device,
               stack::ChannelId channel, FakeProviderSettings settings, WhatsAppOptions options = {});

  // The error code the `failed` status webhook of `id` carried, 0 if none.
  int failure_code(stack::OutboundId id) const;

 private:
  void on_customer_message(stack::CustomerHandle from, std::string_view text) override;
  stack::SendOutcome send_admitted(const stack::OutboundRequest& request) override;
  // The wa_id: the phone's digits, country code first, no "+".
  void describe_sender(stack::InboundWebhook& webhook, const PersonIdentity& person) const override {
    webhook.from_address.clear();
    for (char c : person.phone) {
      if (c >= '0' && c <= '9') webhook.from_address += c;
    }
  }
  bool window_open(stack::CustomerHandle to) const;
  void report_delivery(stack::OutboundId id, runtime::Duration to_device);

  WhatsAppOptions options_;
  // Lookups only, never iterated: hash order cannot reach an output.
  std::unordered_map<std::uint64_t, runtime::Time> last_inbound_;
  std::unordered_map<std::uint64_t, TokenBucket> pair_rate_;
  std::unordered_map<std::uint32_t, int> failures_;
};

const PlatformProfile& whatsapp_profile();

}  // namespace msgsim::fakes
