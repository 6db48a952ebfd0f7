// The supervisor view of a live session, as JSON (GET /api/supervisor, and
// pushed every second over server-sent events): queue backlogs, agents with
// their presence and capacity in use, routing latency percentiles (simulated
// and wall clock), consent figures with the latest events, and per channel
// the messages, the webhook answers and the stack's send-API calls so far.
// Single-threaded: the io_context thread that runs the world.
#pragma once

#include <nlohmann/json.hpp>

#include "sim/live/serve/live_sources.h"

namespace msgsim::live {

// {"time_s","queues":[{"id","backlog"}],
//  "agents":[{"id","presence","used","capacity","seat"}],
//  "latency":{"routing_s":{"count","p50","p90","p95","p99"},"live_ms":{...}},
//  "consent":{"opt_outs","opt_ins","refused_consent","refused_rules","refused_provider","events":[...]},
//  "channels":[{"id","type","inbound","outbound","webhooks_ok","webhooks_refused","deliveries_pending",
//               "send_calls_ok","send_calls_refused","send_calls_failed","send_calls_pending"}]}
// send_calls_refused: 4xx answers (a provider's refusal); send_calls_failed:
// 5xx answers and calls that got none.
nlohmann::ordered_json supervisor_json(const LiveSources& sources);

}  // namespace msgsim::live
