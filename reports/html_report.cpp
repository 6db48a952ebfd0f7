#include "reports/html_report.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include <strings.h>

#include "reports/html_page.h"
#include "reports/html_sections_transcripts.h"

namespace msgsim::reports {

namespace {

using namespace html;  // NOLINT: the section vocabulary shared with html_sections_*.cpp

constexpr int kCdfPoints = 101;           // quantiles 0, 0.01, ..., 1
constexpr int kHistogramSamples = 1000;   // quantile midpoints, each 0.1% of the requests
constexpr int kBinsPerDecade = 5;         // bins 58% wide: coarse enough to stay smooth
constexpr double kLogAxisFloorS = 0.001;  // a log axis cannot show 0; shorter latencies draw at 1 ms
constexpr std::size_t kTimeseriesPointsMax = 2000;

std::string series_label(const std::string& name, const harness::Histogram& histogram) {
  return name + " (n=" + std::to_string(histogram.count()) + ")";
}

// The CDF as (latency at quantile q, q) for evenly spaced q.
Json cdf_chart(const std::string& title, const std::vector<std::string>& names,
               const std::vector<harness::Histogram>& histograms) {
  Json series = Json::array();
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (histograms[i].count() == 0) continue;
    Json points = Json::array();
    for (int k = 0; k < kCdfPoints; ++k) {
      const double q = static_cast<double>(k) / (kCdfPoints - 1);
      points.push_back({std::max(histograms[i].quantile_ns(q) / 1e9, kLogAxisFloorS), q});
    }
    series.push_back({{"label", series_label(names[i], histograms[i])}, {"points", std::move(points)}});
  }
  return {{"type", "line"}, {"title", title}, {"x_type", "logarithmic"},
          {"x_title", "routing latency (s, log scale)"}, {"y_title", "share of accepted requests at or below"},
          {"series", std::move(series)}};
}

// Short edge labels: 0.001, 0.016, 0.25, 2.5, 16, 158.
std::string edge_label(double seconds) {
  return fixed(seconds, seconds >= 10 ? 0 : seconds >= 1 ? 1 : seconds >= 0.1 ? 2 : 3);
}

// Log-spaced bins shared by every series, from the decade below the smallest
// latency (at least kLogAxisFloorS; shorter ones count in the first bin) to
// the largest, so both the bulk and the tail of a skewed latency show. Filled
// with quantile midpoints, each standing for 1/kHistogramSamples of its series.
Json histogram_chart(const std::string& title, const std::vector<std::string>& names,
                     const std::vector<harness::Histogram>& histograms) {
  double min_s = 1e300;
  double max_s = 0.0;
  for (const harness::Histogram& histogram : histograms) {
    if (histogram.count() == 0) continue;
    min_s = std::min(min_s, static_cast<double>(histogram.min_ns()) / 1e9);
    max_s = std::max(max_s, static_cast<double>(histogram.max_ns()) / 1e9);
  }
  const double low_s = std::pow(10.0, std::floor(std::log10(std::max(min_s, kLogAxisFloorS))));
  const double decades = std::log10(std::max(max_s, low_s) / low_s);
  const int bins = std::max(1, static_cast<int>(std::ceil(decades * kBinsPerDecade)));
  const auto edge_s = [low_s](int k) { return low_s * std::pow(10.0, static_cast<double>(k) / kBinsPerDecade); };
  Json labels = Json::array();
  for (int b = 0; b < bins; ++b) labels.push_back(edge_label(edge_s(b)) + "-" + edge_label(edge_s(b + 1)));
  Json series = Json::array();
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (histograms[i].count() == 0) continue;
    std::vector<double> percent(bins, 0.0);
    for (int k = 0; k < kHistogramSamples; ++k) {
      const double latency_s = std::max(histograms[i].quantile_ns((k + 0.5) / kHistogramSamples) / 1e9, low_s);
      const int bin = static_cast<int>(std::floor(std::log10(latency_s / low_s) * kBinsPerDecade));
      percent[std::clamp(bin, 0, bins - 1)] += 100.0 / kHistogramSamples;
    }
    for (double& value : percent) value = std::round(value * 10.0) / 10.0;
    series.push_back({{"label", series_label(names[i], histograms[i])}, {"values", percent}});
  }
  return {{"type", "bar"}, {"title", title}, {"x_type", "category"}, {"x_title", "routing latency (s, log-spaced bins)"},
          {"y_title", "share of accepted requests (%)"}, {"labels", std::move(labels)}, {"series", std::move(series)}};
}

