// What `msgsim run` can execute in this build. `validate` accepts every file
// of the contract; `run` refuses a scenario that uses a key or value whose
// behaviour is not built yet, with one message naming the file, the JSON path
// and the feature, rather than ignoring it. Stateless.
#pragma once

#include "sim/harness/scenario.h"
#include "sim/runtime/status.h"

namespace msgsim::harness {

// Ok, or kUnsupported: "FILE: at PATH: ... is not supported yet by msgsim
// run". `msgsim serve` runs what `run` runs.
runtime::Status check_supported(const Scenario& scenario);

}  // namespace msgsim::harness
