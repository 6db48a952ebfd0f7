#include <iostream>

#include "sim/cli/app.h"
#include "sim/cli/commands.h"
#include "sim/harness/scenario_loader.h"

namespace msgsim::cli {

int validate_command(const std::vector<std::string>& scenarios) {
  int code = kExitPass;
  for (const std::string& file : scenarios) {
    runtime::Result<harness::Scenario> loaded = harness::load_scenario_file(file);
    if (!loaded.is_ok()) {
      std::cerr << loaded.status().message() << '\n';
      code = kExitInvalidInput;
      continue;
    }
    const harness::Scenario& scenario = loaded.value();
    std::cout << file << ": valid (" << scenario.name << ": " << scenario.org.channels.size() << " channels, "
              << scenario.org.queues.size() << " queues, " << scenario.org.agents.size() << " agent groups, "
              << scenario.customers.populations.size() << " populations, " << scenario.customers.scripts.size()
              << " scripts)\n";
  }
  return code;
}

}  // namespace msgsim::cli
