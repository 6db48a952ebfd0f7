#include "reports/report_formats.h"

namespace msgsim::reports {

namespace {

constexpr std::string_view kValidNames = "json, junit, html, md, csv, trace";

std::string_view trim(std::string_view text) {
  const std::size_t first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  const std::size_t last = text.find_last_not_of(" \t");
  return text.substr(first, last - first + 1);
}

runtime::Status invalid(const std::string& what) {
  return runtime::Status(runtime::StatusCode::kInvalidInput,
                         "--format: " + what + " (valid: " + std::string(kValidNames) + ")");
}

// Sets the flag for one trimmed item; json is accepted and needs no flag.
runtime::Status apply_item(std::string_view item, std::string_view whole, ReportFormats& formats) {
  if (item.empty()) return invalid("empty item in \"" + std::string(whole) + "\"");
  if (item == "json") return runtime::Status::ok();
  if (item == "junit") {
    formats.junit = true;
  } else if (item == "html") {
    formats.html = true;
  } else if (item == "md") {
    formats.markdown = true;
  } else if (item == "csv") {
    formats.csv = true;
  } else if (item == "trace") {
    formats.trace = true;
  } else {
    return invalid("unknown report format \"" + std::string(item) + "\"");
  }
  return runtime::Status::ok();
}

}  // namespace

runtime::Result<ReportFormats> parse_report_formats(std::string_view text) {
  ReportFormats formats;
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = text.find(',', start);
    const std::string_view item = text.substr(start, comma == std::string_view::npos ? text.npos : comma - start);
    runtime::Status applied = apply_item(trim(item), text, formats);
    if (!applied.is_ok()) return applied;
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return formats;
}

std::vector<std::string> requested_report_files(const ReportFormats& formats) {
  std::vector<std::string> files;
  if (formats.junit) files.push_back("junit.xml");
  if (formats.html) files.push_back("report.html");
  if (formats.markdown) files.push_back("summary.md");
  if (formats.csv) files.push_back("timeseries.csv");
  if (formats.trace) files.push_back("trace.jsonl");
  return files;
}

}  // namespace msgsim::reports
