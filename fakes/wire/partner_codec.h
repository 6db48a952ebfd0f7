// The fake BYOC for CCaaS partner's half of the partner calls on the wire
// (the format is described in sim/stack/wire/partner_wire_codec.h): its
// route, agentWork, messagingSession and PATCH consent requests, signed like
// its interactions, and the platform's RoutingRequested events it reads from
// its /outbound endpoint, signature checked first. The answers both ways are
// the shared ones of sim/stack/wire/partner_wire_events.h. Stateless; any
// thread.
#pragma once

#include "sim/runtime/status.h"
#include "sim/stack/wire/http_message.h"
#include "sim/stack/wire/partner_wire_events.h"
#include "sim/stack/wire/wire_events.h"

namespace msgsim::fakes {

// The signed request of `call` to the channel's Interaction Service API
// (at the path of credentials.webhook_url).
stack::HttpRequest encode_partner_call(const stack::PartnerCall& call, const stack::WireCredentials& credentials);

// Reads a RoutingRequested event: kUnauthenticated for a signature that does
// not match, kTooLarge over the size limit, kInvalidInput naming the path or
// field otherwise (another channel's, not a routing event, a bad id).
runtime::Result<stack::RoutingEvent> decode_routing_event(const stack::HttpRequest& request,
                                                          const stack::WireCredentials& credentials);

}  // namespace msgsim::fakes
