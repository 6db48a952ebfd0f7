#include "sim/stack/wire/partner_endpoint.h"

#include <utility>

#include "sim/stack/wire/partner_wire_codec.h"
#include "sim/stack/wire/webhook_limits.h"

namespace msgsim::stack {

using runtime::Status;
using runtime::StatusCode;

PartnerEndpoint::PartnerEndpoint(Stack& stack, ChannelId channel, WireCredentials credentials,
                                 WireNumbering& numbering)
    : stack_(stack), channel_(channel), credentials_(std::move(credentials)), numbering_(numbering) {}

HttpResponse PartnerEndpoint::refuse(const Status& status) {
  switch (status.code()) {
    case StatusCode::kUnauthenticated: ++counts_.unauthenticated; break;
    case StatusCode::kTooLarge: ++counts_.too_large; break;
    default: ++counts_.malformed; break;
  }
  return partner_answer(status);
}

HttpResponse PartnerEndpoint::handle(const HttpRequest& request) {
  ++counts_.calls;
  // Before the codec hashes the body for its signature.
  if (Status size = check_webhook_size(request.body.size()); !size.is_ok()) return refuse(size);
  runtime::Result<PartnerCall> call = decode_partner_call(request, credentials_);
  if (!call.is_ok()) return refuse(call.status());
  return apply(call.value());
}

HttpResponse PartnerEndpoint::apply(const PartnerCall& call) {
  PartnerApi& partner = stack_.partner();
  // Agent work names no end user; every other call does.
  const CustomerHandle customer =
      call.kind == PartnerCallKind::kAgentWork ? CustomerHandle{} : numbering_.handle_for(channel_, call.end_user);
  Status answer;
  switch (call.kind) {
    case PartnerCallKind::kRoute: {
      runtime::Result<WorkId> work = partner.route(channel_, customer);
      if (work.is_ok()) {
        ++counts_.accepted;
        return route_answer(work.value());
      }
      answer = work.status();
      break;
    }
    case PartnerCallKind::kAgentWork: answer = partner.assign(channel_, call.work, call.agent); break;
    case PartnerCallKind::kEndSession: answer = partner.end_session(channel_, customer); break;
    case PartnerCallKind::kInactivateSession: answer = partner.inactivate_session(channel_, customer); break;
    case PartnerCallKind::kConsent: answer = partner.set_consent(channel_, customer, call.level); break;
  }
  if (answer.is_ok()) {
    ++counts_.accepted;
  } else {
    ++counts_.declined;
  }
  return partner_answer(answer);
}

}  // namespace msgsim::stack
