// What `msgsim run` can execute in this build. `validate` accepts every file
// of the contract; `run` refuses a scenario that uses a key or value whose
// behaviour is not built yet, with one message naming the file, the JSON path
// and the feature, rather than ignoring it. Stateless.
#pragma once

#include "sim/harness/scenario.h"
#include "sim/runtime/status.h"

namespace msgsim::harness {

// Ok, or kUnsupported: "FILE: at PATH: ... is not supported yet by msgsim run".
// `every_channel_on_wire`: every provider speaks its wire format over
// loopback whatever the scenario says (msgsim serve); a byoc_ccaas channel
// whose partner owns routing or consent is then refused, naming the channel,
// since serve has no transport for the partner's calls.
runtime::Status check_supported(const Scenario& scenario, bool every_channel_on_wire = false);

}  // namespace msgsim::harness
