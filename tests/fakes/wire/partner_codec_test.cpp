// The partner's half of the partner calls against the stack's half: every
// call the fake partner encodes decodes to itself, signed and addressed to
// the channel's Interaction Service paths; routing events round-trip with
// and without a work item; the partner refuses forged or foreign events.
#include "fakes/wire/partner_codec.h"

#include <gtest/gtest.h>

#include "sim/stack/wire/connector_signature.h"
#include "sim/stack/wire/partner_wire_codec.h"

namespace msgsim::fakes {
namespace {

using runtime::StatusCode;
using stack::PartnerCall;
using stack::PartnerCallKind;

stack::WireCredentials credentials() {
  stack::WireCredentials credentials;
  credentials.secret = "partner-secret";
  credentials.webhook_url = "https://msgsim.invalid/webhooks/ccaas";
  credentials.business_address = "ccaas-partner-1";
  return credentials;
}

PartnerCall call_of(PartnerCallKind kind) {
  PartnerCall call;
  call.kind = kind;
  if (kind == PartnerCallKind::kAgentWork) {
    call.work = stack::WorkId(12);
    call.agent = stack::AgentId(4);
  } else {
    call.end_user = "0b7f59e8-2c41-4f0e-9d3a-6b1c2d3e4f50";
  }
  if (kind == PartnerCallKind::kConsent) call.level = stack::ConsentLevel::kExplicit;
  return call;
}

// Each call decodes on the stack's side to exactly what the partner meant.
TEST(PartnerWire, EveryCallRoundTripsThroughBothHalves) {
  for (const PartnerCallKind kind : {PartnerCallKind::kRoute, PartnerCallKind::kAgentWork,
                                     PartnerCallKind::kEndSession, PartnerCallKind::kInactivateSession,
                                     PartnerCallKind::kConsent}) {
    const PartnerCall sent = call_of(kind);
    const stack::HttpRequest request = encode_partner_call(sent, credentials());
    EXPECT_EQ(request.target, "/webhooks/ccaas/" + std::string(stack::partner_call_name(kind)));
    EXPECT_EQ(request.method, kind == PartnerCallKind::kConsent ? "PATCH" : "POST");
    EXPECT_TRUE(stack::verify_connector_signature(credentials().secret, request.body,
                                                  request.header("X-Msgsim-Signature")));
    const auto received = stack::decode_partner_call(request, credentials());
    ASSERT_TRUE(received.is_ok()) << request.body << ": " << received.status().message();
    EXPECT_EQ(received.value().kind, sent.kind);
    EXPECT_EQ(received.value().end_user, sent.end_user);
    EXPECT_EQ(received.value().work, sent.work);
    EXPECT_EQ(received.value().agent, sent.agent);
    EXPECT_EQ(received.value().level, sent.level);
  }
}

// The body of an agentWork call, byte for byte.
TEST(PartnerWire, AgentWorkNamesTheRequestAndTheRep) {
  const stack::HttpRequest request = encode_partner_call(call_of(PartnerCallKind::kAgentWork), credentials());
  EXPECT_EQ(request.body,
            R"({"channelAddressIdentifier":"ccaas-partner-1","workItemId":"0JR000000000012","userId":"005000000000004"})");
}

// What the platform announces is what the partner reads.
TEST(PartnerWire, RoutingEventsRoundTripWithAndWithoutWork) {
  stack::RoutingEvent sent;
  sent.event_id = "e-1";
  sent.end_user = "0b7f59e8-2c41-4f0e-9d3a-6b1c2d3e4f50";
  for (const stack::WorkId work : {stack::WorkId(), stack::WorkId(0), stack::WorkId(99)}) {
    sent.work = work;
    const auto read = decode_routing_event(stack::encode_routing_event(sent, credentials()), credentials());
    ASSERT_TRUE(read.is_ok()) << read.status().message();
    EXPECT_EQ(read.value().event_id, "e-1");
    EXPECT_EQ(read.value().end_user, sent.end_user);
    EXPECT_EQ(read.value().work, work);
  }
}

// A forged event, one from another channel and a message posing as an
// event are refused, each with its reason.
TEST(PartnerWire, ThePartnerRefusesForgedOrForeignEvents) {
  stack::RoutingEvent sent;
  sent.event_id = "e-1";
  sent.end_user = "end-user-7";
  stack::HttpRequest forged = stack::encode_routing_event(sent, credentials());
  forged.set_header("X-Msgsim-Signature", "sha256=" + std::string(64, '0'));
  EXPECT_EQ(decode_routing_event(forged, credentials()).status().code(), StatusCode::kUnauthenticated);

  stack::WireCredentials other = credentials();
  other.business_address = "another-channel";
  const auto foreign = decode_routing_event(stack::encode_routing_event(sent, other), credentials());
  ASSERT_FALSE(foreign.is_ok());
  EXPECT_NE(foreign.status().message().find("from"), std::string::npos) << foreign.status().message();

  stack::HttpRequest message = stack::encode_routing_event(sent, credentials());
  message.body.replace(message.body.find("RoutingInteraction"), 18, "EntryInteraction");
  message.set_header("X-Msgsim-Signature", stack::connector_signature(credentials().secret, message.body));
  const auto not_routing = decode_routing_event(message, credentials());
  ASSERT_FALSE(not_routing.is_ok());
  EXPECT_NE(not_routing.status().message().find("interactions[0].interactionType"), std::string::npos)
      << not_routing.status().message();

  std::string truncated = stack::encode_routing_event(sent, credentials()).body;
  for (std::size_t length = 0; length < truncated.size(); ++length) {
    stack::HttpRequest request = stack::encode_routing_event(sent, credentials());
    request.body = truncated.substr(0, length);
    request.set_header("X-Msgsim-Signature", stack::connector_signature(credentials().secret, request.body));
    EXPECT_EQ(decode_routing_event(request, credentials()).status().code(), StatusCode::kInvalidInput) << length;
  }
}

}  // namespace
}  // namespace msgsim::fakes
