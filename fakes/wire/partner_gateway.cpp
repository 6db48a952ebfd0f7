#include "fakes/wire/partner_gateway.h"

#include <utility>

#include "fakes/wire/partner_codec.h"
#include "sim/stack/wire/connector_signature.h"
#include "sim/stack/wire/wire_utf8.h"

namespace msgsim::fakes {

using runtime::Status;
using runtime::StatusCode;
using stack::PartnerCallKind;

namespace {

// A refusal of the request itself rather than of what it asked.
bool unreadable(const stack::HttpResponse& response) {
  return response.status == 400 || response.status == 401 || response.status == 413;
}

}  // namespace

PartnerGateway::PartnerGateway(stack::ChannelId channel, stack::WireCredentials credentials,
                               const WireDirectory& directory, ProviderFake& partner, WebhookTarget& messages,
                               stack::WireTransport& platform, double bad_signature, runtime::RandomStream stream)
    : channel_(channel),
      credentials_(std::move(credentials)),
      directory_(directory),
      partner_(partner),
      messages_(messages),
      platform_(platform),
      bad_signature_(bad_signature),
      stream_(std::move(stream)) {}

stack::PartnerCall PartnerGateway::about(PartnerCallKind kind, stack::CustomerHandle customer) const {
  stack::PartnerCall call;
  call.kind = kind;
  call.end_user = directory_.address_of(channel_, customer);
  return call;
}

stack::HttpResponse PartnerGateway::post(const stack::PartnerCall& call) {
  const stack::HttpRequest request = encode_partner_call(call, credentials_);
  // One draw per call whatever the probability, as for webhooks.
  if (stream_.next_double() < bad_signature_) {
    stack::HttpRequest forged = request;
    std::string signature(request.header(stack::kConnectorSignatureHeader));
    signature.back() = signature.back() == 'a' ? 'b' : 'a';
    forged.set_header(stack::kConnectorSignatureHeader, std::move(signature));
    ++counts_.calls;
    ++counts_.forged;
    if (platform_.exchange(forged).status != 401) ++counts_.forged_accepted;
  }
  ++counts_.calls;
  stack::HttpResponse response = platform_.exchange(request);
  if (unreadable(response)) ++counts_.refused_calls;
  return response;
}

runtime::Result<stack::WorkId> PartnerGateway::partner_route(stack::ChannelId, stack::CustomerHandle customer) {
  return stack::work_of_route_answer(post(about(PartnerCallKind::kRoute, customer)));
}

Status PartnerGateway::partner_assign(stack::ChannelId, stack::WorkId work, stack::AgentId agent) {
  stack::PartnerCall call;
  call.kind = PartnerCallKind::kAgentWork;
  call.work = work;
  call.agent = agent;
  return stack::status_of_partner_answer(post(call));
}

Status PartnerGateway::partner_end_session(stack::ChannelId, stack::CustomerHandle customer) {
  return stack::status_of_partner_answer(post(about(PartnerCallKind::kEndSession, customer)));
}

Status PartnerGateway::partner_inactivate_session(stack::ChannelId, stack::CustomerHandle customer) {
  return stack::status_of_partner_answer(post(about(PartnerCallKind::kInactivateSession, customer)));
}

Status PartnerGateway::partner_set_consent(stack::ChannelId, stack::CustomerHandle customer,
                                           stack::ConsentLevel level) {
  stack::PartnerCall call = about(PartnerCallKind::kConsent, customer);
  call.level = level;
  return stack::status_of_partner_answer(post(call));
}

stack::HttpResponse PartnerGateway::exchange(const stack::HttpRequest& request) {
  ++counts_.events;
  runtime::Result<stack::RoutingEvent> event = decode_routing_event(request, credentials_);
  if (!event.is_ok()) {
    ++counts_.refused_events;
    return stack::partner_answer(event.status());
  }
  const std::optional<stack::CustomerHandle> customer = directory_.known_handle(channel_, event.value().end_user);
  if (!customer) {
    ++counts_.refused_events;
    const std::string end_user = stack::text_excerpt(event.value().end_user);
    return stack::partner_answer(Status(StatusCode::kNotFound, "no end user " + end_user));
  }
  partner_.routing_requested(channel_, *customer, event.value().work);
  return stack::partner_answer(Status::ok());
}

}  // namespace msgsim::fakes
