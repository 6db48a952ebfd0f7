// The platform's Interaction Service API for a partner-owned byoc_ccaas
// channel on the wire: a verified call reaches the PartnerApi and its answer
// comes back (the routing request's id, or the refusal with the platform's
// reason: offline, at capacity, no permission set, gone); a forged or
// malformed call changes nothing.
#include "sim/stack/wire/partner_endpoint.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "sim/runtime/sim_runtime.h"
#include "sim/stack/wire/connector_signature.h"
#include "tests/stack/stack_fixture.h"

namespace msgsim::stack {
namespace {

using testing::RecordingProvider;
using testing::OfferRecorder;

using runtime::StatusCode;

struct PartnerEndpointTest : ::testing::Test {
  runtime::SimRuntime runtime{1};
  Stack stack{runtime};
  InterningNumbering numbering;
  RecordingProvider partner_side;
  OfferRecorder first_offers;
  ChannelId ccaas;
  AgentId first;
  AgentId second;
  AgentId unlicensed;
  std::unique_ptr<PartnerEndpoint> endpoint;

  void SetUp() override {
    QueueSettings external;
    external.id = "partner";
    external.model = RoutingModel::kExternal;
    const QueueId queue = stack.router().add_queue(external);
    ChannelSettings channel;
    channel.id = "ccaas";
    channel.type = ChannelType::kByocCcaas;
    channel.route_queue = queue;
    channel.fallback_queue = queue;
    channel.partner_routing = true;
    channel.consent.enabled = true;
    channel.consent.partner_owned = true;
    ccaas = stack.channels().add(channel).value();
    stack.channels().connect(ccaas, &partner_side);
    AgentSettings agent;
    agent.id = "first";
    agent.capacity = 1;
    agent.queues = {queue};
    first = stack.router().add_agent(agent);
    agent.id = "second";
    second = stack.router().add_agent(agent);
    agent.id = "unlicensed";
    agent.messaging_permission = false;
    unlicensed = stack.router().add_agent(agent);
    stack.console().attach(first, &first_offers);
    WireCredentials credentials;
    credentials.secret = "partner-secret";
    credentials.webhook_url = "https://msgsim.invalid/webhooks/ccaas";
    credentials.business_address = "ccaas-partner-1";
    endpoint = std::make_unique<PartnerEndpoint>(stack, ccaas, credentials, numbering);
  }

