// Runs the built msgsim binary for scenario tests and captures what it says.
#pragma once

#include <string>

namespace msgsim::testing {

struct CliResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};

// Runs `msgsim ARGS` (ARGS is shell-quoted by the caller).
CliResult run_msgsim(const std::string& args);
// A fresh empty folder under the system's temporary folder.
std::string fresh_temp_dir(const std::string& name);
std::string read_file(const std::string& path);
std::string source_path(const std::string& relative);

}  // namespace msgsim::testing
