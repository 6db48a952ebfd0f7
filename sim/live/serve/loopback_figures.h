// What crossed a live session's provider boundaries over loopback HTTP, for
// report.json's `host.loopback` (wall-clock and machine facts, outside the
// determinism contract like the rest of `host`):
//   {"provider_api": "http://127.0.0.1:<port>/providers/",
//    "send_round_trip_us": {"p50","p99","max","count"},
//    "provider_api_refused": N,
//    "channels": {"<channel>": {
//       "webhook_deliveries": {"queued","2xx","401","4xx","5xx","failed","retried"},
//       "send_calls": {"queued","2xx","401","4xx","5xx","failed","retried"},
//       "outside_send_calls": {"calls","2xx","4xx","5xx"}}}}
// webhook_deliveries: the fakes' webhooks to the stack; send_calls: the
// stack's calls to the fakes' send APIs (both LoopbackLineCounts; the round
// trip runs from posting a call to its answer); outside_send_calls: testers'
// own calls to those APIs. Single-threaded: the thread that runs the world.
#pragma once

#include <nlohmann/json.hpp>

#include "sim/live/serve/live_sources.h"

namespace msgsim::live {

nlohmann::ordered_json loopback_figures_json(const LiveSources& sources);

}  // namespace msgsim::live
