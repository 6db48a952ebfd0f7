// `msgsim validate`: the strict format check of the loader, then the
// deployment lint (sim/harness/lint.h), warnings unless --strict.
#include <iostream>

#include "sim/cli/app.h"
#include "sim/cli/commands.h"
#include "sim/cli/qa_commands.h"
#include "sim/harness/lint.h"
#include "sim/harness/scenario_loader.h"

namespace msgsim::cli {

namespace {

// Prints the file's lint findings to stderr; returns how many there were.
std::size_t print_findings(const std::string& file, const harness::Scenario& scenario, bool strict) {
  const std::vector<harness::LintFinding> findings = harness::lint_scenario(scenario);
  const char* severity = strict ? "error" : "warning";
  for (const harness::LintFinding& finding : findings) {
    std::cerr << file << ": " << severity << " at " << finding.path << ": " << finding.message << " [" << finding.rule
              << "]\n";
  }
  return findings.size();
}

}  // namespace

int validate_command(const std::vector<std::string>& scenarios) { return validate_command(scenarios, false); }

int validate_command(const std::vector<std::string>& scenarios, bool strict) {
  int code = kExitPass;
  for (const std::string& file : scenarios) {
    runtime::Result<harness::Scenario> loaded = harness::load_scenario_file(file);
    if (!loaded.is_ok()) {
      std::cerr << loaded.status().message() << '\n';
      code = kExitInvalidInput;
      continue;
    }
    const harness::Scenario& scenario = loaded.value();
    const std::size_t findings = print_findings(file, scenario, strict);
    if (strict && findings > 0) {
      std::cout << file << ": invalid with --strict (" << findings << " lint finding(s))\n";
      code = kExitInvalidInput;
      continue;
    }
    std::cout << file << ": valid (" << scenario.name << ": " << scenario.org.channels.size() << " channels, "
              << scenario.org.queues.size() << " queues, " << scenario.org.agents.size() << " agent groups, "
              << scenario.customers.populations.size() << " populations, " << scenario.customers.scripts.size()
              << " scripts";
    if (findings > 0) std::cout << "; " << findings << " warning(s)";
    std::cout << ")\n";
  }
  return code;
}

}  // namespace msgsim::cli