void breakdown_table(Page& page, const std::string& by, const Json& breakdown) {
  if (!breakdown.is_object() || breakdown.empty()) return;
  page.body += "<table><thead><tr><th class=\"key\">" + by +
               "</th><th>Requests</th><th>Accepted</th><th>Mean (s)</th><th>p50 (s)</th><th>p90 (s)</th>"
               "<th>p95 (s)</th><th>p99 (s)</th><th>Max (s)</th></tr></thead><tbody>\n";
  for (const auto& [name, entry] : breakdown.items()) {
    const Json& latency = at(entry, "latency_s");
    page.body += "<tr><td>" + html_escape(name) + "</td><td>" + shown(at(entry, "requests")) + "</td><td>" +
                 shown(at(latency, "count")) + "</td>";
    for (const char* key : {"mean", "p50", "p90", "p95", "p99", "max"}) {
      page.body += "<td>" + shown(at(latency, key)) + "</td>";
    }
    page.body += "</tr>\n";
  }
  page.body += "</tbody></table>\n";
}

// --- Sections, in page order. -------------------------------------------

void header_section(const PageContext& context, Page& page) {
  const Json& report = context.report;
  const bool passed = text_or(at(report, "outcome"), "fail") == "pass";
  const std::string verdict = passed ? "PASS" : "FAIL";
  const Json& end_s = at(report, "sim.end_s");
  const std::string hours = end_s.is_number() ? fixed(end_s.get<double>() / 3600.0, 1) : "n/a";
  page.body += "<header class=\"" + std::string(passed ? "pass" : "fail") + "\"><h1><span class=\"verdict\">" +
               verdict + "</span> " + html_escape(text_or(at(report, "scenario.name"), "?")) + "</h1>\n<dl>";
  const auto item = [&page](const std::string& term, const std::string& html) {
    page.body += "<div><dt>" + term + "</dt><dd>" + html + "</dd></div>";
  };
  item("Scenario file", "<code>" + html_escape(text_or(at(report, "scenario.file"), "")) + "</code>");
  item("Seed", shown(at(report, "seed")));
  item("Replications", shown(at(report, "replications")));
  item("Simulated", hours + " h from " + html_escape(text_or(at(report, "sim.start"), "?")) + ", " +
                        shown(at(report, "sim.events")) + " events");
  item("Replay", "<code>" + html_escape(text_or(at(report, "replay"), "")) + "</code>");
  item("Written by", "msgsim " + html_escape(text_or(at(report, "tool.version"), "?")) + " in " +
                         shown(at(report, "host.wall_s")) + " s wall time");
  page.body += "</dl></header>\n";
}

void cards_section(const PageContext& context, Page& page) {
  const Json& metrics = at(context.report, "metrics");
  const auto m = [&metrics](const std::string& path, int digits = 2) { return shown(at(metrics, path), digits); };
  struct Card {
    std::string label, value;
    bool bad;
  };
  const Card cards[] = {
      {"customers served / arrived", m("customers.served") + " / " + m("customers.arrived"),
       is_positive(at(metrics, "customers.abandoned"))},
      {"sessions created", m("sessions.created"), false},
      {"messages in / out", m("messages.inbound") + " / " + m("messages.outbound"), false},
      {"messages lost", m("messages.lost"), is_positive(at(metrics, "messages.lost"))},
      {"transcript duplicates", m("messages.transcript_duplicates"),
       is_positive(at(metrics, "messages.transcript_duplicates"))},
      {"status downgrades", m("messages.status_downgrades"), is_positive(at(metrics, "messages.status_downgrades"))},
      {"routing latency mean (s)", m("routing.latency_s.mean"), false},
      {"routing latency p50 (s)", m("routing.latency_s.p50"), false},
      {"routing latency p95 (s)", m("routing.latency_s.p95"), false},
      {"routing latency p99 (s)", m("routing.latency_s.p99"), false},
      {"wait probability", m("routing.wait_probability", 4), false},
      {"agent utilization", m("agents.utilization", 3), false},
  };
  page.body += "<section><h2>Key metrics</h2><div class=\"cards\">\n";
  for (const Card& card : cards) {
    page.body += "<div class=\"card" + std::string(card.bad ? " bad" : "") + "\"><div class=\"value\">" +
                 card.value + "</div><div class=\"label\">" + card.label + "</div></div>\n";
  }
  page.body += "</div></section>\n";
}

