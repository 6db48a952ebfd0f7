// The building blocks shared by report.html's sections (html_report.cpp and
// the html_sections_*.cpp files): what a section reads (PageContext), what it
// adds to (Page), and the formatting helpers every section uses. Internal to
// reports/; tests go through render_html_report. Pure functions; any thread
// may call them.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "sim/harness/metrics.h"

namespace msgsim::reports::html {

using Json = nlohmann::ordered_json;

// What every section reads, and what it adds to.
struct PageContext {
  const Json& report;
  const harness::Metrics& metrics;
};
struct Page {
  std::string body;
  Json charts = Json::object();  // canvas id -> chart spec drawn by the page script
};
using Section = void (*)(const PageContext&, Page&);

// The node at dotted `path` under `root`, or null when absent.
const Json& at(const Json& root, const std::string& path);
// `value` with `digits` decimals and '.' as separator, whatever the locale.
std::string fixed(double value, int digits);
// Integers as integers, other numbers with `digits` decimals, absent as "n/a".
std::string shown(const Json& value, int digits = 2);
std::string text_or(const Json& value, const std::string& fallback);
bool is_positive(const Json& value);
// Adds a canvas for `spec`; the page script draws it.
void add_chart(Page& page, const std::string& id, Json spec);

// Consent (only when the report's metrics hold it) and identity merge.
void consent_section(const PageContext& context, Page& page);
void merge_section(const PageContext& context, Page& page);

}  // namespace msgsim::reports::html