  // The end user `address` writes to the channel (as its webhook would say).
  CustomerHandle writes(const std::string& address, std::uint64_t id) {
    const CustomerHandle customer = numbering.handle_for(ccaas, address);
    EXPECT_TRUE(stack.receive_webhook(InboundWebhook{ccaas, customer, ProviderMessageId{id}, "hello", runtime.now()})
                    .is_ok());
    return customer;
  }
  HttpResponse call(const std::string& method, const std::string& name, const std::string& fields) {
    HttpRequest request;
    request.method = method;
    request.target = "/webhooks/ccaas/" + name;
    request.body = R"({"channelAddressIdentifier":"ccaas-partner-1",)" + fields + "}";
    request.set_header("X-Msgsim-Signature", connector_signature("partner-secret", request.body));
    return endpoint->handle(request);
  }
  HttpResponse route(const std::string& end_user) {
    return call("POST", "route", R"("endUserClientId":")" + end_user + R"(","routingType":"Initial")");
  }
  HttpResponse agent_work(WorkId work, AgentId agent) {
    return call("POST", "agentWork",
                R"("workItemId":")" + work_item_id(work) + R"(","userId":")" + rep_user_id(agent) + "\"");
  }
  SessionId session_of(CustomerHandle customer) { return stack.open_session(stack.users().find(ccaas, customer)); }
};

// A route call creates the request, waiting for the partner, and names it.
TEST_F(PartnerEndpointTest, ARouteCallCreatesTheRequestAndNamesIt) {
  const CustomerHandle customer = writes("end-user-7", 1);
  const HttpResponse answer = route("end-user-7");
  ASSERT_EQ(answer.status, 200) << answer.body;
  const runtime::Result<WorkId> work = work_of_route_answer(answer);
  ASSERT_TRUE(work.is_ok()) << work.status().message();
  EXPECT_EQ(stack.sessions().get(session_of(customer)).work, work.value());
  EXPECT_EQ(stack.router().work(work.value()).state, WorkState::kPending);
  EXPECT_TRUE(first_offers.offers.empty());
  EXPECT_EQ(endpoint->counts().accepted, 1u);
  // Routed already: the platform says so.
  const HttpResponse again = route("end-user-7");
  EXPECT_EQ(again.status, 409);
  EXPECT_NE(again.body.find("already has a routing request"), std::string::npos) << again.body;
}

// A forged, malformed or foreign call is refused before the platform acts.
TEST_F(PartnerEndpointTest, ARefusedCallChangesNothing) {
  const CustomerHandle customer = writes("end-user-7", 1);
  HttpRequest forged;
  forged.target = "/webhooks/ccaas/route";
  forged.body = R"({"channelAddressIdentifier":"ccaas-partner-1","endUserClientId":"end-user-7","routingType":"Initial"})";
  forged.set_header("X-Msgsim-Signature", connector_signature("not-the-secret", forged.body));
  EXPECT_EQ(endpoint->handle(forged).status, 401);
  EXPECT_EQ(call("POST", "route", R"("endUserClientId":"end-user-7","routingType":7)").status, 400);
  EXPECT_EQ(call("POST", "route", R"("endUserClientId":"end-user-7","routingType":"Initial")" +
                                      std::string(300'000, ' ')).status,
            413);
  EXPECT_FALSE(stack.sessions().get(session_of(customer)).work.valid());
  EXPECT_EQ(endpoint->counts().calls, 3u);
  EXPECT_EQ(endpoint->counts().unauthenticated, 1u);
  EXPECT_EQ(endpoint->counts().malformed, 1u);
  EXPECT_EQ(endpoint->counts().too_large, 1u);
  EXPECT_EQ(endpoint->counts().accepted, 0u);
}

// Offline, at capacity, without the permission set, gone: each refusal
// comes back with its status and the platform's reason.
TEST_F(PartnerEndpointTest, ThePlatformsRefusalsComeBackWithTheirReason) {
  writes("end-user-7", 1);
  writes("end-user-8", 2);
  const WorkId work = work_of_route_answer(route("end-user-7")).value();
  const WorkId other = work_of_route_answer(route("end-user-8")).value();
  ASSERT_TRUE(stack.console().set_presence(second, PresenceStatus::kOffline).is_ok());
  const struct {
    HttpResponse answer;
    int status;
    std::string reason;
  } cases[] = {
      {agent_work(work, second), 409, "agent second is offline"},
      {agent_work(work, unlicensed), 409, "agent unlicensed lacks the MessagingUser permission set"},
      {agent_work(WorkId(999), first), 404, "no such work"},
      {agent_work(work, AgentId(77)), 404, "no such agent"},
  };
  for (const auto& [answer, status, reason] : cases) {
    EXPECT_EQ(answer.status, status) << answer.body;
    EXPECT_EQ(status_of_partner_answer(answer).message().find(reason), 0u) << answer.body;
  }
  ASSERT_EQ(agent_work(work, first).status, 200);
  EXPECT_EQ(first_offers.offers, (std::vector<WorkId>{work}));
  const HttpResponse full = agent_work(other, first);
  EXPECT_EQ(full.status, 409);
  EXPECT_EQ(status_of_partner_answer(full).message(), "agent first is at capacity");
  EXPECT_EQ(endpoint->counts().declined, 5u);
}

// messagingSession and consent reach the conversation and the ledger.
TEST_F(PartnerEndpointTest, SessionAndConsentCallsReachThePlatform) {
  const CustomerHandle customer = writes("end-user-7", 1);
  const std::string end_user = R"("endUserClientId":"end-user-7",)";
  EXPECT_EQ(call("PATCH", "consent", end_user + R"("consentStatus":"OptedOut")").status, 200);
  EXPECT_EQ(stack.consent().level(stack.users().find(ccaas, customer)), ConsentLevel::kOptedOut);
  const WorkId work = work_of_route_answer(route("end-user-7")).value();
  // Not active yet: the platform refuses, and says why.
  const HttpResponse early = call("POST", "messagingSession", end_user + R"("action":"Inactivate")");
  EXPECT_EQ(early.status, 409);
  EXPECT_EQ(status_of_partner_answer(early).message(), "only an active conversation can be made inactive");
  ASSERT_EQ(agent_work(work, first).status, 200);
  ASSERT_TRUE(stack.console().accept(first, work).is_ok());
  const SessionId session = session_of(customer);
  EXPECT_EQ(call("POST", "messagingSession", end_user + R"("action":"Inactivate")").status, 200);
  EXPECT_EQ(stack.sessions().get(session).status, SessionStatus::kInactive);
  EXPECT_EQ(call("POST", "messagingSession", end_user + R"("action":"End")").status, 200);
  EXPECT_EQ(stack.sessions().get(session).status, SessionStatus::kEnded);
  EXPECT_EQ(call("POST", "messagingSession", end_user + R"("action":"End")").status, 404);
}

}  // namespace
}  // namespace msgsim::stack
