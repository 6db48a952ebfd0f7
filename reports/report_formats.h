// Which report files `msgsim run --format` asked for. The `--format` value is
// a comma-separated list of names (json, junit, html, md, csv, trace); report.json is
// always written whatever the list says. Parsing is strict: an unknown or
// empty item is an input error naming the item, never a silent default.
// Pure functions; any thread may call them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "sim/runtime/status.h"

namespace msgsim::reports {

struct ReportFormats {
  bool junit = false;     // DIR/junit.xml
  bool html = false;      // DIR/report.html
  bool markdown = false;  // DIR/summary.md
  bool csv = false;       // DIR/timeseries.csv
  bool trace = false;     // DIR/trace.jsonl, streamed by the runner during the run
};

// Parses a `--format` value such as "json,junit,html". Spaces around items
// are ignored; repeating a name is harmless.
// Returns kInvalidInput naming the bad item and the valid names for an
// unknown or empty item, so the caller refuses the run instead of skipping
// the file.
runtime::Result<ReportFormats> parse_report_formats(std::string_view text);

// The file names that `formats` adds next to report.json, in writing order.
std::vector<std::string> requested_report_files(const ReportFormats& formats);

}  // namespace msgsim::reports
