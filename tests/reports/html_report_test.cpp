// report.html: one self-contained page with Chart.js (read from
// libjs-chart.js by report_writers) inlined, page data as one embedded JSON
// object that parses back, charts built from the histograms and the
// per-minute rows, and text that cannot break out of its element.
#include "reports/html_report.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "reports/report_writers.h"

namespace msgsim::reports {
namespace {

using Json = nlohmann::ordered_json;

constexpr const char* kDataOpen = "<script type=\"application/json\" id=\"msgsim-data\">";
constexpr const char* kFakeChartJs = "window.Chart = function () {}; /* fake Chart.js */";

harness::Metrics sample_metrics() {
  harness::Metrics metrics;
  harness::RoutingSummary& routing = metrics.routing;
  routing.channel_names = {"web-store", "web-help"};
  routing.queue_names = {"orders"};
  routing.latency_by_channel.resize(2);
  routing.requests_by_channel = {200, 0};
  routing.latency_by_queue.resize(1);
  routing.requests_by_queue = {200};
  for (std::int64_t i = 1; i <= 200; ++i) {
    const std::int64_t latency_ns = i * i * 5'000'000;  // 5 ms .. 200 s, skewed like real waits
    routing.latency.record(latency_ns);
    routing.latency_by_channel[0].record(latency_ns);
    routing.latency_by_queue[0].record(latency_ns);
  }
  routing.requests = routing.accepted = routing.offers = 200;
  for (std::int64_t minute = 0; minute < 90; ++minute) {
    harness::MinuteRow row;
    row.minute = minute;
    row.queue_depth = static_cast<std::uint64_t>(minute % 7);
    row.busy_agents = 3;
    metrics.timeseries.push_back(row);
  }
  return metrics;
}

Json report_for(const harness::Metrics& metrics, const std::string& name, bool passed) {
  return {{"format", "msgsim-report/1"},
          {"tool", {{"name", "msgsim"}, {"version", "0.1.0"}}},
          {"scenario", {{"name", name}, {"file", "scenarios/demo.json"}}},
          {"seed", 42},
          {"replications", 1},
          {"outcome", passed ? "pass" : "fail"},
          {"sim", {{"start", "2026-01-05T09:00:00Z"}, {"end_s", 5400.0}, {"events", 1000}}},
          {"metrics", metrics.to_json()},
          {"expectations", Json::array({{{"metric", "routing.latency_s.p95"}, {"op", "max"}, {"threshold", 45.0},
                                         {"actual", 180.5}, {"passed", passed}}})},
          {"scripts", Json::array()},
          {"replay", "msgsim run scenarios/demo.json --seed 42"},
          {"host", {{"wall_s", 0.5}}}};
}

// A consent summary with two listed violations, one holding a (masked) phone
// number and a '<' in its evidence.
harness::Metrics metrics_with_consent() {
  harness::Metrics metrics = sample_metrics();
  harness::ConsentSummary consent;
  consent.outbound_checked = 400;
  consent.opt_outs = 3;
  for (const std::int64_t latency_ns : {std::int64_t{400'000'000}, std::int64_t{800'000'000}, std::int64_t{15'000'000'000}}) {
    consent.opt_out_latency.record(latency_ns);
  }
  consent.violations_by_kind[static_cast<std::size_t>(harness::ConsentViolationKind::kAfterOptOut)] = 1;
  consent.violations_by_kind[static_cast<std::size_t>(harness::ConsentViolationKind::kUnsolicited)] = 1;
  consent.listed.push_back({harness::ConsentViolationKind::kAfterOptOut, 5400.2, "sms-us", "c-1042",
                            {"t=5301.0 inbound STOP", "t=5400.2 outbound text (24 chars) <to +*******0123>"}});
  consent.listed.push_back(
      {harness::ConsentViolationKind::kUnsolicited, 7200.5, "wa-main", "c-7", {"t=7200.5 outbound template promo"}});
  metrics.consent = std::move(consent);
  metrics.merges.predicted_pairs = 10;
  metrics.merges.correct_pairs = 8;
  metrics.merges.true_pairs = 16;
  metrics.merges.false_merges_by_cause[0] = 2;
  return metrics;
}

Json report_with_consent(const harness::Metrics& metrics) {
  Json report = report_for(metrics, "consent-demo", false);
  report["violations"] = metrics.consent->violations_json();
  return report;
}

std::string render(const harness::Metrics& metrics, const Json& report, std::string_view chart_js = kFakeChartJs) {
  return render_html_report(HtmlReportInput{report, metrics, chart_js});
}

// The embedded page data, parsed back.
Json page_data(const std::string& html) {
  const std::size_t open = html.find(kDataOpen);
  EXPECT_NE(open, std::string::npos);
  const std::size_t start = open + std::string(kDataOpen).size();
  return Json::parse(html.substr(start, html.find("</script>", start) - start));
}

std::size_t count(const std::string& text, const std::string& part) {
  std::size_t n = 0;
  for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

// Nothing in the page points at the network: no http(s) src or href, no external script or stylesheet.
TEST(HtmlReport, LoadsNothingFromTheNetwork) {
  const harness::Metrics metrics = sample_metrics();
  const std::string html = render(metrics, report_for(metrics, "demo", true));
  for (const char* pattern : {"src=\"http", "href=\"http", "src='http", "href='http", "<script src", "<link", "url("}) {
    EXPECT_EQ(html.find(pattern), std::string::npos) << pattern;
  }
  EXPECT_NE(html.find("Content-Security-Policy\" content=\"default-src 'none';"), std::string::npos);
}

// The real Chart.js UMD build from libjs-chart.js is read and inlined whole in a plain <script>.
TEST(HtmlReport, InlinesChartJsFromTheDebianPackage) {
  runtime::Result<std::string> chart_js = load_chart_js();
  ASSERT_TRUE(chart_js.is_ok()) << chart_js.status().message();
  EXPECT_NE(chart_js.value().find("Chart.js v"), std::string::npos);
  const harness::Metrics metrics = sample_metrics();
  const std::string html = render(metrics, report_for(metrics, "demo", true), chart_js.value());
  EXPECT_NE(html.find("<script>\n" + chart_js.value() + "\n</script>"), std::string::npos);
  EXPECT_EQ(html.find("src=\"http"), std::string::npos);
  EXPECT_EQ(html.find("href=\"http"), std::string::npos);
}

// A missing Chart.js is an error naming the file and the Debian package, not a page without charts.
TEST(HtmlReport, MissingChartJsIsAnErrorNamingTheDebianPackage) {
  runtime::Result<std::string> chart_js = load_chart_js("/nonexistent/chart.min.js");
  ASSERT_FALSE(chart_js.is_ok());
  EXPECT_NE(chart_js.status().message().find("libjs-chart.js"), std::string::npos) << chart_js.status().message();
  EXPECT_NE(chart_js.status().message().find("/nonexistent/chart.min.js"), std::string::npos);
}

// The page data parses back and holds a histogram and a CDF per channel and per queue, and the load chart.
TEST(HtmlReport, EmbeddedDataParsesBackWithEveryChart) {
  const harness::Metrics metrics = sample_metrics();
  const Json data = page_data(render(metrics, report_for(metrics, "demo", true)));
  EXPECT_EQ(data["summary"]["scenario"], "demo");
  EXPECT_EQ(data["summary"]["seed"], 42);
  for (const char* id : {"latency-channel-histogram", "latency-channel-cdf", "latency-queue-histogram",
                         "latency-queue-cdf", "load"}) {
    ASSERT_TRUE(data["charts"].contains(id)) << id;
  }
  // The channel without accepted requests has no series rather than an empty one.
  EXPECT_EQ(data["charts"]["latency-channel-cdf"]["series"].size(), 1u);
  EXPECT_EQ(data["charts"]["load"]["series"][0]["points"].size(), 90u);
}

// Each CDF series rises monotonically from the minimum to the maximum over quantiles 0 to 1.
TEST(HtmlReport, CdfRisesFromZeroToOne) {
  const harness::Metrics metrics = sample_metrics();
  const Json points = page_data(render(metrics, report_for(metrics, "demo", true)))["charts"]["latency-queue-cdf"]
                          ["series"][0]["points"];
  ASSERT_EQ(points.size(), 101u);
  EXPECT_EQ(points.front()[1].get<double>(), 0.0);
  EXPECT_EQ(points.back()[1].get<double>(), 1.0);
  EXPECT_NEAR(points.back()[0].get<double>(), 200.0, 0.01);
  for (std::size_t i = 1; i < points.size(); ++i) EXPECT_GE(points[i][0].get<double>(), points[i - 1][0].get<double>());
}

// Histogram bars are shares that add up to 100% (within the rounding to 0.1% per bar).
TEST(HtmlReport, HistogramSharesAddUpToAHundredPercent) {
  const harness::Metrics metrics = sample_metrics();
  const Json chart = page_data(render(metrics, report_for(metrics, "demo", true)))["charts"]["latency-channel-histogram"];
  const Json& values = chart["series"][0]["values"];
  ASSERT_EQ(values.size(), chart["labels"].size());
  double total = 0.0;
  for (const Json& value : values) total += value.get<double>();
  EXPECT_NEAR(total, 100.0, 0.05 * static_cast<double>(values.size()));
}

// Names containing "</script>" stay data: they close no element and come back unchanged from the JSON.
TEST(HtmlReport, ScriptClosingTextInNamesCannotEndTheDataElement) {
  const std::string name = "x</script><script>alert(1)</script><!--";
  const harness::Metrics metrics = sample_metrics();
  const std::string html = render(metrics, report_for(metrics, name, true), "var s = '</SCRIPT>';");
  EXPECT_EQ(html.find("<script>alert(1)"), std::string::npos);
  EXPECT_EQ(count(html, "</script>") + count(html, "</SCRIPT>"), 3u);  // data, Chart.js, page script
  EXPECT_EQ(page_data(html)["summary"]["scenario"], name);
  EXPECT_NE(html.find("<h1><span class=\"verdict\">PASS</span> x&lt;/script&gt;"), std::string::npos);
}

// Failed expectations are highlighted rows, and the header says FAIL.
TEST(HtmlReport, FailedExpectationsAreHighlighted) {
  const harness::Metrics metrics = sample_metrics();
  const std::string passed = render(metrics, report_for(metrics, "demo", true));
  const std::string failed = render(metrics, report_for(metrics, "demo", false));
  EXPECT_EQ(passed.find("<tr class=\"fail\">"), std::string::npos);
  EXPECT_NE(failed.find("<tr class=\"fail\"><td><code>routing.latency_s.p95</code>"), std::string::npos);
  EXPECT_NE(failed.find("<header class=\"fail\"><h1><span class=\"verdict\">FAIL</span>"), std::string::npos);
}

// Long runs are downsampled to the point limit, each point keeping the peak of the minutes it covers.
TEST(HtmlReport, DownsamplingKeepsThePointLimitAndThePeaks) {
  std::vector<harness::MinuteRow> rows(43'200);  // 30 days
  for (std::size_t i = 0; i < rows.size(); ++i) rows[i].minute = static_cast<std::int64_t>(i);
  rows[12'345].queue_depth = 77;
  rows[40'000].busy_agents = 9;
  const TimeseriesPoints points = downsample_timeseries(rows, 2000);
  EXPECT_LE(points.hours.size(), 2000u);
  EXPECT_EQ(points.minutes_per_point, 22);
  EXPECT_EQ(*std::max_element(points.queue_depth.begin(), points.queue_depth.end()), 77u);
  EXPECT_EQ(*std::max_element(points.busy_agents.begin(), points.busy_agents.end()), 9u);
  EXPECT_EQ(downsample_timeseries(std::vector<harness::MinuteRow>(90), 2000).hours.size(), 90u);
}

// json_for_script removes every '<' yet parses back to the same value.
TEST(HtmlReport, JsonForScriptHasNoAngleBracketAndParsesBack) {
  const Json value = {{"name", "</script><!-- <b>"}, {"n", 1}};
  const std::string text = json_for_script(value);
  EXPECT_EQ(text.find('<'), std::string::npos);
  EXPECT_EQ(Json::parse(text), value);
}

// The consent section shows the key figures, a scatter timeline with one marker per violation and kind as series,
// and each violation's evidence lines, escaped.
TEST(HtmlReport, ConsentSectionHasFiguresTimelineAndEvidence) {
  const harness::Metrics metrics = metrics_with_consent();
  const std::string html = render(metrics, report_with_consent(metrics));
  EXPECT_NE(html.find("<section id=\"consent\"><h2>Consent</h2>"), std::string::npos);
  for (const char* label : {"outbound checked", "compliance rate", "opt-outs", "opt-out confirmation latency",
                            "violations: after opt out", "violations: unsolicited"}) {
    EXPECT_NE(html.find(label), std::string::npos) << label;
  }
  EXPECT_NE(html.find("<div class=\"value\">0.9950</div>"), std::string::npos);  // 1 - 2/400
  const Json chart = page_data(html)["charts"]["consent-violations"];
  EXPECT_EQ(chart["type"], "scatter");
  ASSERT_EQ(chart["series"].size(), 2u);
  EXPECT_EQ(chart["series"][0]["label"], "after opt out");
  EXPECT_EQ(chart["series"][0]["points"][0][0].get<double>(), 5400.2);
  EXPECT_EQ(chart["series"][1]["label"], "unsolicited");
  EXPECT_EQ(chart["y_labels"].size(), 6u);
  EXPECT_NE(html.find("<code>t=5301.0 inbound STOP</code>"), std::string::npos);
  EXPECT_NE(html.find("<code>t=5400.2 outbound text (24 chars) &lt;to +*******0123&gt;</code>"), std::string::npos);
  EXPECT_NE(html.find("<code>t=7200.5 outbound template promo</code>"), std::string::npos);
}

// Without consent metrics there is no consent section; without violations, no timeline.
TEST(HtmlReport, ConsentSectionOnlyWhenConsentApplies) {
  const harness::Metrics plain = sample_metrics();
  EXPECT_EQ(render(plain, report_for(plain, "demo", true)).find("id=\"consent\""), std::string::npos);
  harness::Metrics quiet = plain;
  quiet.consent.emplace();
  const std::string html = render(quiet, report_for(quiet, "demo", true));
  EXPECT_NE(html.find("id=\"consent\""), std::string::npos);
  EXPECT_NE(html.find("No consent violation"), std::string::npos);
  EXPECT_FALSE(page_data(html)["charts"].contains("consent-violations"));
}

// The merge section shows precision, recall, F1, continuity and false merges by cause, highlighting breaches.
TEST(HtmlReport, MergeSectionShowsScoresAndFalseMergesByCause) {
  const harness::Metrics metrics = metrics_with_consent();
  const std::string html = render(metrics, report_with_consent(metrics));
  EXPECT_NE(html.find("<section id=\"merge\"><h2>Identity merge</h2>"), std::string::npos);
  EXPECT_NE(html.find("<div class=\"value\">0.8000</div><div class=\"label\">precision"), std::string::npos);
  EXPECT_NE(html.find("<div class=\"value\">0.5000</div><div class=\"label\">recall"), std::string::npos);
  EXPECT_NE(html.find("continuity rate"), std::string::npos);
  EXPECT_NE(html.find("<tr class=\"fail\"><td>shared phone</td><td>2</td></tr>"), std::string::npos);
  EXPECT_NE(html.find("<tr><td>recycled phone</td><td>0</td></tr>"), std::string::npos);
}

}  // namespace
}  // namespace msgsim::reports
