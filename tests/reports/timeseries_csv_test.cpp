// timeseries.csv: header, one row per minute, and fixed locale-independent decimals.
#include "reports/timeseries_csv.h"

#include <gtest/gtest.h>

#include <locale>
#include <sstream>

namespace msgsim::reports {
namespace {

constexpr const char* kHeader =
    "minute,t_s,arrivals,accepted,queue_depth,busy_agents,latency_s_p50,latency_s_p95,latency_s_p99\n";

std::vector<harness::MinuteRow> two_minutes() {
  harness::MinuteRow first;
  first.minute = 0;
  first.arrivals = 3;
  first.accepted = 2;
  first.queue_depth = 1;
  first.busy_agents = 4;
  first.latency_s_p50 = 1.5;
  first.latency_s_p95 = 12.25;
  first.latency_s_p99 = 1234567.125;
  harness::MinuteRow second;
  second.minute = 1;
  return {first, second};
}

// A comma decimal separator, as in German number formatting.
struct CommaDecimals : std::numpunct<char> {
  char do_decimal_point() const override { return ','; }
  char do_thousands_sep() const override { return '.'; }
  std::string do_grouping() const override { return "\3"; }
};

// The header names the columns in the documented order, and an empty series is just the header.
TEST(TimeseriesCsv, HeaderNamesTheColumnsInTheDocumentedOrder) {
  EXPECT_EQ(render_timeseries_csv({}), kHeader);
}

// Each minute is one row with fixed decimals: t_s with 1 digit, latencies with 6, never exponents.
TEST(TimeseriesCsv, WritesOneRowPerMinuteWithFixedDecimals) {
  EXPECT_EQ(render_timeseries_csv(two_minutes()), std::string(kHeader) +
                                                      "0,0.0,3,2,1,4,1.500000,12.250000,1234567.125000\n"
                                                      "1,60.0,0,0,0,0,0.000000,0.000000,0.000000\n");
}

// A global locale with comma decimals and digit grouping changes nothing in the file.
TEST(TimeseriesCsv, DecimalsIgnoreTheProcessLocale) {
  const std::string expected = render_timeseries_csv(two_minutes());
  const std::locale previous = std::locale::global(std::locale(std::locale::classic(), new CommaDecimals));
  std::ostringstream probe;
  probe << 1.5;  // proves the locale really is in force for streams
  const std::string rendered = render_timeseries_csv(two_minutes());
  std::locale::global(previous);
  EXPECT_EQ(probe.str(), "1,5");
  EXPECT_EQ(rendered, expected);
}

}  // namespace
}  // namespace msgsim::reports
