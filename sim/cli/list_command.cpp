// `msgsim list`: the scenario files of a folder with their names and the
// first sentence of their descriptions, one aligned line each.
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <system_error>

#include "sim/cli/app.h"
#include "sim/cli/qa_commands.h"
#include "sim/harness/scenario_loader.h"

namespace msgsim::cli {

namespace {

namespace fs = std::filesystem;

// The JSON Schema of the format lives beside the scenarios but is not one.
constexpr std::string_view kSchemaFile = "scenario.schema.json";

struct Row {
  std::string file;
  std::string name;
  std::string summary;
};

// Up to and including the first period followed by white space (or the end),
// so "P(wait) = 0.4092" inside a sentence does not cut it.
std::string first_sentence(const std::string& text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '.' && (i + 1 == text.size() || text[i + 1] == ' ' || text[i + 1] == '\n')) {
      return text.substr(0, i + 1);
    }
  }
  return text;
}

// One line of text: a loader message may in principle span lines.
std::string one_line(std::string text) {
  std::replace(text.begin(), text.end(), '\n', ' ');
  return text;
}

Row row_for(const fs::path& path) {
  Row row;
  row.file = path.filename().string();
  runtime::Result<harness::Scenario> loaded = harness::load_scenario_file(path.string());
  if (!loaded.is_ok()) {
    row.name = "-";
    row.summary = "(invalid: " + one_line(loaded.status().message()) + ")";
    return row;
  }
  row.name = loaded.value().name;
  row.summary = loaded.value().description.empty() ? "(no description)" : first_sentence(loaded.value().description);
  return row;
}

}  // namespace

CLI::App* add_list_command(CLI::App& app, ListCommandOptions& options) {
  CLI::App* command = app.add_subcommand("list", "List the shipped scenarios with one-line descriptions");
  command->add_option("--dir", options.dir, "Folder of scenario files (default: the source tree's scenarios/)");
  return command;
}

int list_command(const ListCommandOptions& options) {
  const fs::path dir = options.dir.value_or(std::string(MSGSIM_SOURCE_DIR) + "/scenarios");
  std::error_code error;
  std::vector<fs::path> files;
  for (fs::directory_iterator it(dir, error), end; !error && it != end; it.increment(error)) {
    const fs::path& path = it->path();
    if (path.extension() == ".json" && path.filename() != kSchemaFile && it->is_regular_file()) files.push_back(path);
  }
  if (error) {
    std::cerr << "msgsim: " << dir.string() << ": cannot list the folder: " << error.message() << '\n';
    return kExitInvalidInput;
  }
  std::sort(files.begin(), files.end(), [](const fs::path& a, const fs::path& b) { return a.filename() < b.filename(); });
  std::vector<Row> rows;
  std::size_t file_width = 0;
  std::size_t name_width = 0;
  for (const fs::path& path : files) {
    rows.push_back(row_for(path));
    file_width = std::max(file_width, rows.back().file.size());
    name_width = std::max(name_width, rows.back().name.size());
  }
  if (rows.empty()) std::cout << dir.string() << ": no scenario files\n";
  for (const Row& row : rows) {
    std::cout << row.file << std::string(file_width - row.file.size() + 2, ' ') << row.name
              << std::string(name_width - row.name.size() + 2, ' ') << row.summary << '\n';
  }
  return kExitPass;
}

}  // namespace msgsim::cli
