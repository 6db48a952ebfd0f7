// What a BYOC for CCaaS partner and the platform say to each other on the
// wire when the partner owns routing or consent, in the partner's and the
// platform's own terms (the format is described in partner_wire_codec.h):
// the partner's calls (route, agentWork, messagingSession End / Inactivate,
// PATCH consent) and the platform's routing-request event, as value types,
// plus the vocabulary both halves share: call paths, the record ids of
// routing requests ("0JR…") and reps ("005…"), consent status and action
// names, and the answer every call gets (2xx, or a status with an error
// code and the platform's reason). Pure functions; any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "sim/runtime/status.h"
#include "sim/stack/consent/consent_settings.h"
#include "sim/stack/ids.h"
#include "sim/stack/wire/http_message.h"
#include "sim/stack/wire/json_cursor.h"
#include "sim/stack/wire/wire_events.h"

namespace msgsim::stack {

enum class PartnerCallKind : std::uint8_t { kRoute, kAgentWork, kEndSession, kInactivateSession, kConsent };

// One call of the partner to the platform's Interaction Service API.
struct PartnerCall {
  PartnerCallKind kind = PartnerCallKind::kRoute;
  // The end user's client id (route, messagingSession, consent): the same
  // string the partner's interactions carry in `from`.
  std::string end_user;
  WorkId work;    // agentWork: the routing request
  AgentId agent;  // agentWork: the rep the partner chose
  ConsentLevel level = ConsentLevel::kNone;  // consent
};

// The platform telling the partner that a conversation needs an agent
// (ProviderApi::routing_requested): without `work` the partner is to call
// route; with it, the request exists and waits for the partner's agentWork.
struct RoutingEvent {
  std::string event_id;  // unique per event
  std::string end_user;
  WorkId work;
};

// The last path segment of a call ("route", "agentWork", "messagingSession",
// "consent") and its method ("PATCH" for consent, else "POST").
std::string_view partner_call_name(PartnerCallKind kind);
std::string_view partner_call_method(PartnerCallKind kind);
// The request target of `kind` for the channel whose webhook URL (the
// connector's interactions URL) is credentials.webhook_url: its path + "/" +
// the call's name ("https://h/webhooks/ccaas" -> "/webhooks/ccaas/route").
std::string partner_call_target(const WireCredentials& credentials, PartnerCallKind kind);

// Record ids: "0JR" (a routing request, the platform's pending service
// routing) or "005" (a rep, the platform's user) + 12 decimal digits of the
// number. Parsing refuses anything else, and the "none" number.
std::string work_item_id(WorkId work);
std::optional<WorkId> parse_work_item_id(std::string_view id);
// The routing request id a JSON field holds; kInvalidInput naming the field
// when it is missing, not a string or not such an id.
runtime::Result<WorkId> read_work_item_id(const JsonCursor& field);
std::string rep_user_id(AgentId agent);
std::optional<AgentId> parse_rep_user_id(std::string_view id);

// "OptedOut", "ImplicitlyOptedIn", "ExplicitlyOptedIn", "DoubleOptedIn"
// ("None" for kNone, which no call may set), and the inverse.
std::string_view consent_status_name(ConsentLevel level);
std::optional<ConsentLevel> parse_consent_status(std::string_view name);

// Answers. Accepted: 200 {"success":true} (route adds "workItemId"). A
// refusal: {"success":false,"errorCode":C,"message":<reason>} with the
// status of its code: 400 INVALID_REQUEST, 401 UNAUTHENTICATED, 404
// NOT_FOUND, 409 REFUSED, 413 TOO_LARGE, 503 UNAVAILABLE, 500 otherwise.
HttpResponse partner_answer(const runtime::Status& status);
HttpResponse route_answer(WorkId work);
// The Status an answer stands for: ok for any 2xx; otherwise the code of its
// HTTP status and, as message, the body's "message" (the whole body, cut
// short, when it has none), so the platform's reason survives the trip.
runtime::Status status_of_partner_answer(const HttpResponse& response);
// The routing request a 2xx route answer names, or the refusal it stands for;
// kInvalidInput when a 2xx answer names none.
runtime::Result<WorkId> work_of_route_answer(const HttpResponse& response);

}  // namespace msgsim::stack
