#include "reports/timeseries_csv.h"

#include <charconv>

namespace msgsim::reports {

namespace {

constexpr int kTimeDigits = 1;
constexpr int kLatencyDigits = 6;  // microseconds: finer than the histogram's 1% error for latencies >= 0.1 ms

// std::to_chars never consults the locale, unlike printf and iostreams.
void append_fixed(std::string& out, double value, int digits) {
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed, digits);
  out.append(buffer, result.ptr);
}

template <typename Integer>
void append_integer(std::string& out, Integer value) {
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  out.append(buffer, result.ptr);
}

}  // namespace

std::string render_timeseries_csv(const std::vector<harness::MinuteRow>& rows) {
  std::string out =
      "minute,t_s,arrivals,accepted,queue_depth,busy_agents,latency_s_p50,latency_s_p95,latency_s_p99\n";
  out.reserve(out.size() + rows.size() * 64);
  for (const harness::MinuteRow& row : rows) {
    append_integer(out, row.minute);
    out += ',';
    append_fixed(out, static_cast<double>(row.minute) * 60.0, kTimeDigits);
    out += ',';
    append_integer(out, row.arrivals);
    out += ',';
    append_integer(out, row.accepted);
    out += ',';
    append_integer(out, row.queue_depth);
    out += ',';
    append_integer(out, row.busy_agents);
    for (const double latency_s : {row.latency_s_p50, row.latency_s_p95, row.latency_s_p99}) {
      out += ',';
      append_fixed(out, latency_s, kLatencyDigits);
    }
    out += '\n';
  }
  return out;
}

}  // namespace msgsim::reports
