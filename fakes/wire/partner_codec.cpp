#include "fakes/wire/partner_codec.h"

#include <string>

#include "sim/stack/wire/byoc_wire_codec.h"
#include "sim/stack/wire/connector_signature.h"
#include "sim/stack/wire/json_cursor.h"
#include "sim/stack/wire/json_writing.h"
#include "sim/stack/wire/webhook_limits.h"

namespace msgsim::fakes {

using runtime::Result;
using runtime::Status;
using runtime::StatusCode;
using stack::JsonCursor;
using stack::JsonKind;
using stack::PartnerCallKind;

namespace {

void append_call_fields(std::string& body, const stack::PartnerCall& call) {
  if (call.kind == PartnerCallKind::kAgentWork) {
    stack::append_json_member(body, "workItemId", stack::work_item_id(call.work));
    body += ',';
    stack::append_json_member(body, "userId", stack::rep_user_id(call.agent));
    return;
  }
  stack::append_json_member(body, "endUserClientId", call.end_user);
  body += ',';
  switch (call.kind) {
    case PartnerCallKind::kRoute: stack::append_json_member(body, "routingType", "Initial"); break;
    case PartnerCallKind::kEndSession: stack::append_json_member(body, "action", "End"); break;
    case PartnerCallKind::kInactivateSession: stack::append_json_member(body, "action", "Inactivate"); break;
    case PartnerCallKind::kConsent:
      stack::append_json_member(body, "consentStatus", stack::consent_status_name(call.level));
      break;
    case PartnerCallKind::kAgentWork: break;
  }
}

// The one RoutingRequested interaction of an event, into `event`.
Status read_routing_interaction(const JsonCursor& interactions, stack::RoutingEvent& event) {
  Status is_array = interactions.expect(JsonKind::kArray);
  if (!is_array.is_ok()) return is_array;
  if (interactions.value().size() != 1) return interactions.error("expected exactly one interaction");
  const JsonCursor interaction = interactions.element(interactions.value().first_child(), 0);
  Status is_object = interaction.expect(JsonKind::kObject);
  if (!is_object.is_ok()) return is_object;
  Status routing = interaction.member("interactionType").expect_text("RoutingInteraction");
  if (!routing.is_ok()) return routing;
  const JsonCursor payload = interaction.member("payload");
  Status payload_is_object = payload.expect(JsonKind::kObject);
  if (!payload_is_object.is_ok()) return payload_is_object;
  Status requested = payload.member("entryType").expect_text("RoutingRequested");
  if (!requested.is_ok()) return requested;
  const JsonCursor id = payload.member("id");
  Result<std::string> event_id = id.string(stack::kWireIdBytesMax);
  if (!event_id.is_ok()) return event_id.status();
  if (event_id.value().empty()) return id.error("empty");
  const JsonCursor work_item = payload.member("workItemId");
  if (work_item.present()) {
    Result<stack::WorkId> work = stack::read_work_item_id(work_item);
    if (!work.is_ok()) return work.status();
    event.work = work.value();
  }
  event.event_id = event_id.take();
  return Status::ok();
}

}  // namespace

stack::HttpRequest encode_partner_call(const stack::PartnerCall& call, const stack::WireCredentials& credentials) {
  stack::HttpRequest request;
  request.method = std::string(stack::partner_call_method(call.kind));
  request.target = stack::partner_call_target(credentials, call.kind);
  request.body = "{";
  stack::append_json_member(request.body, "channelAddressIdentifier", credentials.business_address);
  request.body += ',';
  append_call_fields(request.body, call);
  request.body += '}';
  request.headers.add("Content-Type", "application/json");
  request.headers.add(stack::kConnectorSignatureHeader,
                      stack::connector_signature_text(credentials.secret, request.body).view());
  return request;
}

Result<stack::RoutingEvent> decode_routing_event(const stack::HttpRequest& request,
                                                 const stack::WireCredentials& credentials) {
  if (!stack::verify_connector_signature(credentials.secret, request.body,
                                         request.header(stack::kConnectorSignatureHeader))) {
    return Status(StatusCode::kUnauthenticated, "X-Msgsim-Signature: does not match the body");
  }
  if (request.method != "POST" || request.path() != stack::kByocOutboundPath) {
    return Status(StatusCode::kInvalidInput, "expected POST /outbound, got " + stack::text_excerpt(request.method) +
                                                 " " + stack::text_excerpt(request.path()));
  }
  Status size = stack::check_webhook_size(request.body.size());
  if (!size.is_ok()) return size;
  Result<stack::JsonDocument> document = stack::JsonDocument::parse(request.body);
  if (!document.is_ok()) return document.status();
  const JsonCursor root(document.value().root());
  Status is_object = root.expect(JsonKind::kObject);
  if (!is_object.is_ok()) return is_object;
  if (!credentials.business_address.empty()) {
    Status ours = root.member("from").expect_text(credentials.business_address);
    if (!ours.is_ok()) return ours;
  }
  const JsonCursor to = root.member("to");
  Result<std::string> end_user = to.string(stack::kWireIdBytesMax);
  if (!end_user.is_ok()) return end_user.status();
  if (end_user.value().empty()) return to.error("empty");
  stack::RoutingEvent event;
  event.end_user = end_user.take();
  Status interaction = read_routing_interaction(root.member("interactions"), event);
  if (!interaction.is_ok()) return interaction;
  return event;
}

}  // namespace msgsim::fakes
