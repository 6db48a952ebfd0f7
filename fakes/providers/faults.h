// The fault machinery every fake provider shares. A FaultInjector decides, for
// each webhook a provider delivers to the stack, when its attempts arrive
// (latency, reorder, drop-then-retry, duplicate, queued behind an outage) and
// whether a send API call is refused (outage, throttle). A WebhookCourier
// carries webhooks to the stack along those plans and counts the customer
// messages not yet delivered. All draws come from the provider's own stream
// ("provider/<platform>/<channel>/faults"); nothing reads the wall clock.
// One injector and one courier per fake; single-threaded.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

#include "fakes/providers/provider_settings.h"
#include "fakes/providers/slot_pool.h"
#include "fakes/providers/webhook_target.h"
#include "fakes/reported_statuses.h"
#include "sim/runtime/random.h"
#include "sim/runtime/runtime.h"
#include "sim/runtime/time.h"
#include "sim/stack/channels/payloads.h"
#include "sim/stack/stack.h"

namespace msgsim::fakes {

// What one platform does when things go wrong. Codes are the platform's own.
struct PlatformProfile {
  std::string_view name;           // the stream name part: "sms", "whatsapp", ...
  runtime::Duration retry_delay;   // a lost webhook's retry, after the lost attempt
  int throttle_error = 429;        // a send above the rate
  int outage_error = 503;          // a send during an outage (5xx-like)
  std::optional<double> rate_per_s;  // the platform's own send limit, if any
  // Whether the platform tells the business that the customer ended the chat
  // (web, in-app and BYOC "end", Apple's close). SMS, WhatsApp, Messenger and
  // LINE have no such event: a customer who gives up just stops writing.
  bool reports_chat_end = true;
};

// A token bucket: `rate_per_s` tokens a second, at most `burst` saved up.
// Starts full. Integer-nanosecond time in, so it is exact enough and portable.
class TokenBucket {
 public:
  TokenBucket(double rate_per_s, double burst);
  // Takes one token at `now`; false (and nothing taken) when none is left.
  bool take(runtime::Time now);

 private:
  double rate_per_s_;
  double burst_;
  double tokens_;
  runtime::Time last_ = runtime::Time::zero();
};

// When the attempts of one webhook reach the stack, as delays from now.
// The lost attempt of a drop-then-retry is not listed: it never arrives.
struct DeliveryPlan {
  std::array<runtime::Duration, 2> attempts{};
  std::uint8_t count = 1;
};

struct FaultCounts {
  std::uint64_t duplicated = 0;
  std::uint64_t reordered = 0;
  std::uint64_t dropped = 0;           // first attempts lost (each retried)
  std::uint64_t held_by_outage = 0;    // attempts moved to an outage's end
  std::uint64_t sends_throttled = 0;
  std::uint64_t sends_during_outage = 0;
};

class FaultInjector {
 public:
  FaultInjector(runtime::Runtime& runtime, std::string_view stream_name, FaultSettings settings,
                const PlatformProfile& profile);

  // The attempts of a webhook whose undisturbed delivery takes `latency`.
  // Exactly three draws decide the faults, whatever the probabilities, so
  // changing one probability does not shift the others' draws.
  DeliveryPlan plan(runtime::Duration latency);
  // 0 when the send API answers normally at now(); otherwise the platform's
  // outage or throttling error. Each admitted call takes a throttle token.
  int admit_send();
  // True iff `at` falls inside a configured outage.
  bool in_outage(runtime::Time at) const;
  // The first instant at or after `at` outside every outage (chained and
  // overlapping windows included): when a queued webhook goes out.
  runtime::Time after_outages(runtime::Time at) const;

  const FaultCounts& counts() const { return counts_; }
  const PlatformProfile& profile() const { return profile_; }

 private:
  runtime::Time deliverable_at(runtime::Time at);

  runtime::Runtime& runtime_;
  runtime::RandomStream stream_;
  FaultSettings settings_;
  PlatformProfile profile_;
  runtime::Duration retry_delay_;
  std::optional<TokenBucket> throttle_;
  FaultCounts counts_;
};

// Carries webhooks to the stack along the injector's plans. A customer
// message counts in in_flight() from hand-over until its first attempt
// reaches the stack, so messages held by an outage or awaiting a retry are
// never reported lost by the conservation oracle.
class WebhookCourier {
 public:
  // Every status it hands over is recorded in `statuses` (null = nowhere),
  // which must outlive the courier.
  WebhookCourier(runtime::Runtime& runtime, WebhookTarget& target, FaultInjector& faults,
                 ReportedStatuses* statuses = nullptr);
  // Sends later attempts to `target` (wire mode); it must outlive the courier.
  void set_target(WebhookTarget& target) { target_ = &target; }
  // Where webhooks go now (calls that bypass the faults use it directly).
  WebhookTarget& target() const { return *target_; }

  // Delivers `webhook` (a message, or an end-of-conversation event that does
  // not count in in_flight()) after `latency`, faults applied.
  void deliver(stack::InboundWebhook webhook, runtime::Duration latency);
  // Delivers a status webhook after `latency`, faults applied.
  void deliver_receipt(const stack::DeliveryReceipt& receipt, runtime::Duration latency);

  std::uint64_t in_flight() const { return messages_in_flight_; }
  std::uint64_t rejected() const { return rejected_; }

 private:
  struct Pending {
    stack::InboundWebhook webhook;
    bool first_attempt = false;  // the copy that ends the message's flight
  };
  void attempt(std::uint32_t slot);
  void attempt_receipt(const stack::DeliveryReceipt& receipt);

  runtime::Runtime& runtime_;
  WebhookTarget* target_;
  FaultInjector& faults_;
  ReportedStatuses* statuses_;
  SlotPool<Pending> pending_;
  std::uint64_t messages_in_flight_ = 0;
  std::uint64_t rejected_ = 0;
};

}  // namespace msgsim::fakes
