// Everything a live session's read-only views draw from: the world and its
// stack, the pacer, the session's own trace tallies and latency measures,
// the webhook answers and deliveries, the send-API calls, the browser seat. Built by the serve
// session; the views (/metrics, the supervisor view) take it by reference.
// Single-threaded: the io_context thread that runs the world.
#pragma once

#include "sim/harness/live_latency_probe.h"
#include "sim/harness/oracles/routing_oracle.h"
#include "sim/harness/world.h"
#include "sim/live/serve/browser_seat.h"
#include "sim/live/serve/live_tally.h"
#include "sim/live/serve/loopback_sends.h"
#include "sim/live/serve/loopback_webhooks.h"
#include "sim/live/serve/webhook_route.h"
#include "sim/runtime/live_runtime.h"

namespace msgsim::live {

struct LiveSources {
  harness::World& world;
  const runtime::LivePacer& pacer;
  const LiveTally& tally;
  const WebhookRoute& webhooks;
  const LoopbackWebhooks& deliveries;
  // Simulated routing latency: request created -> accepted by an agent.
  const harness::RoutingOracle& routing;
  // Wall-clock latency: customer message -> routing decision (live_latency_probe.h).
  const harness::LiveLatencyProbe& probe;
  const BrowserSeat* seat;  // null without a seat
  // The stack's calls to the providers' send APIs over loopback HTTP.
  const LoopbackSends& sends;
};

}  // namespace msgsim::live
