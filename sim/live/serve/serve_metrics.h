// `GET /metrics` of a live session, in the Prometheus text format: the
// session as it is now.
//
// /metrics families (every name starts with msgsim_):
//   inbound_messages_total{channel}, outbound_messages_total{channel}
//   outbound_refused_total{channel,by="consent|rules|provider"}
//   duplicates_absorbed_total{channel}
//   webhooks_total{channel,answer="2xx|400|401|413|other_4xx|5xx"}  answers of the webhook route
//   webhook_deliveries_total{channel,answer="2xx|401|4xx|5xx|failed"}  what the fakes' loopback deliveries got
//   webhook_deliveries_pending{channel}                              queued or in flight
//   send_calls_total{channel,answer="2xx|4xx|5xx|failed"}   the stack's send-API calls over loopback HTTP
//   outside_send_calls_total{channel,answer="2xx|4xx|5xx"}  testers' own calls to the fakes' send APIs
//   provider_api_refused_total                               provider API requests that reached no send API
//   send_call_round_trip_seconds (summary, wall clock: the stack's wait per send-API call)
//   queue_backlog{queue}, agents_online, agents_busy, capacity_used, capacity_online
//   sessions{status}
//   routing_latency_seconds (summary, simulated: request -> accepted)
//   live_routing_latency_seconds (summary, wall clock: message -> routing decision)
//   consent_opt_outs_total, consent_opt_ins_total, consent_refusals_total
//   simulated_time_seconds, speed, pacer_lag_max_seconds
// Single-threaded: the io_context thread that runs the world.
#pragma once

#include <string>

#include "sim/live/serve/live_sources.h"

namespace msgsim::live {

std::string prometheus_metrics(const LiveSources& sources);

}  // namespace msgsim::live
