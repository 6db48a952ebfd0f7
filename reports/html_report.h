// report.html: one self-contained page for looking at a run in a browser or
// as a CI artifact: verdict header, key metric cards, expectations (failures
// highlighted), routing latency histogram and CDF per channel and per queue,
// queue depth and busy agents over time, latency tables, and sampled
// conversations in a customer and an agent view. No network at
// view time: the caller passes Chart.js (load_chart_js in report_writers.h
// reads Debian's libjs-chart.js), the page inlines it, and a
// Content-Security-Policy forbids any fetch.
//
// Page data (chart series and a run summary) is embedded once, as the JSON
// object in <script type="application/json" id="msgsim-data">; a small
// script draws every chart listed under its "charts" key. The page is a list
// of section functions, each adding its HTML and its charts, so a new
// section (consent, merge, transcripts) is one new function in that list.
// Pure functions; any thread may call them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/harness/metrics.h"

namespace msgsim::reports {

struct HtmlReportInput {
  const nlohmann::ordered_json& report;  // what build_report returned
  const harness::Metrics& metrics;       // merged metrics: histograms and per-minute rows
  std::string_view chart_js;             // the library text to inline
};

// The complete report.html document.
std::string render_html_report(const HtmlReportInput& input);

// `text` safe in HTML text and quoted attribute values.
std::string html_escape(std::string_view text);

// `value` serialized for an inline <script> element: every '<' becomes
// \u003c, so no "</script" or "<!--" can appear, and the text still parses
// as the same JSON.
std::string json_for_script(const nlohmann::ordered_json& value);

// Queue depth and busy agents reduced to at most `points_max` points: each
// point covers `minutes_per_point` consecutive minutes and keeps their
// maximum, so short peaks stay visible after downsampling.
struct TimeseriesPoints {
  std::int64_t minutes_per_point = 1;
  std::vector<double> hours;  // start of each point's first minute
  std::vector<std::uint64_t> queue_depth;
  std::vector<std::uint64_t> busy_agents;
};
TimeseriesPoints downsample_timeseries(const std::vector<harness::MinuteRow>& rows, std::size_t points_max);

}  // namespace msgsim::reports
