// PrometheusText writes the text exposition format: families with HELP and
// TYPE, escaped labels, summaries and histograms.
#include "sim/live/prometheus_text.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace msgsim::live {
namespace {

// Counters and gauges with labels; label values and help are escaped.
TEST(PrometheusText, WritesFamiliesWithEscapedLabels) {
  PrometheusText text;
  text.family("msgsim_messages_total", "Customer messages\naccepted \\ landed.", PrometheusType::kCounter);
  text.sample({{"channel", "sms-us"}}, 42);
  text.sample({{"channel", "we\"ird\\id\nx"}, {"direction", "in"}}, 7);
  text.gauge("msgsim_agents_available", "Agents online now.", 3.5);
  EXPECT_EQ(text.text(),
            "# HELP msgsim_messages_total Customer messages\\naccepted \\\\ landed.\n"
            "# TYPE msgsim_messages_total counter\n"
            "msgsim_messages_total{channel=\"sms-us\"} 42\n"
            "msgsim_messages_total{channel=\"we\\\"ird\\\\id\\nx\",direction=\"in\"} 7\n"
            "# HELP msgsim_agents_available Agents online now.\n"
            "# TYPE msgsim_agents_available gauge\n"
            "msgsim_agents_available 3.5\n");
}

// A summary writes quantile lines then _sum and _count.
TEST(PrometheusText, WritesSummaries) {
  PrometheusText text;
  text.family("msgsim_routing_latency_seconds", "Request to accept.", PrometheusType::kSummary);
  const PrometheusQuantile quantiles[] = {{0.5, 1.25}, {0.99, 30}};
  text.summary({{"queue", "support"}}, quantiles, 120.5, 40);
  EXPECT_EQ(text.text(),
            "# HELP msgsim_routing_latency_seconds Request to accept.\n"
            "# TYPE msgsim_routing_latency_seconds summary\n"
            "msgsim_routing_latency_seconds{queue=\"support\",quantile=\"0.5\"} 1.25\n"
            "msgsim_routing_latency_seconds{queue=\"support\",quantile=\"0.99\"} 30\n"
            "msgsim_routing_latency_seconds_sum{queue=\"support\"} 120.5\n"
            "msgsim_routing_latency_seconds_count{queue=\"support\"} 40\n");
}

// A histogram writes cumulative buckets, the +Inf bucket equal to the count,
// then _sum and _count.
TEST(PrometheusText, WritesHistograms) {
  PrometheusText text;
  text.family("msgsim_wait_seconds", "Wait.", PrometheusType::kHistogram);
  const PrometheusBucket buckets[] = {{0.1, 2}, {1, 5}};
  text.histogram({}, buckets, 3.25, 6);
  EXPECT_EQ(text.take(),
            "# HELP msgsim_wait_seconds Wait.\n"
            "# TYPE msgsim_wait_seconds histogram\n"
            "msgsim_wait_seconds_bucket{le=\"0.1\"} 2\n"
            "msgsim_wait_seconds_bucket{le=\"1\"} 5\n"
            "msgsim_wait_seconds_bucket{le=\"+Inf\"} 6\n"
            "msgsim_wait_seconds_sum 3.25\n"
            "msgsim_wait_seconds_count 6\n");
}

// Values use the format's spellings for special values and round-trip.
TEST(PrometheusText, FormatsValues) {
  EXPECT_EQ(format_sample_value(3), "3");
  EXPECT_EQ(format_sample_value(0.1), "0.1");
  EXPECT_EQ(format_sample_value(-2.5e-9), "-2.5e-09");
  EXPECT_EQ(format_sample_value(std::numeric_limits<double>::infinity()), "+Inf");
  EXPECT_EQ(format_sample_value(-std::numeric_limits<double>::infinity()), "-Inf");
  EXPECT_EQ(format_sample_value(std::nan("")), "NaN");
  EXPECT_EQ(std::stod(format_sample_value(1.0 / 3.0)), 1.0 / 3.0);
}

// Names follow the format's grammar.
TEST(PrometheusText, ValidatesNames) {
  EXPECT_TRUE(valid_metric_name("msgsim:routing_latency_seconds2"));
  EXPECT_FALSE(valid_metric_name("2fast"));
  EXPECT_FALSE(valid_metric_name("with-dash"));
  EXPECT_FALSE(valid_metric_name(""));
  EXPECT_TRUE(valid_label_name("channel_id"));
  EXPECT_FALSE(valid_label_name("__reserved"));
  EXPECT_FALSE(valid_label_name("a:b"));
}

// Declaring a family twice is a programmer error.
TEST(PrometheusTextDeathTest, RefusesADuplicateFamily) {
  PrometheusText text;
  text.counter("x_total", "x", 1);
  EXPECT_DEATH(text.counter("x_total", "x", 2), "declared twice");
}

}  // namespace
}  // namespace msgsim::live
