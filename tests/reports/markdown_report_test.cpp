// summary.md: verdict as a plain word, run facts, key metrics, expectations,
// latency tables, optional consent/merge sections, and table-safe text.
#include "reports/markdown_report.h"

#include <gtest/gtest.h>

namespace msgsim::reports {
namespace {

using Json = nlohmann::ordered_json;

Json latency(double p95) {
  return {{"count", 10}, {"mean", 2.5}, {"p50", 1.0}, {"p90", 4.0}, {"p95", p95}, {"p99", 9.0}, {"max", 9.5}};
}

Json sample_report(bool passed) {
  Json metrics = {
      {"customers", {{"arrived", 12}, {"served", 11}, {"abandoned", 1}}},
      {"sessions", {{"created", 13}, {"open_at_end", 0}}},
      {"messages", {{"inbound", 40}, {"outbound", 30}, {"delivered", 29}, {"failed", 1}, {"lost", 0},
                    {"transcript_duplicates", 0}, {"status_downgrades", 2}}},
      {"routing", {{"wait_probability", 0.125}, {"latency_s", latency(7.0)},
                   {"by_channel", {{"sms|us", {{"latency_s", latency(7.5)}, {"requests", 6}}},
                                   {"web-help", {{"latency_s", latency(3.25)}, {"requests", 4}}}}},
                   {"by_queue", {{"support", {{"latency_s", latency(7.0)}, {"requests", 10}}}}}}},
      {"agents", {{"count", 3}, {"utilization", 0.5}}}};
  return {{"format", "msgsim-report/1"},
          {"tool", {{"name", "msgsim"}, {"version", "0.1.0"}}},
          {"scenario", {{"name", "demo"}, {"file", "scenarios/demo.json"}}},
          {"seed", 42},
          {"replications", 1},
          {"outcome", passed ? "pass" : "fail"},
          {"sim", {{"end_s", 7200.0}, {"events", 999}}},
          {"metrics", std::move(metrics)},
          {"expectations", Json::array({{{"metric", "routing.latency_s.p95"}, {"op", "max"}, {"threshold", 5.0},
                                         {"actual", 7.0}, {"passed", passed}}})},
          {"replay", "msgsim run scenarios/demo.json --seed 42"}};
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// The verdict is the word PASS or FAIL in the title and a bold line, and the document is plain ASCII (no emoji).
TEST(MarkdownReport, VerdictIsAPlainWord) {
  const std::string passed = render_markdown_summary(sample_report(true));
  const std::string failed = render_markdown_summary(sample_report(false));
  EXPECT_TRUE(contains(passed, "## msgsim demo: PASS\n")) << passed;
  EXPECT_TRUE(contains(passed, "**Verdict: PASS**, 1 of 1 expectations hold.")) << passed;
  EXPECT_TRUE(contains(failed, "**Verdict: FAIL**, 0 of 1 expectations hold.")) << failed;
  for (const char c : passed + failed) EXPECT_LT(static_cast<unsigned char>(c), 0x80);
}

// The run table names the scenario, the seed and the command that replays the run.
TEST(MarkdownReport, ShowsScenarioSeedAndReplayCommand) {
  const std::string md = render_markdown_summary(sample_report(true));
  EXPECT_TRUE(contains(md, "| Scenario | `demo` (`scenarios/demo.json`) |")) << md;
  EXPECT_TRUE(contains(md, "| Seed | 42 |")) << md;
  EXPECT_TRUE(contains(md, "| Replay | `msgsim run scenarios/demo.json --seed 42` |")) << md;
  EXPECT_TRUE(contains(md, "| Simulated | 2.0 h, 999 events |")) << md;
}

// Key metrics include messages lost and duplicated, routing latency percentiles, waiting and utilization.
TEST(MarkdownReport, KeyMetricsCoverConservationLatencyAndLoad) {
  const std::string md = render_markdown_summary(sample_report(true));
  EXPECT_TRUE(contains(md, "| Customers arrived / served / abandoned | 12 / 11 / 1 |")) << md;
  EXPECT_TRUE(contains(md, "| Messages lost | 0 |")) << md;
  EXPECT_TRUE(contains(md, "| Transcript duplicates | 0 |")) << md;
  EXPECT_TRUE(contains(md, "| Delivery statuses behind the provider's | 2 |")) << md;
  EXPECT_TRUE(contains(md, "| Routing latency mean / p50 / p95 / p99 (s) | 2.50 / 1.00 / 7.00 / 9.00 |")) << md;
  EXPECT_TRUE(contains(md, "| Wait probability | 0.1250 |")) << md;
  EXPECT_TRUE(contains(md, "| Agent utilization | 0.5000 |")) << md;
}

// Each expectation is a row with metric, op, threshold, actual and a pass/FAIL result.
TEST(MarkdownReport, ListsEveryExpectationWithItsResult) {
  EXPECT_TRUE(contains(render_markdown_summary(sample_report(true)),
                       "| `routing.latency_s.p95` | max | 5 | 7 | pass |"));
  EXPECT_TRUE(contains(render_markdown_summary(sample_report(false)),
                       "| `routing.latency_s.p95` | max | 5 | 7 | **FAIL** |"));
}

// Per-channel and per-queue latency tables list every entry of the breakdown.
TEST(MarkdownReport, HasLatencyTablesPerChannelAndQueue) {
  const std::string md = render_markdown_summary(sample_report(true));
  EXPECT_TRUE(contains(md, "### Routing latency by channel (s)")) << md;
  EXPECT_TRUE(contains(md, "| web-help | 4 | 10 | 2.50 | 1.00 | 4.00 | 3.25 | 9.00 | 9.50 |")) << md;
  EXPECT_TRUE(contains(md, "### Routing latency by queue (s)")) << md;
  EXPECT_TRUE(contains(md, "| support | 10 | 10 |")) << md;
}

// A '|' in a name is escaped so it cannot split a table cell.
TEST(MarkdownReport, PipesInNamesDoNotBreakTables) {
  const std::string md = render_markdown_summary(sample_report(true));
  EXPECT_TRUE(contains(md, "| sms\\|us | 6 |")) << md;
  EXPECT_EQ(markdown_cell("a|b\nc"), "a\\|b c");
}

// A code span's fence is longer than any backtick run inside it.
TEST(MarkdownReport, CodeSpanFenceOutgrowsBackticksInside) {
  EXPECT_EQ(markdown_code("plain"), "`plain`");
  EXPECT_EQ(markdown_code("a `b` c"), "``a `b` c``");
  EXPECT_EQ(markdown_code("``x"), "``` ``x ```");
}

// Consent and merge sections appear only when the report's metrics hold them.
TEST(MarkdownReport, ConsentAndMergeSectionsAppearOnlyWhenPresent) {
  Json report = sample_report(true);
  const std::string without = render_markdown_summary(report);
  EXPECT_FALSE(contains(without, "### Consent"));
  EXPECT_FALSE(contains(without, "### Identity merge"));
  report["metrics"]["consent"] = {{"outbound_checked", 100}, {"violations", 2}, {"compliance_rate", 0.98}};
  report["metrics"]["merge"] = {{"precision", 1.0}, {"recall", 0.5}, {"f1", 0.6667}, {"false_merges", 0}};
  const std::string with = render_markdown_summary(report);
  EXPECT_TRUE(contains(with, "### Consent")) << with;
  EXPECT_TRUE(contains(with, "| 100 | 2 | 0.9800 |")) << with;
  EXPECT_TRUE(contains(with, "### Identity merge")) << with;
  EXPECT_TRUE(contains(with, "| 1.0000 | 0.5000 | 0.6667 | 0 | n/a |")) << with;
}

// The consent and merge sections carry the same figures as report.html: latency, kinds, causes, violations.
TEST(MarkdownReport, ConsentAndMergeTablesHoldKindsCausesAndViolations) {
  Json report = sample_report(false);
  report["metrics"]["consent"] = {{"outbound_checked", 400}, {"violations", 1}, {"compliance_rate", 0.9975},
                                  {"opt_outs", 3}, {"opt_out_latency_s", latency(0.8)},
                                  {"violations_by_kind", {{"after_opt_out", 1}, {"unsolicited", 0}}}};
  report["metrics"]["merge"] = {{"precision", 0.8}, {"false_merges", 2},
                                {"false_merges_by_cause", {{"shared_phone", 2}, {"recycled_phone", 0}}}};
  report["violations"] = Json::array({{{"kind", "after_opt_out"}, {"t_s", 5400.2}, {"channel", "sms|us"},
                                       {"customer", "c-1042"},
                                       {"evidence", {"t=5301.0 inbound STOP", "t=5400.2 outbound text (24 chars)"}}}});
  const std::string md = render_markdown_summary(report);
  EXPECT_TRUE(contains(md, "| Opt-out confirmation latency (s) | Count | Mean | p50 | p95 | Max |")) << md;
  EXPECT_TRUE(contains(md, "|  | 10 | 2.50 | 1.00 | 0.80 | 9.50 |")) << md;
  EXPECT_TRUE(contains(md, "| after opt out | without required opt in |")) << md;
  EXPECT_TRUE(contains(md, "| 1 | n/a | n/a | 0 | n/a | n/a |")) << md;
  EXPECT_TRUE(contains(md, "| shared phone | recycled phone | typed identifier | agent link | other |")) << md;
  EXPECT_TRUE(contains(md, "| 2 | 0 | n/a | n/a | n/a |")) << md;
  EXPECT_TRUE(contains(md, "| 5400.2 | after opt out | sms\\|us | c-1042 | `t=5301.0 inbound STOP; t=5400.2 outbound "
                           "text (24 chars)` |")) << md;
}

}  // namespace
}  // namespace msgsim::reports
