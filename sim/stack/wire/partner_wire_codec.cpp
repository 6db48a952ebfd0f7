#include "sim/stack/wire/partner_wire_codec.h"

#include <string>
#include <utility>

#include "sim/stack/wire/byoc_wire_codec.h"
#include "sim/stack/wire/connector_signature.h"
#include "sim/stack/wire/json_cursor.h"
#include "sim/stack/wire/json_writing.h"
#include "sim/stack/wire/webhook_limits.h"

namespace msgsim::stack {

using runtime::Result;
using runtime::Status;
using runtime::StatusCode;

namespace {

constexpr PartnerCallKind kPathKinds[] = {PartnerCallKind::kRoute, PartnerCallKind::kAgentWork,
                                          PartnerCallKind::kEndSession, PartnerCallKind::kConsent};

// The call a request's method and path name; messagingSession stands for
// both of its actions until the body says which.
Result<PartnerCallKind> kind_of(const HttpRequest& request, const WireCredentials& credentials) {
  const std::string_view path = request.path();
  for (const PartnerCallKind kind : kPathKinds) {
    if (path != partner_call_target(credentials, kind)) continue;
    if (request.method != partner_call_method(kind)) {
      return Status(StatusCode::kInvalidInput, std::string(partner_call_name(kind)) + " takes " +
                                                   std::string(partner_call_method(kind)) + ", not " +
                                                   text_excerpt(request.method));
    }
    return kind;
  }
  return Status(StatusCode::kInvalidInput, text_excerpt(request.method) + " " + text_excerpt(path) +
                                               ": not a call of this channel's Interaction Service API "
                                               "(route, agentWork, messagingSession, consent)");
}

Result<std::string> read_end_user(const JsonCursor& root) {
  const JsonCursor end_user = root.member("endUserClientId");
  Result<std::string> id = end_user.string(kWireIdBytesMax);
  if (id.is_ok() && id.value().empty()) return end_user.error("empty");
  return id;
}

Status read_agent_work(const JsonCursor& root, PartnerCall& call) {
  const JsonCursor work_item = root.member("workItemId");
  const JsonCursor user = root.member("userId");
  Result<WorkId> work = read_work_item_id(work_item);
  if (!work.is_ok()) return work.status();
  Result<std::string> user_id = user.string(kWireIdBytesMax);
  if (!user_id.is_ok()) return user_id.status();
  const std::optional<AgentId> agent = parse_rep_user_id(user_id.value());
  if (!agent) return user.error("\"" + text_excerpt(user_id.value()) + "\" is not a rep's user id (005 + 12 digits)");
  call.work = work.value();
  call.agent = *agent;
  return Status::ok();
}

Status read_session_action(const JsonCursor& root, PartnerCall& call) {
  const JsonCursor action = root.member("action");
  Result<std::string> name = action.string(kWireIdBytesMax);
  if (!name.is_ok()) return name.status();
  if (name.value() == "End") {
    call.kind = PartnerCallKind::kEndSession;
  } else if (name.value() == "Inactivate") {
    call.kind = PartnerCallKind::kInactivateSession;
  } else {
    return action.error("expected \"End\" or \"Inactivate\", got \"" + text_excerpt(name.value()) + "\"");
  }
  return Status::ok();
}

Status read_consent_status(const JsonCursor& root, PartnerCall& call) {
  const JsonCursor status = root.member("consentStatus");
  Result<std::string> name = status.string(kWireIdBytesMax);
  if (!name.is_ok()) return name.status();
  const std::optional<ConsentLevel> level = parse_consent_status(name.value());
  if (!level) {
    return status.error("\"" + text_excerpt(name.value()) +
                        "\" is not a consent status (OptedOut, ImplicitlyOptedIn, ExplicitlyOptedIn, DoubleOptedIn)");
  }
  call.level = *level;
  return Status::ok();
}

// The fields of `call.kind`'s body, into `call`.
Status read_call_body(const JsonCursor& root, PartnerCall& call) {
  if (call.kind == PartnerCallKind::kAgentWork) return read_agent_work(root, call);
  Result<std::string> end_user = read_end_user(root);
  if (!end_user.is_ok()) return end_user.status();
  call.end_user = end_user.take();
  switch (call.kind) {
    case PartnerCallKind::kRoute: {
      const JsonCursor routing_type = root.member("routingType");
      return routing_type.expect_text("Initial");
    }
    case PartnerCallKind::kEndSession: return read_session_action(root, call);
    case PartnerCallKind::kConsent: return read_consent_status(root, call);
    case PartnerCallKind::kAgentWork:
    case PartnerCallKind::kInactivateSession: break;
  }
  return Status::ok();
}

}  // namespace

Result<PartnerCall> decode_partner_call(const HttpRequest& request, const WireCredentials& credentials) {
  if (!verify_connector_signature(credentials.secret, request.body, request.header(kConnectorSignatureHeader))) {
    return Status(StatusCode::kUnauthenticated, "X-Msgsim-Signature: does not match the body");
  }
  Status size = check_webhook_size(request.body.size());
  if (!size.is_ok()) return size;
  Result<PartnerCallKind> kind = kind_of(request, credentials);
  if (!kind.is_ok()) return kind.status();
  Result<JsonDocument> document = JsonDocument::parse(request.body);
  if (!document.is_ok()) return document.status();
  const JsonCursor root(document.value().root());
  Status is_object = root.expect(JsonKind::kObject);
  if (!is_object.is_ok()) return is_object;
  const JsonCursor channel = root.member("channelAddressIdentifier");
  Result<std::string> address = channel.string(kWireIdBytesMax);
  if (!address.is_ok()) return address.status();
  if (!credentials.business_address.empty() && address.value() != credentials.business_address) {
    return channel.error("\"" + text_excerpt(address.value()) + "\" is not this channel's address");
  }
  PartnerCall call;
  call.kind = kind.value();
  Status body = read_call_body(root, call);
  if (!body.is_ok()) return body;
  return call;
}

HttpRequest encode_routing_event(const RoutingEvent& event, const WireCredentials& credentials) {
  HttpRequest request;
  request.target = std::string(kByocOutboundPath);
  request.body = "{";
  append_json_member(request.body, "to", event.end_user);
  request.body += ',';
  append_json_member(request.body, "from", credentials.business_address);
  request.body += ",\"interactions\":[{\"interactionType\":\"RoutingInteraction\",\"payload\":{";
  append_json_member(request.body, "id", event.event_id);
  request.body += ",\"entryType\":\"RoutingRequested\"";
  if (event.work) {
    request.body += ',';
    append_json_member(request.body, "workItemId", work_item_id(event.work));
  }
  request.body += "}}]}";
  request.headers.add("Content-Type", "application/json");
  request.headers.add(kConnectorSignatureHeader, connector_signature_text(credentials.secret, request.body).view());
  return request;
}

}  // namespace msgsim::stack
