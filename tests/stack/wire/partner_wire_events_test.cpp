// The vocabulary both halves of the partner calls share: record ids that
// map back exactly and refuse anything else, consent status names, call
// targets under the channel's webhook path, and answers that carry the
// platform's status code and reason across the wire unchanged.
#include "sim/stack/wire/partner_wire_events.h"

#include <gtest/gtest.h>

namespace msgsim::stack {
namespace {

using runtime::Status;
using runtime::StatusCode;

// Work and rep ids are 15-character records that invert exactly.
TEST(PartnerWireEvents, RecordIdsRoundTripAndRefuseAnythingElse) {
  EXPECT_EQ(work_item_id(WorkId(42)), "0JR000000000042");
  EXPECT_EQ(rep_user_id(AgentId(3)), "005000000000003");
  for (const std::uint32_t number : {0u, 1u, 4'294'967'294u}) {
    EXPECT_EQ(parse_work_item_id(work_item_id(WorkId(number))), WorkId(number));
    EXPECT_EQ(parse_rep_user_id(rep_user_id(AgentId(number))), AgentId(number));
  }
  for (const char* bad : {"", "0JR", "0JR00000000004", "0JR0000000000420", "005000000000042", "0JR00000000004x",
                          "0JR-00000000042", "0JR004294967295", "0JR999999999999"}) {
    EXPECT_FALSE(parse_work_item_id(bad).has_value()) << bad;
  }
  EXPECT_FALSE(parse_rep_user_id("0JR000000000003").has_value());
}

// Each settable level has a name that maps back; None cannot be set.
TEST(PartnerWireEvents, ConsentStatusesMapBothWays) {
  for (const ConsentLevel level :
       {ConsentLevel::kOptedOut, ConsentLevel::kImplicit, ConsentLevel::kExplicit, ConsentLevel::kDouble}) {
    EXPECT_EQ(parse_consent_status(consent_status_name(level)), level);
  }
  EXPECT_EQ(consent_status_name(ConsentLevel::kOptedOut), "OptedOut");
  EXPECT_FALSE(parse_consent_status("None").has_value());
  EXPECT_FALSE(parse_consent_status("optedout").has_value());
}

// Calls live under the path of the channel's interactions URL.
TEST(PartnerWireEvents, CallTargetsFollowTheWebhookPath) {
  WireCredentials credentials;
  credentials.webhook_url = "http://127.0.0.1:8080/webhooks/ccaas/?token=1";
  EXPECT_EQ(partner_call_target(credentials, PartnerCallKind::kRoute), "/webhooks/ccaas/route");
  EXPECT_EQ(partner_call_target(credentials, PartnerCallKind::kInactivateSession), "/webhooks/ccaas/messagingSession");
  EXPECT_EQ(partner_call_method(PartnerCallKind::kConsent), "PATCH");
  EXPECT_EQ(partner_call_method(PartnerCallKind::kAgentWork), "POST");
  credentials.webhook_url = "https://host";
  EXPECT_EQ(partner_call_target(credentials, PartnerCallKind::kAgentWork), "/agentWork");
}

// Whatever the platform answers, the partner reads the same code and reason.
TEST(PartnerWireEvents, AnswersCarryTheStatusAndTheReason) {
  EXPECT_TRUE(status_of_partner_answer(partner_answer(Status::ok())).is_ok());
  for (const StatusCode code : {StatusCode::kInvalidInput, StatusCode::kUnauthenticated, StatusCode::kNotFound,
                                StatusCode::kRefused, StatusCode::kTooLarge, StatusCode::kUnsupported,
                                StatusCode::kUnavailable, StatusCode::kInternal}) {
    const Status sent(code, "agent \"a-1\" is offline \\ at capacity");
    const HttpResponse answer = partner_answer(sent);
    EXPECT_GE(answer.status, 400);
    const Status read = status_of_partner_answer(answer);
    EXPECT_EQ(read.code(), code) << answer.body;
    EXPECT_EQ(read.message(), sent.message());
  }
  EXPECT_EQ(partner_answer(Status(StatusCode::kRefused, "x")).status, 409);
  EXPECT_EQ(partner_answer(Status(StatusCode::kNotFound, "x")).status, 404);
  // An answer that is not ours still says what it was.
  const Status gateway = status_of_partner_answer(HttpResponse{502, "text/html", "<html>bad gateway</html>"});
  EXPECT_EQ(gateway.code(), StatusCode::kInternal);
  EXPECT_NE(gateway.message().find("HTTP 502"), std::string::npos);
  EXPECT_EQ(status_of_partner_answer(HttpResponse{403, "text/plain", ""}).code(), StatusCode::kUnauthenticated);
}

// A route answer names the routing request; one that does not is refused.
TEST(PartnerWireEvents, RouteAnswersNameTheRequest) {
  const runtime::Result<WorkId> work = work_of_route_answer(route_answer(WorkId(17)));
  ASSERT_TRUE(work.is_ok()) << work.status().message();
  EXPECT_EQ(work.value(), WorkId(17));
  const auto refused = work_of_route_answer(partner_answer(Status(StatusCode::kNotFound, "no open conversation")));
  EXPECT_EQ(refused.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(refused.status().message(), "no open conversation");
  for (const char* body : {"{\"success\":true}", "{\"success\":true,\"workItemId\":\"17\"}", "not json"}) {
    const auto unreadable = work_of_route_answer(HttpResponse{200, "application/json", body});
    ASSERT_FALSE(unreadable.is_ok()) << body;
    EXPECT_EQ(unreadable.status().code(), StatusCode::kInvalidInput) << body;
  }
}

}  // namespace
}  // namespace msgsim::stack
