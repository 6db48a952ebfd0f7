// Per simulated minute: routing requests created, queue depth and busy agents
// at the end of the minute, and latency percentiles of the requests accepted
// in that minute. Percentiles are computed when a minute closes, so memory is
// one row per minute whatever the traffic. Events arrive in time order.
#pragma once

#include <cstdint>
#include <vector>

#include "sim/stack/trace.h"

namespace msgsim::harness {

struct MinuteRow {
  std::int64_t minute = 0;  // minutes since t = 0
  std::uint64_t arrivals = 0;
  std::uint64_t accepted = 0;
  std::uint64_t queue_depth = 0;  // requests not yet offered, at the minute's end
  std::uint64_t busy_agents = 0;  // agents holding work, at the minute's end
  double latency_s_p50 = 0.0;
  double latency_s_p95 = 0.0;
  double latency_s_p99 = 0.0;
};

class TimeseriesOracle final : public stack::TraceSink {
 public:
  void on_trace(const stack::TraceEvent& event) override;
  // Closes every minute up to `end` and returns the rows.
  std::vector<MinuteRow> finish(runtime::Time end);

 private:
  void close_minutes_before(std::int64_t minute);

  std::vector<MinuteRow> rows_;
  MinuteRow current_;
  std::vector<std::int64_t> latencies_ns_;        // accepted in the current minute
  std::vector<runtime::Time> requested_at_;       // by work id
  std::vector<std::uint32_t> work_held_by_agent_; // by agent id
  std::vector<std::uint8_t> accepted_;             // by work id
  std::uint64_t pending_ = 0;
  std::uint64_t busy_ = 0;
};

}  // namespace msgsim::harness
