// How a fake provider behaves on one channel: latency per direction, the
// delay of delivery receipts, the faults it injects and the SMS keyword
// matching mode. Plain values, filled from the scenario's `providers` key by
// the world builder; the fakes never read scenario files.
#pragma once

#include <optional>
#include <vector>

#include "sim/runtime/distribution.h"
#include "sim/runtime/time.h"
#include "fakes/providers/partner_settings.h"
#include "sim/stack/channels/keywords.h"

namespace msgsim::fakes {

// A window [at, at + length) during which the provider's API fails and its
// webhooks queue up.
struct OutageWindow {
  runtime::Duration at;
  runtime::Duration length;  // the scenario's "for"
};

// The scenario's `faults` object. Probabilities are per webhook attempt plan
// (message or status). The delays are options because the platforms do not
// document them (unverified): the defaults only need to be plausible.
struct FaultSettings {
  double duplicate = 0.0;
  double reorder = 0.0;
  double drop_then_retry = 0.0;
  std::vector<OutageWindow> outages;  // in any order; may overlap
  // Sends per second the provider accepts; none = the platform's own limit
  // (WhatsApp 80/s, LINE 2,000/s) or unlimited.
  std::optional<double> throttle_per_s;
  double bad_signature = 0.0;  // live (wire) mode only; typed mode ignores it
  // When the second copy of a duplicated webhook arrives, after the first.
  runtime::Distribution duplicate_delay = runtime::Distribution::uniform(1.0, 30.0);
  // The extra delay of a reordered webhook, so that later ones overtake it.
  runtime::Distribution reorder_extra = runtime::Distribution::uniform(1.0, 10.0);
  // When a lost first attempt is retried; none = the platform's schedule
  // (Twilio: after its 15 s timeout; Meta: see faults.h).
  std::optional<runtime::Duration> retry_delay;
};

struct FakeProviderSettings {
  runtime::Distribution latency;          // one direction; constant 0 by default
  runtime::Distribution receipt_latency;  // after delivery to the device
  FaultSettings faults;
  // How the SMS provider matches its own opt-out / opt-in keywords.
  stack::KeywordMatchMode keyword_match = stack::KeywordMatchMode::kSingleWordCaseInsensitive;
  // BYOC for CCaaS only: what the partner owns (nothing by default).
  PartnerSettings partner;
};

}  // namespace msgsim::fakes
