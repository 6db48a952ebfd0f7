// Part of the scenario loader (scenario_loader.h): reads "org.channels".
// A channel with `count` N > 1 becomes N channels `ID-1` .. `ID-N` whose
// addresses are numbered from the written one; at most kMaxChannels exist
// after expansion. Throws InputError (json_reader.h) at the first problem.
// Internal to the loader.
#pragma once

#include <vector>

#include "sim/harness/json_reader.h"
#include "sim/harness/scenario.h"

namespace msgsim::harness::loading {

// Appends the channels of the array `node` to `channels`, expanded.
void read_channels(const Node& node, std::vector<Channel>& channels);

}  // namespace msgsim::harness::loading
