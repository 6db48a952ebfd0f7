// timeseries.csv: the per-minute rows of the first replication (Metrics::
// timeseries) as CSV for spreadsheets and plotting scripts. Header:
//   minute,t_s,arrivals,accepted,queue_depth,busy_agents,latency_s_p50,latency_s_p95,latency_s_p99
// t_s is the start of the minute in simulated seconds; queue_depth and
// busy_agents are sampled at the minute's end. Decimals are fixed (t_s 1
// digit, latencies 6 digits) and always use '.', whatever the process locale,
// so the file is byte-identical between runs and machines. LF line endings.
// Pure function; any thread may call it.
#pragma once

#include <string>
#include <vector>

#include "sim/harness/oracles/timeseries_oracle.h"

namespace msgsim::reports {

std::string render_timeseries_csv(const std::vector<harness::MinuteRow>& rows);

}  // namespace msgsim::reports
