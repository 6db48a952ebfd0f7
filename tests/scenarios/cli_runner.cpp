#include "tests/scenarios/cli_runner.h"

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace msgsim::testing {

CliResult run_msgsim(const std::string& args) {
  CliResult result;
  const std::string command = std::string(MSGSIM_BINARY) + " " + args + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return result;
  std::array<char, 4096> buffer{};
  std::size_t n = 0;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0) result.output.append(buffer.data(), n);
  const int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

std::string fresh_temp_dir(const std::string& name) {
  // The process id keeps tests that ctest runs in parallel out of each other's folders.
  const auto dir =
      std::filesystem::temp_directory_path() / ("msgsim-test-" + name + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir.string();
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream content;
  content << in.rdbuf();
  return content.str();
}

std::string source_path(const std::string& relative) { return std::string(MSGSIM_SOURCE_DIR) + "/" + relative; }

}  // namespace msgsim::testing
