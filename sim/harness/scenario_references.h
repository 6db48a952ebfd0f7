// Part of the scenario loader (scenario_loader.h): once the whole file is read
// into the model, checks every reference between its parts: ids are unique
// per kind (after expanding `count`), every queue, flow, agent, business
// hours, channel, population and script named exists, provider keys name a
// channel type or channel, and script actions suit their channel's type.
// Throws InputError (json_reader.h) at the first problem, located by the
// items' `source_path`. Internal to the loader.
#pragma once

#include "sim/harness/scenario.h"

namespace msgsim::harness::loading {

void check_references(const Scenario& scenario);

}  // namespace msgsim::harness::loading
