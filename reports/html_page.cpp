#include "reports/html_page.h"

#include <charconv>
#include <cmath>

#include "reports/html_report.h"
#include "sim/harness/expectations.h"

namespace msgsim::reports::html {

namespace {
const Json kMissing;
}  // namespace

const Json& at(const Json& root, const std::string& path) {
  const Json* node = harness::find_metric(root, path);
  return node == nullptr ? kMissing : *node;
}

std::string fixed(double value, int digits) {
  char buffer[64];  // to_chars ignores the locale, so '.' is always the separator
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed, digits);
  return std::string(buffer, result.ptr);
}

std::string shown(const Json& value, int digits) {
  if (value.is_number_integer()) return value.dump();
  if (!value.is_number()) return "n/a";
  const double x = value.get<double>();
  return x == std::floor(x) && std::abs(x) < 1e15 ? fixed(x, 0) : fixed(x, digits);
}

std::string text_or(const Json& value, const std::string& fallback) {
  return value.is_string() ? value.get<std::string>() : fallback;
}

bool is_positive(const Json& value) { return value.is_number() && value.get<double>() > 0; }

void add_chart(Page& page, const std::string& id, Json spec) {
  page.body += "<div class=\"chart\"><canvas id=\"" + html_escape(id) + "\"></canvas></div>\n";
  page.charts[id] = std::move(spec);
}

}  // namespace msgsim::reports::html
