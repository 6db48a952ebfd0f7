// Writes the extra report files that `--format` asked for (junit.xml,
// report.html, summary.md, timeseries.csv) into a run's output folder, next
// to report.json, which write_json_report writes whatever the formats. Each
// renderer is a pure function of the report and metrics; this file owns the
// file system side. Called from the CLI thread, one run at a time per folder.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "reports/json_report.h"
#include "reports/report_formats.h"
#include "sim/runtime/status.h"

namespace msgsim::reports {

// The UMD build of Chart.js 3 in Debian's libjs-chart.js: it defines the
// global `Chart` from a plain <script>, unlike chart.esm.js / chart.mjs.
inline constexpr std::string_view kChartJsPath = "/usr/share/javascript/chart.js/chart.min.js";

// Reads Chart.js from `path` for report.html. Returns kUnavailable naming the
// file and the package libjs-chart.js when it cannot be read.
runtime::Result<std::string> load_chart_js(const std::string& path = std::string(kChartJsPath));

// Checks what the requested formats need from the machine (Chart.js for
// report.html), so a run can be refused before it spends time simulating.
runtime::Status check_report_dependencies(const ReportFormats& formats);

// Writes every requested file into `dir`, creating it. `report` is what
// build_report(input) returned. Stops at the first failure and returns it,
// naming the file.
runtime::Status write_reports(const ReportFormats& formats, const ReportInput& input,
                              const nlohmann::ordered_json& report, const std::string& dir);

}  // namespace msgsim::reports
