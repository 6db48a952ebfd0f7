// The subcommands behind the command line. Each prints its own messages
// (results to stdout, problems to stderr) and returns the exit code.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace msgsim::cli {

struct RunCommandOptions {
  std::vector<std::string> scenarios;
  std::optional<std::uint64_t> seed;
  std::optional<int> replications;
  std::optional<std::string> out_dir;
  bool quiet = false;
  std::string formats = "json";  // comma-separated report formats
  // Reports keep phone numbers, e-mail addresses and message texts as they
  // were; by default they are masked (reports/pii_mask.h).
  bool show_pii = false;
  // Live mode: one replication paced against the wall clock at `speed`
  // simulated seconds per wall second; report.json gains host.live.
  bool live = false;
  double speed = 60.0;
};

int run_command(const RunCommandOptions& options);
int validate_command(const std::vector<std::string>& scenarios);

}  // namespace msgsim::cli
