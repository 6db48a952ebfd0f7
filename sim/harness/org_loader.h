// Part of the scenario loader (scenario_loader.h): reads "org", the deployment
// under test: messaging and capacity settings, identity, business hours,
// queues, flows, channels (channels_loader.h) and agents. Throws InputError
// (json_reader.h) at the first problem; ids that refer to other items are
// checked once everything is read (scenario_references.h). Internal to the
// loader.
#pragma once

#include "sim/harness/json_reader.h"
#include "sim/harness/scenario.h"

namespace msgsim::harness::loading {

Org read_org(const Node& node);

}  // namespace msgsim::harness::loading
