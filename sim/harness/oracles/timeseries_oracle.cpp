#include "sim/harness/oracles/timeseries_oracle.h"

#include <algorithm>

namespace msgsim::harness {

using stack::TraceKind;

namespace {
constexpr std::int64_t kMinuteNs = 60'000'000'000;

double percentile_s(std::vector<std::int64_t>& values, double q) {
  if (values.empty()) return 0.0;
  auto rank = static_cast<std::size_t>(q * static_cast<double>(values.size()));
  rank = std::min(rank, values.size() - 1);
  std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(rank), values.end());
  return static_cast<double>(values[rank]) / 1e9;
}
}  // namespace

void TimeseriesOracle::close_minutes_before(std::int64_t minute) {
  while (current_.minute < minute) {
    current_.queue_depth = pending_;
    current_.busy_agents = busy_;
    current_.latency_s_p50 = percentile_s(latencies_ns_, 0.50);
    current_.latency_s_p95 = percentile_s(latencies_ns_, 0.95);
    current_.latency_s_p99 = percentile_s(latencies_ns_, 0.99);
    latencies_ns_.clear();
    rows_.push_back(current_);
    current_ = MinuteRow{};
    current_.minute = rows_.back().minute + 1;
  }
}

void TimeseriesOracle::on_trace(const stack::TraceEvent& event) {
  close_minutes_before(event.at.ns() / kMinuteNs);
  switch (event.kind) {
    case TraceKind::kRoutingRequested:
      if (requested_at_.size() <= event.work.value) requested_at_.resize(event.work.value + 1);
      requested_at_[event.work.value] = event.at;
      ++current_.arrivals;
      ++pending_;
      break;
    case TraceKind::kWorkOffered:
      if (pending_ > 0) --pending_;
      if (work_held_by_agent_.size() <= event.agent.value) work_held_by_agent_.resize(event.agent.value + 1, 0);
      if (work_held_by_agent_[event.agent.value]++ == 0) ++busy_;
      break;
    // Work leaves its agent; declined, timed-out and withdrawn (never
    // accepted) items go back to their queue.
    case TraceKind::kWorkDeclined:
    case TraceKind::kWorkPushTimeout:
    case TraceKind::kWorkWithdrawn:
    case TraceKind::kWorkClosed:
    case TraceKind::kWorkTransferred:
    case TraceKind::kWorkCanceled: {
      const bool held = event.agent.valid();
      if (held && work_held_by_agent_[event.agent.value] > 0 && --work_held_by_agent_[event.agent.value] == 0) --busy_;
      const bool accepted = event.work.value < accepted_.size() && accepted_[event.work.value];
      const bool requeued = event.kind == TraceKind::kWorkDeclined || event.kind == TraceKind::kWorkPushTimeout ||
                            (event.kind == TraceKind::kWorkWithdrawn && !accepted);
      if (requeued) ++pending_;
      if (event.kind == TraceKind::kWorkCanceled && !held && pending_ > 0) --pending_;
      break;
    }
    case TraceKind::kWorkAccepted:
      ++current_.accepted;
      latencies_ns_.push_back((event.at - requested_at_[event.work.value]).ns());
      if (accepted_.size() <= event.work.value) accepted_.resize(event.work.value + 1, 0);
      accepted_[event.work.value] = 1;
      break;
    case TraceKind::kOverflowed:
    case TraceKind::kSkillsDropped: break;  // still pending, in another queue or with fewer skills
    default: break;
  }
}

std::vector<MinuteRow> TimeseriesOracle::finish(runtime::Time end) {
  close_minutes_before((end.ns() + kMinuteNs - 1) / kMinuteNs);
  return rows_;
}

}  // namespace msgsim::harness
