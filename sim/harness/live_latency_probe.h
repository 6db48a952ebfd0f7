// Measures, in a live run, the wall-clock latency from each customer message
// that needs an agent to the routing decision for its session. A TraceSink on
// the stack's tracer; the pacer maps simulated instants to wall instants.
//
// The message: the first customer message that lands (InboundAccepted) in a
// session that has no routing request yet. The decision: the first
// WorkOffered of the request made for that session (the instant the routing
// oracle counts as "routed"). Requests without such a message (transfers,
// re-routes) are not sampled, and neither are re-offers after a decline.
// Once a session's request closes, its next message starts a new wait.
// Both figures start from intended wall instants (see live_figures.h), so
// a stalled loop adds to them. Single-threaded, like the runtime.
#pragma once

#include <cstdint>
#include <vector>

#include "sim/harness/histogram.h"
#include "sim/runtime/live_runtime.h"
#include "sim/stack/trace.h"

namespace msgsim::harness {

class LiveLatencyProbe final : public stack::TraceSink {
 public:
  // `pacer` paces the runtime whose stack this probe watches; it must
  // outlive the probe and be started before the first event.
  explicit LiveLatencyProbe(const runtime::LivePacer& pacer) : pacer_(pacer) {}

  void on_trace(const stack::TraceEvent& event) override;

  // Message -> decision, nanoseconds.
  const Histogram& latency() const { return latency_; }
  // Decision's lateness against its own due wall instant, nanoseconds.
  const Histogram& added() const { return added_; }

 private:
  static constexpr std::int64_t kNone = -1;

  const runtime::LivePacer& pacer_;
  std::vector<std::int64_t> waiting_since_ns_;  // by session: first unrouted message, or kNone
  std::vector<std::uint8_t> session_routed_;    // by session
  std::vector<std::int64_t> request_message_ns_;  // by work: the message it answers, or kNone
  Histogram latency_;
  Histogram added_;
};

}  // namespace msgsim::harness
