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

void PartnerGateway::post(const stack::PartnerCall& call, std::function<void(const stack::HttpResponse&)> answer) {
  stack::HttpRequest request = encode_partner_call(call, credentials_);
  // One draw per call whatever the probability, as for webhooks.
  if (stream_.next_double() < bad_signature_) {
    stack::HttpRequest forged = request;
    std::string signature(request.header(stack::kConnectorSignatureHeader));
    signature.back() = signature.back() == 'a' ? 'b' : 'a';
    forged.set_header(stack::kConnectorSignatureHeader, std::move(signature));
    ++counts_.calls;
    ++counts_.forged;
    platform_.post(std::move(forged), [this](const stack::HttpResponse& response) {
      if (response.status != 401) ++counts_.forged_accepted;
    });
  }
  ++counts_.calls;
  platform_.post(std::move(request), [this, answer = std::move(answer)](const stack::HttpResponse& response) {
    if (unreadable(response)) ++counts_.refused_calls;
    answer(response);
  });
}

void PartnerGateway::post_for_status(const stack::PartnerCall& call, CallAnswer answer) {
  post(call, [answer = std::move(answer)](const stack::HttpResponse& response) {
    answer(stack::status_of_partner_answer(response));
  });
}

void PartnerGateway::partner_route(stack::ChannelId, stack::CustomerHandle customer, RouteAnswer answer) {
  post(about(PartnerCallKind::kRoute, customer), [answer = std::move(answer)](const stack::HttpResponse& response) {
    answer(stack::work_of_route_answer(response));
  });
}

void PartnerGateway::partner_assign(stack::ChannelId, stack::WorkId work, stack::AgentId agent, CallAnswer answer) {
  stack::PartnerCall call;
  call.kind = PartnerCallKind::kAgentWork;
  call.work = work;
  call.agent = agent;
  post_for_status(call, std::move(answer));
}

void PartnerGateway::partner_end_session(stack::ChannelId, stack::CustomerHandle customer, CallAnswer answer) {
  post_for_status(about(PartnerCallKind::kEndSession, customer), std::move(answer));
}

void PartnerGateway::partner_inactivate_session(stack::ChannelId, stack::CustomerHandle customer,
                                                CallAnswer answer) {
  post_for_status(about(PartnerCallKind::kInactivateSession, customer), std::move(answer));
}

void PartnerGateway::partner_set_consent(stack::ChannelId, stack::CustomerHandle customer, stack::ConsentLevel level,
                                         CallAnswer answer) {
  stack::PartnerCall call = about(PartnerCallKind::kConsent, customer);
  call.level = level;
  post_for_status(call, std::move(answer));
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
