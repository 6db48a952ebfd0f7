// Reads a scenario file into the typed model with strict validation. Every
// problem becomes one message "FILE: at JSON.PATH: what was expected" (or
// "FILE:LINE:COLUMN: ..." for malformed JSON), returned as an kInvalidInput
// Status; the CLI prints it and exits 2. Never throws, never defaults silently.
// Stateless; any thread.
#pragma once

#include <string>
#include <string_view>

#include "sim/harness/scenario.h"
#include "sim/runtime/status.h"

namespace msgsim::harness {

// Loads and validates the file at `path`; fills `file` and `sha256`.
runtime::Result<Scenario> load_scenario_file(const std::string& path);

// Validates `text`; `file_label` names it in messages.
runtime::Result<Scenario> load_scenario_text(std::string_view text, const std::string& file_label);

}  // namespace msgsim::harness
