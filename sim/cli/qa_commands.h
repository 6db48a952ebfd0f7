// The commands a QA engineer uses around `run`: `list` (the shipped
// scenarios), `compare` (two report.json files, with regression thresholds)
// and `validate --strict` (the format check plus the deployment lint). Each
// add_* registers its subcommand on the app and binds its options; the
// matching *_command runs it once parsed, prints results to stdout and
// problems to stderr, and returns the exit code.
#pragma once

#include <CLI/CLI.hpp>
#include <optional>
#include <string>
#include <vector>

namespace msgsim::cli {

struct ListCommandOptions {
  std::optional<std::string> dir;  // default: MSGSIM_SOURCE_DIR "/scenarios"
};

// `msgsim list [--dir DIR]`: every scenario file of DIR (but
// scenario.schema.json), sorted by file name, with its name and the first
// sentence of its description; a file that does not load is listed as
// "(invalid: MESSAGE)". Exit 0, or 2 when DIR cannot be read.
CLI::App* add_list_command(CLI::App& app, ListCommandOptions& options);
int list_command(const ListCommandOptions& options);

struct CompareCommandOptions {
  std::string base;
  std::string current;                  // the NEW report
  std::vector<std::string> thresholds;  // METRIC=PCT
  double max_regression_pct = 10.0;
  bool json = false;
};

// `msgsim compare BASE NEW [--threshold METRIC=PCT]... [--max-regression-pct P] [--json]`:
// the metric deltas (rule in sim/harness/report_compare.h). Exit 0 without a
// regression, 1 with one, 2 on bad input (unreadable file, not a msgsim
// report, bad --threshold).
CLI::App* add_compare_command(CLI::App& app, CompareCommandOptions& options);
int compare_command(const CompareCommandOptions& options);

// `msgsim validate FILE... [--strict]`: the format check, then the lint of the
// deployment (sim/harness/lint.h) printed as "FILE: warning at PATH: MESSAGE
// [RULE]". With `strict`, findings are errors and make the exit code 2.
int validate_command(const std::vector<std::string>& scenarios, bool strict);

}  // namespace msgsim::cli
