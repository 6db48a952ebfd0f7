// The report's latency summary {"count","mean","p50","p90","p95","p99","max"}
// in seconds, from a histogram of nanoseconds.
#pragma once

#include <nlohmann/json.hpp>

#include "sim/harness/histogram.h"

namespace msgsim::harness {

nlohmann::ordered_json latency_summary_json(const Histogram& histogram);
// A ratio that is 0 when the denominator is 0.
double ratio_or_zero(double numerator, double denominator);

}  // namespace msgsim::harness
