// The stack's half of a CCaaS partner's calls on the wire: each call as the
// partner sends it decodes to what the PartnerApi takes; a forged signature,
// another channel's address, a wrong method or path, a bad id and every
// truncated or hostile body are refused with a reason naming where; the
// routing-request event leaves in the partner's /outbound shape, signed.
#include "sim/stack/wire/partner_wire_codec.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>

#include "sim/stack/wire/connector_signature.h"
#include "sim/stack/wire/stack_wire_codec.h"

namespace msgsim::stack {
namespace {

using runtime::StatusCode;

WireCredentials partner_credentials() {
  WireCredentials credentials;
  credentials.secret = "partner-secret";
  credentials.webhook_url = "https://msgsim.invalid/webhooks/ccaas";
  credentials.business_address = "ccaas-partner-1";
  return credentials;
}

HttpRequest signed_call(std::string method, std::string target, std::string body) {
  HttpRequest request;
  request.method = std::move(method);
  request.target = std::move(target);
  request.body = std::move(body);
  request.set_header("X-Msgsim-Signature", connector_signature(partner_credentials().secret, request.body));
  return request;
}

runtime::Result<PartnerCall> decode(const HttpRequest& request) {
  return decode_partner_call(request, partner_credentials());
}

const char kRouteBody[] =
    R"({"channelAddressIdentifier":"ccaas-partner-1","endUserClientId":"end-user-7","routingType":"Initial"})";

// Route, agentWork, both messagingSession actions and consent, as the partner sends them.
TEST(PartnerWireCodec, DecodesEachCallOfThePartner) {
  const auto route = decode(signed_call("POST", "/webhooks/ccaas/route", kRouteBody));
  ASSERT_TRUE(route.is_ok()) << route.status().message();
  EXPECT_EQ(route.value().kind, PartnerCallKind::kRoute);
  EXPECT_EQ(route.value().end_user, "end-user-7");

  const auto work = decode(signed_call(
      "POST", "/webhooks/ccaas/agentWork",
      R"({"channelAddressIdentifier":"ccaas-partner-1","workItemId":"0JR000000000042","userId":"005000000000003"})"));
  ASSERT_TRUE(work.is_ok()) << work.status().message();
  EXPECT_EQ(work.value().kind, PartnerCallKind::kAgentWork);
  EXPECT_EQ(work.value().work, WorkId(42));
  EXPECT_EQ(work.value().agent, AgentId(3));

  const auto end = decode(signed_call(
      "POST", "/webhooks/ccaas/messagingSession",
      R"({"channelAddressIdentifier":"ccaas-partner-1","endUserClientId":"end-user-7","action":"End"})"));
  ASSERT_TRUE(end.is_ok()) << end.status().message();
  EXPECT_EQ(end.value().kind, PartnerCallKind::kEndSession);
  const auto inactivate = decode(signed_call(
      "POST", "/webhooks/ccaas/messagingSession",
      R"({"channelAddressIdentifier":"ccaas-partner-1","endUserClientId":"end-user-7","action":"Inactivate"})"));
  ASSERT_TRUE(inactivate.is_ok()) << inactivate.status().message();
  EXPECT_EQ(inactivate.value().kind, PartnerCallKind::kInactivateSession);

  const auto consent = decode(signed_call(
      "PATCH", "/webhooks/ccaas/consent",
      R"({"channelAddressIdentifier":"ccaas-partner-1","endUserClientId":"end-user-7","consentStatus":"OptedOut"})"));
  ASSERT_TRUE(consent.is_ok()) << consent.status().message();
  EXPECT_EQ(consent.value().kind, PartnerCallKind::kConsent);
  EXPECT_EQ(consent.value().level, ConsentLevel::kOptedOut);
  EXPECT_EQ(consent.value().end_user, "end-user-7");
}

// Each refusal names what is wrong: the header, the method, the path, the field.
TEST(PartnerWireCodec, RefusesForgeriesAndBadCallsNamingWhatIsWrong) {
  HttpRequest forged = signed_call("POST", "/webhooks/ccaas/route", kRouteBody);
  forged.set_header("X-Msgsim-Signature", "sha256=" + std::string(64, '0'));
  EXPECT_EQ(decode(forged).status().code(), StatusCode::kUnauthenticated);

  const std::string end_user = R"("endUserClientId":"end-user-7")";
  const struct {
    HttpRequest request;
    std::string reason;
  } cases[] = {
      {signed_call("PATCH", "/webhooks/ccaas/route", kRouteBody), "route takes POST, not PATCH"},
      {signed_call("POST", "/webhooks/ccaas/transfer", kRouteBody), "/webhooks/ccaas/transfer: not a call"},
      {signed_call("POST", "/webhooks/other/route", kRouteBody), "/webhooks/other/route: not a call"},
      {signed_call("POST", "/webhooks/ccaas/route",
                   R"({"channelAddressIdentifier":"someone-else",)" + end_user + R"(,"routingType":"Initial"})"),
       "channelAddressIdentifier: \"someone-else\" is not this channel's address"},
      {signed_call("POST", "/webhooks/ccaas/route",
                   R"({"channelAddressIdentifier":"ccaas-partner-1",)" + end_user + R"(,"routingType":"Transfer"})"),
       "routingType"},
      {signed_call("POST", "/webhooks/ccaas/route",
                   R"({"channelAddressIdentifier":"ccaas-partner-1","endUserClientId":"","routingType":"Initial"})"),
       "endUserClientId: empty"},
      {signed_call("POST", "/webhooks/ccaas/agentWork",
                   R"({"channelAddressIdentifier":"ccaas-partner-1","workItemId":"0JR42","userId":"005000000000003"})"),
       "workItemId: \"0JR42\" is not a routing request id"},
      {signed_call("POST", "/webhooks/ccaas/agentWork",
                   R"({"channelAddressIdentifier":"ccaas-partner-1","workItemId":"0JR000000000042","userId":"0JR000000000003"})"),
       "userId: \"0JR000000000003\" is not a rep's user id"},
      {signed_call("POST", "/webhooks/ccaas/messagingSession",
                   R"({"channelAddressIdentifier":"ccaas-partner-1",)" + end_user + R"(,"action":"Close"})"),
       "action: expected \"End\" or \"Inactivate\", got \"Close\""},
      {signed_call("PATCH", "/webhooks/ccaas/consent",
                   R"({"channelAddressIdentifier":"ccaas-partner-1",)" + end_user + R"(,"consentStatus":"None"})"),
       "consentStatus: \"None\" is not a consent status"},
      {signed_call("PATCH", "/webhooks/ccaas/consent",
                   R"({"channelAddressIdentifier":"ccaas-partner-1",)" + end_user + R"(,"consentStatus":7})"),
       "consentStatus: expected a string, got number"},
  };
  for (const auto& [request, reason] : cases) {
    const auto decoded = decode(request);
    ASSERT_FALSE(decoded.is_ok()) << request.body;
    EXPECT_EQ(decoded.status().code(), StatusCode::kInvalidInput) << decoded.status().message();
    EXPECT_NE(decoded.status().message().find(reason), std::string::npos) << decoded.status().message();
  }
}

// Truncations, oversize, ill-formed UTF-8, absurd nesting and other kinds of
// JSON are each refused (re-signed, so the refusal is the parser's).
TEST(PartnerWireCodec, RefusesEveryTruncationAndHostileBody) {
  const std::string valid(kRouteBody);
  ASSERT_TRUE(decode(signed_call("POST", "/webhooks/ccaas/route", valid)).is_ok());
  for (std::size_t length = 0; length < valid.size(); ++length) {
    const auto decoded = decode(signed_call("POST", "/webhooks/ccaas/route", valid.substr(0, length)));
    ASSERT_FALSE(decoded.is_ok()) << "prefix of " << length << " bytes was accepted";
    EXPECT_EQ(decoded.status().code(), StatusCode::kInvalidInput) << length;
  }
  const auto oversized =
      decode(signed_call("POST", "/webhooks/ccaas/route", valid + std::string(kMaxWebhookBytes, ' ')));
  EXPECT_EQ(oversized.status().code(), StatusCode::kTooLarge);
  std::string bad_utf8 = valid;
  bad_utf8[bad_utf8.find("end-user-7")] = '\xff';
  EXPECT_EQ(decode(signed_call("POST", "/webhooks/ccaas/route", bad_utf8)).status().code(), StatusCode::kInvalidInput);
  const std::string deep = std::string(100'000, '[') + std::string(100'000, ']');
  EXPECT_EQ(decode(signed_call("POST", "/webhooks/ccaas/route", deep)).status().code(), StatusCode::kInvalidInput);
  for (const char* body : {"null", "[]", "\"x\"", "{}"}) {
    EXPECT_EQ(decode(signed_call("POST", "/webhooks/ccaas/route", body)).status().code(), StatusCode::kInvalidInput)
        << body;
  }
}

// The routing event goes to the partner's /outbound endpoint as an
// interaction of its own type, signed; the work item only when there is one.
TEST(PartnerWireCodec, EncodesTheRoutingEventInThePartnersOutboundShape) {
  RoutingEvent event;
  event.event_id = "3f2a7c4e-1b5d-4e6f-8a9b-0c1d2e3f4a5b";
  event.end_user = "end-user-7";
  const HttpRequest create = encode_routing_event(event, partner_credentials());
  EXPECT_EQ(create.method, "POST");
  EXPECT_EQ(create.target, "/outbound");
  EXPECT_EQ(create.body,
            R"({"to":"end-user-7","from":"ccaas-partner-1","interactions":[{"interactionType":"RoutingInteraction",)"
            R"("payload":{"id":"3f2a7c4e-1b5d-4e6f-8a9b-0c1d2e3f4a5b","entryType":"RoutingRequested"}}]})");
  EXPECT_TRUE(verify_connector_signature(partner_credentials().secret, create.body,
                                         create.header("X-Msgsim-Signature")));
  event.work = WorkId(7);
  const HttpRequest waiting = encode_routing_event(event, partner_credentials());
  EXPECT_NE(waiting.body.find(R"("entryType":"RoutingRequested","workItemId":"0JR000000000007"})"),
            std::string::npos)
      << waiting.body;
}

}  // namespace
}  // namespace msgsim::stack
