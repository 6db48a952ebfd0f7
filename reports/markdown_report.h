// summary.md: a short GitHub/GitLab-flavoured Markdown summary of a run, meant
// to be pasted as a pull-request comment: the verdict as a plain word (PASS or
// FAIL, no emoji, so it greps and reads the same everywhere), scenario, seed
// and replay command, key metrics, expectations and per-channel / per-queue
// routing latency. Consent and merge sections appear only when the report's
// metrics hold them. Built from report.json's content alone, so it always
// agrees with it. Pure functions; any thread may call them.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace msgsim::reports {

// The summary.md document for `report` (the object build_report returns).
// Values the report lacks show as "n/a" instead of failing.
std::string render_markdown_summary(const nlohmann::ordered_json& report);

// `text` safe inside one Markdown table cell: '|' escaped, line breaks folded
// into spaces.
std::string markdown_cell(std::string_view text);

// `text` as an inline code span whose fence is longer than any run of
// backticks inside it, so no content can end the span early.
std::string markdown_code(std::string_view text);

}  // namespace msgsim::reports