void expectations_section(const PageContext& context, Page& page) {
  page.body += "<section><h2>Expectations</h2>\n";
  const Json& expectations = at(context.report, "expectations");
  if (!expectations.is_array() || expectations.empty()) {
    page.body += "<p class=\"note\">The scenario sets no expectations.</p></section>\n";
    return;
  }
  page.body += "<table><thead><tr><th>Metric</th><th>Op</th><th>Threshold</th><th>Actual</th><th>Result</th>"
               "<th class=\"detail\">Detail</th></tr></thead><tbody>\n";
  for (const Json& expectation : expectations) {
    const bool passed = at(expectation, "passed").is_boolean() && at(expectation, "passed").get<bool>();
    page.body += std::string(passed ? "<tr>" : "<tr class=\"fail\">") + "<td><code>" +
                 html_escape(text_or(at(expectation, "metric"), "?")) + "</code></td><td>" +
                 html_escape(text_or(at(expectation, "op"), "?")) + "</td><td>" +
                 shown(at(expectation, "threshold"), 4) + "</td><td>" + shown(at(expectation, "actual"), 4) +
                 "</td><td>" + (passed ? "pass" : "FAIL") + "</td><td class=\"detail\">" +
                 html_escape(text_or(at(expectation, "detail"), "")) + "</td></tr>\n";
  }
  page.body += "</tbody></table></section>\n";
}

// Histogram, CDF and latency table for one breakdown: "channel" or "queue".
void latency_breakdown(const PageContext& context, Page& page, const std::string& by,
                       const std::vector<std::string>& names, const std::vector<harness::Histogram>& histograms) {
  page.body += "<section><h2>Routing latency by " + by + "</h2>\n";
  bool any = false;
  for (const harness::Histogram& histogram : histograms) any = any || histogram.count() > 0;
  if (any) {
    page.body += "<div class=\"charts\">\n";
    const std::string id = "latency-" + by;
    add_chart(page, id + "-histogram", histogram_chart("Routing latency histogram by " + by, names, histograms));
    add_chart(page, id + "-cdf", cdf_chart("Routing latency CDF by " + by, names, histograms));
    page.body += "</div>\n";
  } else {
    page.body += "<p class=\"note\">No accepted routing request: nothing to chart.</p>\n";
  }
  breakdown_table(page, by, at(context.report, "metrics.routing.by_" + by));
  page.body += "</section>\n";
}

void channel_latency_section(const PageContext& context, Page& page) {
  const harness::RoutingSummary& routing = context.metrics.routing;
  latency_breakdown(context, page, "channel", routing.channel_names, routing.latency_by_channel);
}

void queue_latency_section(const PageContext& context, Page& page) {
  const harness::RoutingSummary& routing = context.metrics.routing;
  latency_breakdown(context, page, "queue", routing.queue_names, routing.latency_by_queue);
}

