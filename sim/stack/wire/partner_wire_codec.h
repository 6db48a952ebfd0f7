// The calls of a BYOC for CCaaS partner that owns routing or consent, as the
// stack meets them on the wire, in the shape of the Interaction Service API
// (platform.md §6); the partner's half is fakes/wire/partner_codec.h, the
// shared vocabulary partner_wire_events.h. Every request is JSON signed like
// the connector's interactions (X-Msgsim-Signature = "sha256=" + hex
// HMAC-SHA256 of the raw body with the channel's secret,
// connector_signature.h), checked on the raw bytes before anything is
// parsed, and names the channel by its address.
//
// Partner -> platform, at the channel's interactions (webhook) URL path P:
//   POST  P/route             {"channelAddressIdentifier":A,"endUserClientId":U,
//                              "routingType":"Initial"}
//         creates the routing request of U's open conversation in the
//         channel's queue; 200 {"success":true,"workItemId":W}
//   POST  P/agentWork         {"channelAddressIdentifier":A,"workItemId":W,"userId":R}
//         offers request W to rep R (the platform still checks presence,
//         capacity, the permission set and the queue); 200 {"success":true}
//   POST  P/messagingSession  {"channelAddressIdentifier":A,"endUserClientId":U,
//                              "action":"End"|"Inactivate"}
//   PATCH P/consent           {"channelAddressIdentifier":A,"endUserClientId":U,
//                              "consentStatus":"OptedOut"|"ImplicitlyOptedIn"|
//                                              "ExplicitlyOptedIn"|"DoubleOptedIn"}
//   A refusal is {"success":false,"errorCode":C,"message":<reason>}: 400
//   INVALID_REQUEST (malformed; nothing applied), 401 UNAUTHENTICATED (the
//   signature), 404 NOT_FOUND (no such conversation, request or rep, or the
//   request no longer waits), 409 REFUSED (a platform rule: "agent a-3 is
//   offline", "... is at capacity", "... lacks the MessagingUser permission
//   set", not the partner's to decide, already routed), 413 TOO_LARGE. The
//   message is the platform's reason; the partner reads it.
//
// Platform -> partner (partner-owned routing), POST /outbound like an agent
// message, one interaction of its own type:
//   {"to":U,"from":A,"interactions":[{"interactionType":"RoutingInteraction",
//    "payload":{"id":<event UUID>,"entryType":"RoutingRequested",
//               "workItemId":W}}]}
//   without "workItemId" the partner is to call route; with it the request
//   exists (new, declined, timed out, its agent left) and waits for
//   agentWork. The partner answers 200 {"success":true}, or a refusal.
//
// W is "0JR" + 12 digits (the platform's pending routing record), R "005" +
// 12 digits (the rep's user record), U the end user's client id as in the
// partner's interactions, A the channel's address. Stateless; any thread.
#pragma once

#include "sim/runtime/status.h"
#include "sim/stack/wire/http_message.h"
#include "sim/stack/wire/partner_wire_events.h"
#include "sim/stack/wire/wire_events.h"

namespace msgsim::stack {

// Verifies the signature over the raw body, then decodes one partner call:
// kUnauthenticated for a signature that does not match, kTooLarge over the
// webhook size limit, kInvalidInput naming the JSON path (or the method and
// path) for anything else that is not a well-formed call of this channel.
runtime::Result<PartnerCall> decode_partner_call(const HttpRequest& request, const WireCredentials& credentials);

// The signed routing-request event for the partner's /outbound endpoint.
HttpRequest encode_routing_event(const RoutingEvent& event, const WireCredentials& credentials);

}  // namespace msgsim::stack
