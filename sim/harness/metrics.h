// The measured results of one replication (or of several, merged): the
// summaries of every oracle. Summaries merge exactly; `to_json` builds the
// report's `metrics` object. Sections whose oracle does not exist are absent.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "fakes/providers/partner_settings.h"
#include "sim/harness/oracles/conservation_oracle.h"
#include "sim/harness/oracles/consent_oracle.h"
#include "sim/harness/oracles/invariant_oracle.h"
#include "sim/harness/oracles/merge_oracle.h"
#include "sim/harness/oracles/population_oracle.h"
#include "sim/harness/oracles/routing_oracle.h"
#include "sim/harness/wire_counts.h"
#include "sim/stack/notifications.h"
#include "sim/harness/oracles/timeseries_oracle.h"
#include "sim/harness/transcripts.h"

namespace msgsim::harness {

struct Metrics {
  RoutingSummary routing;
  InvariantSummary invariants;
  MessagesSummary messages;
  PopulationSummary population;
  MergeSummary merges;  // always present: the report contract lists its keys
  // Only when some channel has consent keywords in effect (consent_applies).
  std::optional<ConsentSummary> consent;
  // Per-minute rows of the first replication (percentiles do not merge).
  std::vector<MinuteRow> timeseries;
  // The first replication's sampled conversations (transcripts.h); merge
  // keeps this replication's, as it does the per-minute rows.
  std::vector<SampledConversation> transcripts;
  stack::NotificationCounts notifications;  // triggered outbound messages
  std::optional<WireCounts> wire;            // only when some channel runs on the wire
  // By channel id, for channels whose BYOC partner owns routing or consent.
  std::vector<std::pair<std::string, fakes::PartnerCounts>> partners;
  std::uint64_t events = 0;
  double end_s = 0.0;

  void merge(const Metrics& other);
  nlohmann::ordered_json to_json() const;
};

}  // namespace msgsim::harness