void load_section(const PageContext& context, Page& page) {
  page.body += "<section><h2>Load over time</h2>\n";
  const TimeseriesPoints points = downsample_timeseries(context.metrics.timeseries, kTimeseriesPointsMax);
  if (points.hours.empty()) {
    page.body += "<p class=\"note\">No per-minute data.</p></section>\n";
    return;
  }
  Json depth = Json::array();
  Json busy = Json::array();
  for (std::size_t i = 0; i < points.hours.size(); ++i) {
    depth.push_back({points.hours[i], points.queue_depth[i]});
    busy.push_back({points.hours[i], points.busy_agents[i]});
  }
  std::string title = "Queue depth and busy agents at the end of each minute";
  if (points.minutes_per_point > 1) title += " (max per " + std::to_string(points.minutes_per_point) + " minutes)";
  page.body += "<div class=\"charts wide\">\n";
  add_chart(page, "load", {{"type", "line"}, {"title", title}, {"x_type", "linear"},
                           {"x_title", "simulated time (h)"}, {"y_title", "count"},
                           {"series", {{{"label", "queue depth (requests not yet offered)"}, {"points", depth}},
                                       {{"label", "busy agents"}, {"points", busy}}}}});
  page.body += "</div></section>\n";
}

// The page, top to bottom. A new section is one function added here.
constexpr Section kSections[] = {header_section,          cards_section,         expectations_section,
                                 consent_section,         merge_section,         channel_latency_section,
                                 queue_latency_section,   load_section,          transcripts_section};

