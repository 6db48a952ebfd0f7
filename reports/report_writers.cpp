#include "reports/report_writers.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "reports/html_report.h"
#include "reports/junit_report.h"
#include "reports/markdown_report.h"
#include "reports/timeseries_csv.h"

namespace msgsim::reports {

namespace {

// Binary mode: the bytes written are exactly the rendered text (LF endings).
runtime::Status write_text(const std::string& dir, const std::string& name, const std::string& text) {
  const std::string path = (std::filesystem::path(dir) / name).string();
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) return runtime::Status(runtime::StatusCode::kInvalidInput, path + ": cannot write the report");
  return runtime::Status::ok();
}

}  // namespace

runtime::Result<std::string> load_chart_js(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  if (!in || text.str().empty()) {
    return runtime::Status(runtime::StatusCode::kUnavailable,
                           "report.html needs Chart.js from the Debian package libjs-chart.js, but " + path +
                               " cannot be read (install it: apt-get install libjs-chart.js)");
  }
  return text.str();
}

runtime::Status check_report_dependencies(const ReportFormats& formats) {
  if (!formats.html) return runtime::Status::ok();
  runtime::Result<std::string> chart_js = load_chart_js();
  return chart_js.is_ok() ? runtime::Status::ok() : chart_js.status();
}

runtime::Status write_reports(const ReportFormats& formats, const ReportInput& input,
                              const nlohmann::ordered_json& report, const std::string& dir) {
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error) {
    return runtime::Status(runtime::StatusCode::kInvalidInput, dir + ": cannot create the output folder: " + error.message());
  }
  runtime::Status status = runtime::Status::ok();
  if (formats.junit) status = write_text(dir, "junit.xml", render_junit_xml(report));
  if (status.is_ok() && formats.html) {
    runtime::Result<std::string> chart_js = load_chart_js();
    if (!chart_js.is_ok()) return chart_js.status();
    const HtmlReportInput html_input{report, input.outcome.merged, chart_js.value()};
    status = write_text(dir, "report.html", render_html_report(html_input));
  }
  if (status.is_ok() && formats.markdown) status = write_text(dir, "summary.md", render_markdown_summary(report));
  if (status.is_ok() && formats.csv) {
    status = write_text(dir, "timeseries.csv", render_timeseries_csv(input.outcome.merged.timeseries));
  }
  return status;
}

}  // namespace msgsim::reports
