// Part of the scenario loader (scenario_loader.h): reads "customers": the
// populations that arrive at random and the scripts of individual customers.
// Throws InputError (json_reader.h) at the first problem; the channels they
// name are checked once everything is read (scenario_references.h). Internal
// to the loader.
#pragma once

#include "sim/harness/json_reader.h"
#include "sim/harness/scenario.h"

namespace msgsim::harness::loading {

Customers read_customers(const Node& node);

}  // namespace msgsim::harness::loading
