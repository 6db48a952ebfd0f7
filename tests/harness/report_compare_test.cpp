// The comparison behind `msgsim compare`: metric directions, the regression
// rule (threshold percent with an absolute floor), per-metric thresholds,
// warnings, and the refusal of input that is not a msgsim report.
#include "sim/harness/report_compare.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

namespace msgsim::harness {
namespace {

using runtime::StatusCode;

nlohmann::json report(const nlohmann::json& metrics, const std::string& sha256 = "aaaa", int seed = 1) {
  return {{"format", "msgsim-report/1"},
          {"scenario", {{"name", "s"}, {"sha256", sha256}}},
          {"seed", seed},
          {"replications", 1},
          {"metrics", metrics}};
}

const MetricDelta& find(const Comparison& comparison, const std::string& metric) {
  const auto it = std::find_if(comparison.metrics.begin(), comparison.metrics.end(),
                               [&](const MetricDelta& delta) { return delta.metric == metric; });
  if (it == comparison.metrics.end()) throw std::runtime_error("no metric " + metric);
  return *it;
}

nlohmann::json latency(double p95) {
  return {{"routing", {{"latency_s", {{"count", 100}, {"p95", p95}}}}}};
}

// Latency statistics, failures and violations are lower-is-better; quality rates higher; volumes neutral.
TEST(ReportCompare, DirectionFollowsTheMetricName) {
  for (const char* path : {"routing.latency_s.p95", "routing.by_channel.web.latency_s.max", "messages.lost",
                           "messages.transcript_duplicates", "consent.violations", "customers.abandoned",
                           "routing.invariants.capacity_exceeded", "routing.invariants.fifo_violations",
                           "routing.declined", "routing.push_timeouts", "messages.failed",
                           "consent.violations_by_kind.after_opt_out", "sessions.by_status.Error"}) {
    EXPECT_EQ(metric_direction(path), MetricDirection::kLowerIsBetter) << path;
  }
  for (const char* path : {"consent.compliance_rate", "merge.precision", "merge.recall", "merge.f1", "customers.served",
                           "merge.continuity_rate"}) {
    EXPECT_EQ(metric_direction(path), MetricDirection::kHigherIsBetter) << path;
  }
  for (const char* path : {"routing.latency_s.count", "routing.requests", "agents.utilization", "messages.inbound",
                           "sessions.by_status.Ended", "routing.by_channel.web.requests"}) {
    EXPECT_EQ(metric_direction(path), MetricDirection::kNeutral) << path;
  }
}

// A report compared with itself has every delta zero and no regression.
TEST(ReportCompare, ReportComparedWithItselfHasNoRegression) {
  const nlohmann::json base = report({{"messages", {{"lost", 0}, {"inbound", 10}}}, {"routing", latency(5.0)["routing"]}});
  const Comparison comparison = compare_reports(base, base, CompareOptions{});
  EXPECT_EQ(comparison.regressions, 0);
  EXPECT_EQ(comparison.metrics.size(), 4u);
  for (const MetricDelta& delta : comparison.metrics) {
    EXPECT_EQ(delta.delta, 0.0) << delta.metric;
    EXPECT_FALSE(delta.regression) << delta.metric;
  }
  EXPECT_TRUE(comparison.warnings.empty());
}

// A lower-is-better metric regresses when it worsens by more than the default 10%, not by less.
TEST(ReportCompare, WorseLatencyBeyondTheDefaultThresholdIsARegression) {
  const Comparison worse = compare_reports(report(latency(10.0)), report(latency(12.0)), CompareOptions{});
  EXPECT_EQ(worse.regressions, 1);
  const MetricDelta& p95 = find(worse, "routing.latency_s.p95");
  EXPECT_TRUE(p95.regression);
  EXPECT_DOUBLE_EQ(p95.delta, 2.0);
  ASSERT_TRUE(p95.delta_pct.has_value());
  EXPECT_DOUBLE_EQ(*p95.delta_pct, 20.0);
  EXPECT_DOUBLE_EQ(p95.threshold_pct, 10.0);
  EXPECT_EQ(compare_reports(report(latency(10.0)), report(latency(10.5)), CompareOptions{}).regressions, 0);
  const Comparison better = compare_reports(report(latency(10.0)), report(latency(5.0)), CompareOptions{});
  EXPECT_EQ(better.regressions, 0);
  EXPECT_TRUE(find(better, "routing.latency_s.p95").improvement);
}

// --max-regression-pct moves the default; the longest matching --threshold prefix overrides it.
TEST(ReportCompare, LongestMatchingThresholdOverridesTheDefault) {
  CompareOptions loose;
  loose.max_regression_pct = 25.0;
  EXPECT_EQ(compare_reports(report(latency(10.0)), report(latency(12.0)), loose).regressions, 0);
  CompareOptions options;
  options.thresholds = {{"routing.latency_s", 25.0}};
  EXPECT_EQ(compare_reports(report(latency(10.0)), report(latency(12.0)), options).regressions, 0);
  options.thresholds.push_back({"routing.latency_s.p95", 5.0});
  const Comparison comparison = compare_reports(report(latency(10.0)), report(latency(12.0)), options);
  EXPECT_EQ(comparison.regressions, 1);
  EXPECT_DOUBLE_EQ(find(comparison, "routing.latency_s.p95").threshold_pct, 5.0);
  // A prefix matches whole segments only: "routing.latency" is not a prefix of "routing.latency_s.p95".
  CompareOptions partial;
  partial.thresholds = {{"routing.latency", 50.0}};
  EXPECT_EQ(compare_reports(report(latency(10.0)), report(latency(12.0)), partial).regressions, 1);
}

// Changes below the absolute floor are noise, but a count rising from 0 to 1 is a regression.
TEST(ReportCompare, AbsoluteFloorIgnoresNoiseButNotTheFirstLostMessage) {
  EXPECT_EQ(compare_reports(report(latency(0.0)), report(latency(0.0001)), CompareOptions{}).regressions, 0);
  const Comparison lost =
      compare_reports(report({{"messages", {{"lost", 0}}}}), report({{"messages", {{"lost", 1}}}}), CompareOptions{});
  EXPECT_EQ(lost.regressions, 1);
  EXPECT_FALSE(find(lost, "messages.lost").delta_pct.has_value());
}

// A higher-is-better metric regresses when it drops, and rising is an improvement.
TEST(ReportCompare, HigherIsBetterMetricRegressesWhenItDrops) {
  const nlohmann::json base = report({{"merge", {{"precision", 1.0}}}, {"customers", {{"served", 100}}}});
  const nlohmann::json worse = report({{"merge", {{"precision", 0.8}}}, {"customers", {{"served", 150}}}});
  const Comparison comparison = compare_reports(base, worse, CompareOptions{});
  EXPECT_EQ(comparison.regressions, 1);
  EXPECT_TRUE(find(comparison, "merge.precision").regression);
  EXPECT_TRUE(find(comparison, "customers.served").improvement);
}

// Neutral metrics are listed with their deltas but never judged.
TEST(ReportCompare, NeutralMetricsAreNeverRegressions) {
  const Comparison comparison = compare_reports(report({{"routing", {{"requests", 100}}}, {"agents", {{"utilization", 0.9}}}}),
                                                report({{"routing", {{"requests", 1000}}}, {"agents", {{"utilization", 0.1}}}}),
                                                CompareOptions{});
  EXPECT_EQ(comparison.regressions, 0);
  EXPECT_DOUBLE_EQ(find(comparison, "routing.requests").delta, 900.0);
  EXPECT_FALSE(find(comparison, "agents.utilization").improvement);
}

// Only leaves present in both reports are compared, sorted by path; the rest is listed per side.
TEST(ReportCompare, OnlyMetricsInBothAreComparedSortedByPath) {
  const nlohmann::json base = report({{"z", {{"b", 1}}}, {"a", {{"lost", 0}, {"gone", 2}}}, {"flag", true}});
  const nlohmann::json now = report({{"z", {{"b", 1}}}, {"a", {{"lost", 0}, {"fresh", 3}}}});
  const Comparison comparison = compare_reports(base, now, CompareOptions{});
  ASSERT_EQ(comparison.metrics.size(), 2u);
  EXPECT_EQ(comparison.metrics[0].metric, "a.lost");
  EXPECT_EQ(comparison.metrics[1].metric, "z.b");
  EXPECT_EQ(comparison.only_in_base, std::vector<std::string>{"a.gone"});
  EXPECT_EQ(comparison.only_in_new, std::vector<std::string>{"a.fresh"});
}

// Reports from different scenario files or seeds compare, with a warning naming what differs.
TEST(ReportCompare, DifferentScenarioOrSeedWarns) {
  const Comparison comparison =
      compare_reports(report(latency(1.0), "aaaa", 1), report(latency(1.0), "bbbb", 2), CompareOptions{});
  ASSERT_EQ(comparison.warnings.size(), 2u);
  EXPECT_NE(comparison.warnings[0].find("different scenario files"), std::string::npos) << comparison.warnings[0];
  EXPECT_NE(comparison.warnings[1].find("seeds"), std::string::npos) << comparison.warnings[1];
}

// A --threshold that applies to no judged metric is reported, so a typo does not pass silently.
TEST(ReportCompare, ThresholdMatchingNothingWarns) {
  CompareOptions options;
  options.thresholds = {{"routing.latncy_s", 5.0}};
  const Comparison comparison = compare_reports(report(latency(1.0)), report(latency(1.0)), options);
  ASSERT_EQ(comparison.warnings.size(), 1u);
  EXPECT_NE(comparison.warnings[0].find("routing.latncy_s"), std::string::npos);
}

// METRIC=PCT parses; a missing '=', an empty metric or a bad percentage is invalid input.
TEST(ReportCompare, ThresholdSyntaxIsStrict) {
  runtime::Result<MetricThreshold> good = parse_threshold("routing.latency_s.p95=5.5");
  ASSERT_TRUE(good.is_ok()) << good.status().message();
  EXPECT_EQ(good.value().metric, "routing.latency_s.p95");
  EXPECT_DOUBLE_EQ(good.value().pct, 5.5);
  for (const char* bad : {"routing.latency_s.p95", "=5", "x=", "x=abc", "x=-1", "x=5%", "x=inf", "x=nan"}) {
    runtime::Result<MetricThreshold> parsed = parse_threshold(bad);
    ASSERT_FALSE(parsed.is_ok()) << bad;
    EXPECT_EQ(parsed.status().code(), StatusCode::kInvalidInput);
    EXPECT_NE(parsed.status().message().find("METRIC=PCT"), std::string::npos) << parsed.status().message();
  }
}

// Text that is not JSON, or JSON that is not a msgsim report, is invalid input naming the file.
TEST(ReportCompare, ParseReportRefusesWhatIsNotAMsgsimReport) {
  EXPECT_TRUE(parse_report(report(latency(1.0)).dump(), "r.json").is_ok());
  for (const char* text : {"{not json", R"({"format": "other/1", "metrics": {}})", "[1, 2]",
                           R"({"format": "msgsim-report/1"})"}) {
    runtime::Result<nlohmann::json> parsed = parse_report(text, "r.json");
    ASSERT_FALSE(parsed.is_ok()) << text;
    EXPECT_EQ(parsed.status().code(), StatusCode::kInvalidInput);
    EXPECT_EQ(parsed.status().message().rfind("r.json: ", 0), 0u) << parsed.status().message();
  }
  EXPECT_NE(parse_report(R"({"format": "other/1"})", "r.json").status().message().find("not a msgsim report"),
            std::string::npos);
}

// The JSON form lists every compared metric with its verdict and the regression count.
TEST(ReportCompare, ComparisonJsonListsEveryMetric) {
  const nlohmann::ordered_json out =
      comparison_json(compare_reports(report(latency(10.0)), report(latency(12.0)), CompareOptions{}));
  EXPECT_EQ(out["regressions"], 1);
  ASSERT_EQ(out["metrics"].size(), 2u);
  EXPECT_EQ(out["metrics"][1]["metric"], "routing.latency_s.p95");
  EXPECT_EQ(out["metrics"][1]["direction"], "lower_is_better");
  EXPECT_EQ(out["metrics"][1]["regression"], true);
  EXPECT_EQ(out["metrics"][0]["delta_pct"], 0.0);
}

}  // namespace
}  // namespace msgsim::harness
