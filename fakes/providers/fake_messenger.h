// Fake Facebook Messenger provider. The person starts the conversation; the
// standard window is 24 h from the person's last message, and outside it the
// Send API refuses untagged messages with error code 10, subcode 2018278.
// Deliveries and reads arrive as watermarks: one webhook saying every message
// sent before time W is delivered (or read). The fake turns a watermark into
// a receipt for each such message, so the stack sees per-message states.
// One instance per page (channel); single-threaded.
#pragma once

#include <unordered_map>
#include <vector>

#include "fakes/providers/fake_platform.h"
#include "sim/runtime/distribution.h"

namespace msgsim::fakes {

struct MessengerOptions {
  runtime::Duration window = runtime::Duration::hours(24);
  runtime::Duration human_agent_window = runtime::Duration::hours(7 * 24);
  double read_probability = 0.8;  // unverified
  runtime::Distribution read_delay = runtime::Distribution::exponential(60.0);
};

class FakeMessenger final : public FakePlatform {
 public:
  static constexpr int kPermissionError = 10;
  static constexpr int kOutsideWindowSubcode = 2018278;
  static constexpr int kRateLimited = 613;
  static constexpr int kTemporaryDowntime = 2;

  FakeMessenger(runtime::Runtime& runtime, stack::Stack& stack, GroundTruth& truth, Device& device,
                stack::ChannelId channel, FakeProviderSettings settings, MessengerOptions options = {});


 private:
  struct Sent {
    stack::OutboundId id;
    runtime::Time at;
  };
  enum class Mark : std::uint8_t { kDelivery, kRead };

  void on_customer_message(stack::CustomerHandle from, std::string_view text) override;
  stack::SendOutcome send_admitted(const stack::OutboundRequest& request) override;
  bool allowed(const stack::OutboundRequest& request) const;
  void watermark(std::uint64_t recipient, runtime::Time mark_at, Mark mark);

  MessengerOptions options_;
  // Lookups only, never iterated.
  std::unordered_map<std::uint64_t, runtime::Time> last_inbound_;
  std::unordered_map<std::uint64_t, std::vector<Sent>> undelivered_;  // by PSID, in send order
  std::unordered_map<std::uint64_t, std::vector<Sent>> unread_;
};

const PlatformProfile& messenger_profile();

}  // namespace msgsim::fakes
