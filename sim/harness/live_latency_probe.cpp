#include "sim/harness/live_latency_probe.h"

#include <algorithm>

namespace msgsim::harness {

namespace {

template <typename T>
T& grown(std::vector<T>& values, std::size_t index, T fill) {
  if (values.size() <= index) values.resize(index + 1, fill);
  return values[index];
}

// Latencies below zero cannot happen (events never run early); clamp so a
// histogram of non-negative values never sees one through rounding.
std::int64_t non_negative(std::chrono::nanoseconds span) { return std::max<std::int64_t>(0, span.count()); }

}  // namespace

void LiveLatencyProbe::on_trace(const stack::TraceEvent& event) {
  using stack::TraceKind;
  switch (event.kind) {
    case TraceKind::kInboundAccepted: {
      if (grown(session_routed_, event.session.value, std::uint8_t{0}) != 0) break;
      std::int64_t& since = grown(waiting_since_ns_, event.session.value, kNone);
      if (since == kNone) since = event.at.ns();
      break;
    }
    case TraceKind::kRoutingRequested: {
      std::uint8_t& routed = grown(session_routed_, event.session.value, std::uint8_t{0});
      std::int64_t& since = grown(waiting_since_ns_, event.session.value, kNone);
      grown(request_message_ns_, event.work.value, kNone) = routed != 0 ? kNone : since;
      routed = 1;
      since = kNone;
      break;
    }
    case TraceKind::kWorkOffered: {
      std::int64_t& message_ns = grown(request_message_ns_, event.work.value, kNone);
      if (message_ns == kNone) break;
      latency_.record(non_negative(pacer_.lateness(runtime::Time::from_ns(message_ns))));
      added_.record(non_negative(pacer_.lateness(event.at)));
      message_ns = kNone;
      break;
    }
    case TraceKind::kWorkClosed:
    case TraceKind::kWorkCanceled:
      // The request is over: a later customer message in this session (one
      // that reactivates it) waits for a new decision.
      grown(session_routed_, event.session.value, std::uint8_t{0}) = 0;
      break;
    default: break;
  }
}

}  // namespace msgsim::harness