constexpr std::string_view kStyle = R"css(
body{font:14px/1.4 system-ui,sans-serif;margin:0;color:#1d2330;background:#f5f6f8}
header{padding:16px 24px;color:#fff}header.pass{background:#1e7b34}header.fail{background:#b3261e}
h1{margin:0 0 8px;font-size:24px}.verdict{padding:2px 10px;border:2px solid #fff;border-radius:4px;margin-right:8px}
dl{display:flex;flex-wrap:wrap;gap:4px 24px;margin:0}dt{font-size:11px;text-transform:uppercase;opacity:.8}dd{margin:0}
section{margin:16px 24px;padding:12px 16px;background:#fff;border-radius:6px;box-shadow:0 1px 2px #0002}
h2{margin:0 0 12px;font-size:18px}code{font:13px ui-monospace,monospace}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(200px,1fr));gap:12px}
.card{border:1px solid #d8dce3;border-radius:6px;padding:8px 12px}.card .value{font-size:20px;font-weight:600}
.card .label{font-size:12px;color:#5a6272}.card.bad{border-color:#b3261e;background:#fde8e6}
.charts{display:grid;grid-template-columns:1fr 1fr;gap:16px;margin-bottom:12px}.charts.wide{grid-template-columns:1fr}
.chart{position:relative;height:320px}
table{border-collapse:collapse;width:100%}th,td{padding:4px 8px;border-bottom:1px solid #e3e6eb;text-align:right}
th:first-child,td:first-child{text-align:left}tr.fail td{background:#fde8e6;color:#8c1d18;font-weight:600}
.note{color:#5a6272}th.key{text-transform:capitalize}.detail{text-align:left}
)css";

// Draws every chart listed in the page data; specs come from the sections.
constexpr std::string_view kPageScript = R"js(
(function () {
  const data = JSON.parse(document.getElementById('msgsim-data').textContent);
  // Log axes label 1, 2 and 5 times a power of ten only, as plain numbers.
  const logTicks = {autoSkip: false, callback: (v) => {
    const mantissa = v / Math.pow(10, Math.floor(Math.log10(v) + 1e-9));
    return [1, 2, 5].some((k) => Math.abs(mantissa - k) < 1e-6) ? String(+v.toPrecision(3)) : '';
  }};
  const palette = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf'];
  for (const [id, spec] of Object.entries(data.charts)) {
    const canvas = document.getElementById(id);
    if (!canvas) continue;
    const bar = spec.type === 'bar';
    const scatter = spec.type === 'scatter';
    // A category axis drawn on numbers: y_labels[k] names the row at y = k.
    // Ticks sit on the rows only, since min and max leave half a row of margin.
    const rows = spec.y_labels ? {min: -0.5, max: spec.y_labels.length - 0.5,
      afterBuildTicks: (axis) => { axis.ticks = spec.y_labels.map((_, k) => ({value: k})); },
      ticks: {autoSkip: false, callback: (v) => spec.y_labels[v] ?? ''}} : {beginAtZero: true};
    const datasets = spec.series.map((series, i) => ({
      label: series.label, pointRadius: scatter ? 5 : 0, borderWidth: bar ? 0 : 2,
      borderColor: palette[i % palette.length],
      backgroundColor: palette[i % palette.length] + (bar || scatter ? 'b0' : '30'),
      data: bar ? series.values : series.points.map((p) => ({x: p[0], y: p[1]})),
    }));
    new Chart(canvas, {
      type: spec.type, data: {labels: spec.labels, datasets: datasets},
      options: {
        responsive: true, maintainAspectRatio: false, animation: false, parsing: bar,
        interaction: {mode: 'nearest', intersect: scatter},
        plugins: {title: {display: true, text: spec.title}},
        scales: {
          x: {type: spec.x_type, title: {display: true, text: spec.x_title},
              ticks: spec.x_type === 'logarithmic' ? logTicks : {}},
          y: {...rows, title: {display: true, text: spec.y_title}},
        },
      },
    });
  }
})();
)js";

// Inline script text must not close its element early. "<\/script" means
// "</script" inside JavaScript strings and regular expressions alike, the
// only places where that text can occur in valid code.
std::string script_safe(std::string_view script) {
  std::string out(script);
  for (std::size_t pos = out.find("</"); pos != std::string::npos; pos = out.find("</", pos + 2)) {
    if (strncasecmp(out.c_str() + pos + 2, "script", 6) == 0) out.insert(pos + 1, 1, '\\');
  }
  return out;
}

}  // namespace

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string json_for_script(const nlohmann::ordered_json& value) {
  const std::string text = value.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
  std::string out;
  out.reserve(text.size());
  // '<' only occurs inside JSON strings, where \u003c is the same character.
  for (const char c : text) {
    if (c == '<') {
      out += "\\u003c";
    } else {
      out += c;
    }
  }
  return out;
}

TimeseriesPoints downsample_timeseries(const std::vector<harness::MinuteRow>& rows, std::size_t points_max) {
  TimeseriesPoints points;
  if (rows.empty() || points_max == 0) return points;
  const std::size_t per_point = (rows.size() + points_max - 1) / points_max;
  points.minutes_per_point = static_cast<std::int64_t>(per_point);
  for (std::size_t start = 0; start < rows.size(); start += per_point) {
    const std::size_t end = std::min(rows.size(), start + per_point);
    std::uint64_t depth = 0;
    std::uint64_t busy = 0;
    for (std::size_t i = start; i < end; ++i) {
      depth = std::max(depth, rows[i].queue_depth);
      busy = std::max(busy, rows[i].busy_agents);
    }
    points.hours.push_back(static_cast<double>(rows[start].minute) / 60.0);
    points.queue_depth.push_back(depth);
    points.busy_agents.push_back(busy);
  }
  return points;
}

std::string render_html_report(const HtmlReportInput& input) {
  const PageContext context{input.report, input.metrics};
  Page page;
  for (const Section section : kSections) section(context, page);
  const Json data = {{"format", "msgsim-report-html/1"},
                     {"summary", {{"scenario", at(input.report, "scenario.name")}, {"seed", at(input.report, "seed")},
                                  {"outcome", at(input.report, "outcome")}, {"replay", at(input.report, "replay")}}},
                     {"charts", std::move(page.charts)}};
  const std::string title = "msgsim " + text_or(at(input.report, "scenario.name"), "?") + ": " +
                            (text_or(at(input.report, "outcome"), "fail") == "pass" ? "PASS" : "FAIL");
  std::string html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  // Self-contained by construction: the browser may load nothing at all.
  html += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
          "script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:\">\n";
  html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" + html_escape(title) +
          "</title>\n<style>" + std::string(kStyle) + "</style>\n</head>\n<body>\n" + page.body;
  html += "<script type=\"application/json\" id=\"msgsim-data\">" + json_for_script(data) + "</script>\n";
  html += "<script>\n" + script_safe(input.chart_js) + "\n</script>\n";
  html += "<script>" + std::string(kPageScript) + "</script>\n</body>\n</html>\n";
  return html;
}

}  // namespace msgsim::reports
