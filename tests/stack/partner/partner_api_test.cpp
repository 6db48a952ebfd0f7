// The platform's side of BYOC for CCaaS with partner-owned routing and
// consent: the router stays out, the partner's route / agentWork /
// messagingSession / consent calls drive the conversation, and the platform
// still enforces capacity, presence and the consent gate.
#include "sim/stack/partner/partner_api.h"

#include <gtest/gtest.h>

#include <utility>
#include <vector>

#include "sim/runtime/sim_runtime.h"
#include "sim/stack/stack.h"
#include "tests/stack/stack_fixture.h"

namespace msgsim::stack {
namespace {

using testing::OfferRecorder;

struct PartnerProvider : ProviderApi {
  std::vector<std::string> sent;
  std::vector<std::pair<CustomerHandle, WorkId>> requests;  // routing_requested calls
  SendOutcome send(const OutboundRequest& request) override {
    sent.emplace_back(request.text);
    return SendOutcome{true, 0};
  }
  void agent_joined(ChannelId, CustomerHandle) override {}
  void routing_requested(ChannelId, CustomerHandle customer, WorkId work) override {
    requests.emplace_back(customer, work);
  }
};

struct PartnerApiTest : ::testing::Test {
  runtime::SimRuntime runtime{1};
  Stack stack{runtime};
  PartnerProvider partner_side;
  PartnerProvider platform_side;
  OfferRecorder first_client;
  OfferRecorder second_client;
  ChannelId ccaas;  // the partner owns routing and consent
  ChannelId byoc;   // the platform owns both
  AgentId first;
  AgentId second;
  const CustomerHandle customer{7};

  void SetUp() override {
    QueueSettings external;
    external.id = "partner";
    external.model = RoutingModel::kExternal;
    const QueueId partner_queue = stack.router().add_queue(external);
    QueueSettings omni;
    omni.id = "support";
    const QueueId support = stack.router().add_queue(omni);

    ChannelSettings partner_channel;
    partner_channel.id = "ccaas";
    partner_channel.type = ChannelType::kByocCcaas;
    partner_channel.route_queue = partner_queue;
    partner_channel.fallback_queue = support;
    partner_channel.partner_routing = true;
    partner_channel.consent.enabled = true;
    partner_channel.consent.partner_owned = true;
    partner_channel.consent.pack.keywords = {{"STOP", KeywordAction::kOptOut}};
    ccaas = stack.channels().add(partner_channel).value();
    stack.channels().connect(ccaas, &partner_side);

    ChannelSettings platform_channel;
    platform_channel.id = "byoc";
    platform_channel.type = ChannelType::kByoc;
    platform_channel.route_queue = support;
    platform_channel.fallback_queue = support;
    byoc = stack.channels().add(platform_channel).value();
    stack.channels().connect(byoc, &platform_side);

    AgentSettings agent;
    agent.id = "first";
    agent.capacity = 1;
    agent.queues = {partner_queue, support};
    first = stack.router().add_agent(agent);
    agent.id = "second";
    second = stack.router().add_agent(agent);
    stack.console().attach(first, &first_client);
    stack.console().attach(second, &second_client);
  }

