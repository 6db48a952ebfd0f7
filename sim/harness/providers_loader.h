// Part of the scenario loader (scenario_loader.h): reads "providers", the
// behaviour of the fake providers under keys "*", a channel type or a channel
// id (which keys exist is checked by scenario_references.h). Throws InputError
// (json_reader.h) at the first problem. Internal to the loader.
#pragma once

#include <map>
#include <string>

#include "sim/harness/json_reader.h"
#include "sim/harness/scenario.h"

namespace msgsim::harness::loading {

std::map<std::string, ProviderSettings> read_providers(const Node& node);

}  // namespace msgsim::harness::loading
