#include "fakes/providers/faults.h"

#include <algorithm>
#include <string>
#include <utility>

#include "sim/runtime/check.h"

namespace msgsim::fakes {

TokenBucket::TokenBucket(double rate_per_s, double burst)
    : rate_per_s_(rate_per_s), burst_(burst), tokens_(burst) {
  MSGSIM_CHECK_MSG(rate_per_s > 0.0 && burst >= 1.0, "a token bucket needs a positive rate and a burst >= 1");
}

bool TokenBucket::take(runtime::Time now) {
  const double elapsed_s = (now - last_).to_seconds();
  tokens_ = std::min(burst_, tokens_ + elapsed_s * rate_per_s_);
  last_ = now;
  if (tokens_ < 1.0) return false;
  tokens_ -= 1.0;
  return true;
}

FaultInjector::FaultInjector(runtime::Runtime& runtime, std::string_view stream_name, FaultSettings settings,
                             const PlatformProfile& profile)
    : runtime_(runtime),
      stream_(runtime.stream(std::string(stream_name) + "/faults")),
      settings_(std::move(settings)),
      profile_(profile),
      retry_delay_(settings_.retry_delay.value_or(profile.retry_delay)) {
  const std::optional<double> rate = settings_.throttle_per_s ? settings_.throttle_per_s : profile.rate_per_s;
  // A burst of one second's worth: sends above the rate within any second fail.
  if (rate) throttle_.emplace(*rate, std::max(1.0, *rate));
}

DeliveryPlan FaultInjector::plan(runtime::Duration latency) {
  const bool duplicate = stream_.bernoulli(settings_.duplicate);
  const bool reorder = stream_.bernoulli(settings_.reorder);
  const bool drop = stream_.bernoulli(settings_.drop_then_retry);
  const runtime::Time now = runtime_.now();
  runtime::Duration first = latency;
  if (reorder) {
    first += settings_.reorder_extra.sample_duration(stream_);
    ++counts_.reordered;
  }
  if (drop) {
    // The lost attempt would have landed at `first`; the provider notices
    // (timeout or error) and retries one retry delay later.
    first += retry_delay_;
    ++counts_.dropped;
  }
  DeliveryPlan plan;
  const runtime::Time first_at = deliverable_at(now + first);
  plan.attempts[0] = first_at - now;
  if (duplicate) {
    const runtime::Duration gap = settings_.duplicate_delay.sample_duration(stream_);
    plan.attempts[1] = deliverable_at(first_at + gap) - now;
    plan.count = 2;
    ++counts_.duplicated;
  }
  return plan;
}

runtime::Time FaultInjector::deliverable_at(runtime::Time at) {
  const runtime::Time out = after_outages(at);
  if (out != at) ++counts_.held_by_outage;
  return out;
}

bool FaultInjector::in_outage(runtime::Time at) const {
  return std::any_of(settings_.outages.begin(), settings_.outages.end(), [at](const OutageWindow& outage) {
    const runtime::Time start = runtime::Time::at(outage.at);
    return at >= start && at < start + outage.length;
  });
}

runtime::Time FaultInjector::after_outages(runtime::Time at) const {
  // Each pass moves `at` to the end of a window containing it; windows are
  // few and finite, so this ends after at most one pass per window.
  for (bool moved = true; moved;) {
    moved = false;
    for (const OutageWindow& outage : settings_.outages) {
      const runtime::Time start = runtime::Time::at(outage.at);
      const runtime::Time end = start + outage.length;
      if (at >= start && at < end) {
        at = end;
        moved = true;
      }
    }
  }
  return at;
}

int FaultInjector::admit_send() {
  const runtime::Time now = runtime_.now();
  if (in_outage(now)) {
    ++counts_.sends_during_outage;
    return profile_.outage_error;
  }
  if (throttle_ && !throttle_->take(now)) {
    ++counts_.sends_throttled;
    return profile_.throttle_error;
  }
  return 0;
}

WebhookCourier::WebhookCourier(runtime::Runtime& runtime, WebhookTarget& target, FaultInjector& faults,
                               ReportedStatuses* statuses)
    : runtime_(runtime), target_(&target), faults_(faults), statuses_(statuses) {}

// Each planned attempt carries its own copy of the webhook (same provider id).
// The first attempt never runs after the duplicate (its time is not later and
// equal times run in scheduling order), so it is the one that lands first.
void WebhookCourier::deliver(stack::InboundWebhook webhook, runtime::Duration latency) {
  const DeliveryPlan plan = faults_.plan(latency);
  if (!webhook.end_conversation) ++messages_in_flight_;
  for (std::uint8_t i = 0; i < plan.count; ++i) {
    const bool last = i + 1 == plan.count;
    const std::uint32_t slot = pending_.put(Pending{last ? std::move(webhook) : webhook, i == 0});
    runtime_.schedule_after(plan.attempts[i], [this, slot]() { attempt(slot); });
  }
}

void WebhookCourier::attempt(std::uint32_t slot) {
  const Pending pending = pending_.take(slot);
  if (pending.first_attempt && !pending.webhook.end_conversation) --messages_in_flight_;
  if (!target_->deliver(pending.webhook).is_ok()) ++rejected_;
}

void WebhookCourier::deliver_receipt(const stack::DeliveryReceipt& receipt, runtime::Duration latency) {
  const DeliveryPlan plan = faults_.plan(latency);
  for (std::uint8_t i = 0; i < plan.count; ++i) {
    runtime_.schedule_after(plan.attempts[i], [this, receipt]() { attempt_receipt(receipt); });
  }
}

// Recorded as handed over, whatever the stack makes of it: the stack's record
// must end at least as far along as the most advanced status that reached it.
// (A forged copy in wire mode is an extra request; this one is genuine.)
void WebhookCourier::attempt_receipt(const stack::DeliveryReceipt& receipt) {
  if (statuses_ != nullptr) statuses_->record(receipt.channel, receipt.id.value, receipt.state);
  target_->deliver_receipt(receipt);
}

}  // namespace msgsim::fakes