  void write(ChannelId channel, std::uint64_t id, const char* text) {
    ASSERT_TRUE(stack.receive_webhook(InboundWebhook{channel, customer, ProviderMessageId{id}, text, runtime.now()})
                    .is_ok());
  }
  SessionId session() { return stack.open_session(stack.users().find(ccaas, customer)); }
};

TEST_F(PartnerApiTest, TheRouterStaysOutAndThePartnerIsAskedToRoute) {
  write(ccaas, 1, "hello");
  ASSERT_EQ(partner_side.requests.size(), 1u);
  EXPECT_EQ(partner_side.requests[0].first, customer);
  EXPECT_FALSE(partner_side.requests[0].second.valid());  // the partner is to create the request
  EXPECT_TRUE(first_client.offers.empty());
  EXPECT_TRUE(second_client.offers.empty());
  EXPECT_FALSE(stack.sessions().get(session()).work.valid());
}

TEST_F(PartnerApiTest, RouteCreatesOneRequestThatWaitsForTheAgentThePartnerChooses) {
  write(ccaas, 1, "hello");
  runtime::Result<WorkId> work = stack.partner().route(ccaas, customer);
  ASSERT_TRUE(work.is_ok()) << work.status().message();
  EXPECT_EQ(stack.router().work(work.value()).state, WorkState::kPending);
  EXPECT_TRUE(first_client.offers.empty());  // nobody routes it but the partner
  // The platform announced the waiting work too.
  ASSERT_EQ(partner_side.requests.size(), 2u);
  EXPECT_EQ(partner_side.requests[1].second, work.value());
  EXPECT_EQ(stack.partner().route(ccaas, customer).status().code(), runtime::StatusCode::kRefused);

  ASSERT_TRUE(stack.partner().assign(ccaas, work.value(), second).is_ok());
  ASSERT_EQ(second_client.offers.size(), 1u);
  EXPECT_TRUE(first_client.offers.empty());
  ASSERT_TRUE(stack.console().accept(second, work.value()).is_ok());
  EXPECT_EQ(stack.sessions().get(session()).status, SessionStatus::kActive);
  // Taken: a second agentWork is refused as no longer waiting.
  EXPECT_EQ(stack.partner().assign(ccaas, work.value(), first).code(), runtime::StatusCode::kNotFound);
}

TEST_F(PartnerApiTest, ThePlatformStillRefusesAgentsWhoCannotTakeTheWork) {
  write(ccaas, 1, "hello");
  const WorkId work = stack.partner().route(ccaas, customer).value();
  ASSERT_TRUE(stack.console().set_presence(first, PresenceStatus::kOffline).is_ok());
  const runtime::Status offline = stack.partner().assign(ccaas, work, first);
  EXPECT_EQ(offline.code(), runtime::StatusCode::kRefused);
  EXPECT_EQ(offline.message(), "agent first is offline");  // the reason names the rule
  // Second agent at capacity with another customer's work.
  ASSERT_TRUE(stack.receive_webhook(InboundWebhook{ccaas, CustomerHandle{8}, ProviderMessageId{2}, "hi", runtime.now()})
                  .is_ok());
  const WorkId other = stack.partner().route(ccaas, CustomerHandle{8}).value();
  ASSERT_TRUE(stack.partner().assign(ccaas, other, second).is_ok());
  const runtime::Status full = stack.partner().assign(ccaas, work, second);
  EXPECT_EQ(full.code(), runtime::StatusCode::kRefused);
  EXPECT_EQ(full.message(), "agent second is at capacity");
  EXPECT_EQ(stack.partner().assign(ccaas, WorkId(999), second).code(), runtime::StatusCode::kNotFound);
  EXPECT_EQ(stack.partner().assign(ccaas, work, AgentId(42)).code(), runtime::StatusCode::kNotFound);
}

TEST_F(PartnerApiTest, ADeclineHandsTheWorkBackToThePartner) {
  write(ccaas, 1, "hello");
  const WorkId work = stack.partner().route(ccaas, customer).value();
  ASSERT_TRUE(stack.partner().assign(ccaas, work, first).is_ok());
  ASSERT_TRUE(stack.console().decline(first, work).is_ok());
  EXPECT_EQ(stack.router().work(work).state, WorkState::kPending);
  ASSERT_FALSE(partner_side.requests.empty());
  EXPECT_EQ(partner_side.requests.back().second, work);
  // The platform does not offer it to the other agent by itself.
  EXPECT_TRUE(second_client.offers.empty());
  ASSERT_TRUE(stack.partner().assign(ccaas, work, second).is_ok());
}

TEST_F(PartnerApiTest, OnlyThePartnersChannelAcceptsItsCalls) {
  write(byoc, 1, "hello");
  EXPECT_EQ(first_client.offers.size() + second_client.offers.size(), 1u);  // the platform routed it
  EXPECT_TRUE(platform_side.requests.empty());
  EXPECT_EQ(stack.partner().route(byoc, customer).status().code(), runtime::StatusCode::kRefused);
  EXPECT_EQ(stack.partner().set_consent(byoc, customer, ConsentLevel::kOptedOut).code(), runtime::StatusCode::kRefused);
  EXPECT_EQ(stack.partner().route(ccaas, CustomerHandle{99}).status().code(), runtime::StatusCode::kNotFound);
  EXPECT_EQ(stack.partner().route(ChannelId(77), customer).status().code(), runtime::StatusCode::kNotFound);
  const WorkId platform_work = first_client.offers.empty() ? second_client.offers[0] : first_client.offers[0];
  EXPECT_EQ(stack.partner().assign(ccaas, platform_work, first).code(), runtime::StatusCode::kNotFound);
}

// A partner may route into a queue the platform routes too: its requests
// sit there untouched by the router, while the platform's own are routed.
TEST_F(PartnerApiTest, PartnerRequestsInAnOmniQueueAreLeftToThePartner) {
  ChannelSettings shared;
  shared.id = "ccaas-shared";
  shared.type = ChannelType::kByocCcaas;
  shared.route_queue = stack.router().find_queue("support");
  shared.fallback_queue = shared.route_queue;
  shared.partner_routing = true;
  const ChannelId channel = stack.channels().add(shared).value();
  stack.channels().connect(channel, &partner_side);
  ASSERT_TRUE(stack.receive_webhook(InboundWebhook{channel, customer, ProviderMessageId{1}, "hi", runtime.now()})
                  .is_ok());
  const WorkId work = stack.partner().route(channel, customer).value();
  EXPECT_EQ(stack.router().work(work).state, WorkState::kPending);
  EXPECT_TRUE(first_client.offers.empty());
  EXPECT_TRUE(second_client.offers.empty());
  // The platform's own web-style request behind it is routed at once.
  write(byoc, 2, "hello");
  EXPECT_EQ(first_client.offers.size() + second_client.offers.size(), 1u);
  EXPECT_EQ(stack.router().work(work).state, WorkState::kPending);
  ASSERT_TRUE(stack.partner().assign(channel, work, second_client.offers.empty() ? second : first).is_ok());
}

TEST_F(PartnerApiTest, MessagingSessionEndAndInactivate) {
  write(ccaas, 1, "hello");
  const WorkId work = stack.partner().route(ccaas, customer).value();
  EXPECT_EQ(stack.partner().inactivate_session(ccaas, customer).code(), runtime::StatusCode::kRefused);
  ASSERT_TRUE(stack.partner().assign(ccaas, work, first).is_ok());
  ASSERT_TRUE(stack.console().accept(first, work).is_ok());
  const SessionId id = session();
  ASSERT_TRUE(stack.partner().inactivate_session(ccaas, customer).is_ok());
  EXPECT_EQ(stack.sessions().get(id).status, SessionStatus::kInactive);
  EXPECT_EQ(stack.router().used_capacity_units(first), 0);
  // The customer writes again: the work goes back to the partner, not to Omni.
  const std::size_t announced = partner_side.requests.size();
  write(ccaas, 2, "still there?");
  ASSERT_EQ(partner_side.requests.size(), announced + 1);
  EXPECT_TRUE(partner_side.requests.back().second.valid());
  ASSERT_TRUE(stack.partner().end_session(ccaas, customer).is_ok());
  EXPECT_EQ(stack.sessions().get(id).status, SessionStatus::kEnded);
  EXPECT_EQ(stack.sessions().get(id).ended_by, EndedBy::kSystem);
  EXPECT_EQ(stack.partner().end_session(ccaas, customer).code(), runtime::StatusCode::kNotFound);
}

TEST_F(PartnerApiTest, AConversationEndedBeforeTheRouteCallHasNothingToRoute) {
  write(ccaas, 1, "hello");
  InboundWebhook left{ccaas, customer, ProviderMessageId{2}, "", runtime.now()};
  left.end_conversation = true;
  ASSERT_TRUE(stack.receive_webhook(left).is_ok());
  EXPECT_EQ(stack.partner().route(ccaas, customer).status().code(), runtime::StatusCode::kNotFound);
}

TEST_F(PartnerApiTest, ThePartnersConsentCallGovernsTheGateAndKeywordsAreItsOwn) {
  write(ccaas, 1, "hello");
  const WorkId work = stack.partner().route(ccaas, customer).value();
  ASSERT_TRUE(stack.partner().assign(ccaas, work, first).is_ok());
  ASSERT_TRUE(stack.console().accept(first, work).is_ok());
  // A keyword is an ordinary message here: the partner acts on it, not the platform.
  write(ccaas, 2, "STOP");
  const MessagingUserId user = stack.users().find(ccaas, customer);
  EXPECT_EQ(stack.consent().level(user), ConsentLevel::kImplicit);
  ASSERT_TRUE(stack.console().send(first, session(), "before the partner's call").is_ok());

  ASSERT_TRUE(stack.partner().set_consent(ccaas, customer, ConsentLevel::kOptedOut).is_ok());
  EXPECT_EQ(stack.consent().level(user), ConsentLevel::kOptedOut);
  runtime::Result<OutboundId> refused = stack.console().send(first, session(), "after it");
  EXPECT_EQ(refused.status().code(), runtime::StatusCode::kRefused);
  // No confirmation is due from the platform: the partner sent its own.
  EXPECT_FALSE(stack.consent().allows(user, stack.channels().settings(ccaas).consent,
                                      ConsentResponse::kOptOutConfirmation).is_ok());
  EXPECT_EQ(partner_side.sent, (std::vector<std::string>{"before the partner's call"}));

  ASSERT_TRUE(stack.partner().set_consent(ccaas, customer, ConsentLevel::kExplicit).is_ok());
  EXPECT_TRUE(stack.console().send(first, session(), "welcome back").is_ok());
  EXPECT_EQ(stack.partner().set_consent(ccaas, customer, ConsentLevel::kNone).code(),
            runtime::StatusCode::kInvalidInput);
  // A consent call may come before the customer ever wrote to the platform.
  ASSERT_TRUE(stack.partner().set_consent(ccaas, CustomerHandle{55}, ConsentLevel::kExplicit).is_ok());
  EXPECT_EQ(stack.consent().level(stack.users().find(ccaas, CustomerHandle{55})), ConsentLevel::kExplicit);
}

}  // namespace
}  // namespace msgsim::stack
