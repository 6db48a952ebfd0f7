// What a live run measured about the host, reported as report.json's
// `host.live` (outside the determinism contract: wall-clock figures).
//   speed       simulated seconds per wall second
//   wall_s      wall time the paced run took
//   lag_max_ms  the most an event ran after its due wall instant
//   latency_ms  per routing decision, from the wall instant the customer
//               message's simulated send time maps to, to when the decision
//               happened: includes the simulated waits (bot, queue) at speed
//   added_ms    per routing decision, how much later it happened than the
//               wall instant its own simulated time maps to: the delay the
//               loop and the stack added to what the model called for
// Both latencies are measured from intended instants, so a stalled loop shows
// as latency instead of hiding it (no coordinated omission). Value type.
#pragma once

#include <nlohmann/json.hpp>

#include "sim/harness/histogram.h"

namespace msgsim::harness {

struct LiveFigures {
  double speed = 0.0;
  double wall_s = 0.0;
  double lag_max_ms = 0.0;
  Histogram latency;  // nanoseconds
  Histogram added;    // nanoseconds

  // {"speed","wall_s","lag_max_ms","latency_ms":{"p50","p90","p99","max","count"},"added_ms":{...}}
  nlohmann::ordered_json to_json() const;
};

}  // namespace msgsim::harness
