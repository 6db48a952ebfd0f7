// Consent in the stack: keywords move the ledger, the platform answers them,
// and the one outbound gate holds for agents and automations alike.
#include <gtest/gtest.h>

#include "sim/runtime/sim_runtime.h"
#include "sim/stack/stack.h"
#include "tests/stack/stack_fixture.h"

namespace msgsim::stack {
namespace {

using testing::RecordingProvider;
using testing::OfferRecorder;

struct ConsentTest : ::testing::Test {
  runtime::SimRuntime runtime{1};
  Stack stack{runtime};
  RecordingProvider phone;
  OfferRecorder client;
  ChannelId sms;
  AgentId agent;
  std::uint64_t next_id = 1;

  void deploy(ConsentLevel required) {
    QueueSettings queue;
    queue.id = "support";
    const QueueId q = stack.router().add_queue(queue);
    ChannelSettings settings;
    settings.id = "sms";
    settings.type = ChannelType::kSms;
    settings.route_queue = q;
    settings.fallback_queue = q;
    settings.consent.enabled = true;
    settings.consent.keywords_enabled = true;
    settings.consent.required = required;
    settings.consent.pack = keyword_pack("default").take();
    settings.consent.double_opt_in = {"CONFIRM"};
    settings.consent.help_response = "Acme: reply STOP to opt out.";
    sms = stack.channels().add(settings).value();
    stack.channels().connect(sms, &phone);
    AgentSettings a;
    a.id = "a";
    a.capacity = 3;
    a.queues = {q};
    agent = stack.router().add_agent(a);
    stack.console().attach(agent, &client);
  }
  void text(const char* body) {
    ASSERT_TRUE(stack.receive_webhook(InboundWebhook{sms, CustomerHandle{42}, ProviderMessageId{next_id++}, body,
                                                     runtime.now()}).is_ok());
  }
  MessagingUserId user() { return stack.users().find(sms, CustomerHandle{42}); }
};

// STOP is confirmed once, and from then on the agent's messages are refused until START.
TEST_F(ConsentTest, StopBlocksEveryLaterAgentMessageUntilStart) {
  deploy(ConsentLevel::kImplicit);
  text("Where is my parcel?");
  ASSERT_TRUE(stack.console().accept(agent, client.offers[0]).is_ok());
  ASSERT_TRUE(stack.console().send(agent, SessionId(0), "Let me check").is_ok());
  text("STOP");
  EXPECT_EQ(stack.consent().level(user()), ConsentLevel::kOptedOut);
  ASSERT_EQ(phone.sent.size(), 2u);  // the agent's message, then the confirmation
  EXPECT_NE(phone.sent[1].find("unsubscribed"), std::string::npos);
  EXPECT_EQ(stack.sessions().get(SessionId(1)).origin, SessionOrigin::kOptOut);
  EXPECT_EQ(stack.sessions().get(SessionId(1)).status, SessionStatus::kEnded);
  runtime::Result<OutboundId> refused = stack.console().send(agent, SessionId(0), "Found it!");
  ASSERT_FALSE(refused.is_ok());
  EXPECT_NE(refused.status().message().find("opted out"), std::string::npos);
  text("stop");  // a second STOP gets no second confirmation
  EXPECT_EQ(phone.sent.size(), 2u);
  text("START");
  EXPECT_TRUE(stack.console().send(agent, SessionId(0), "Welcome back").is_ok());
}

// "Stop please" is not a keyword: it is an ordinary message in the conversation.
TEST_F(ConsentTest, StopPleaseIsNotAKeyword) {
  deploy(ConsentLevel::kImplicit);
  text("Stop please");
  EXPECT_EQ(stack.consent().level(user()), ConsentLevel::kImplicit);
  EXPECT_EQ(stack.sessions().get(SessionId(0)).origin, SessionOrigin::kInboundInitiated);
}

// HELP is answered with the channel's help text in a Help session, and routes nothing.
TEST_F(ConsentTest, HelpIsAnswered) {
  deploy(ConsentLevel::kImplicit);
  text("HELP");
  EXPECT_EQ(phone.sent, (std::vector<std::string>{"Acme: reply STOP to opt out."}));
  EXPECT_EQ(stack.sessions().get(SessionId(0)).origin, SessionOrigin::kHelp);
  EXPECT_TRUE(client.offers.empty());
}

// On an explicit channel the agent cannot answer until the customer texts the opt-in keyword.
TEST_F(ConsentTest, ExplicitChannelNeedsTheOptInKeyword) {
  deploy(ConsentLevel::kExplicit);
  text("Hi");
  ASSERT_TRUE(stack.console().accept(agent, client.offers[0]).is_ok());
  EXPECT_FALSE(stack.console().send(agent, SessionId(0), "Hello").is_ok());
  text("START");
  EXPECT_EQ(stack.consent().level(user()), ConsentLevel::kExplicit);
  EXPECT_TRUE(stack.console().send(agent, SessionId(0), "Hello").is_ok());
}

// Double opt-in: the opt-in keyword brings the prompt, and only its answer makes the customer doubly opted in.
TEST_F(ConsentTest, DoubleOptInNeedsTheAnswerToThePrompt) {
  deploy(ConsentLevel::kDouble);
  text("CONFIRM");  // no prompt pending: an ordinary message
  EXPECT_EQ(stack.consent().level(user()), ConsentLevel::kImplicit);
  text("START");
  EXPECT_EQ(stack.consent().level(user()), ConsentLevel::kExplicit);
  ASSERT_FALSE(phone.sent.empty());
  EXPECT_NE(phone.sent.back().find("YES"), std::string::npos);  // the default prompt text
  text("CONFIRM");
  EXPECT_EQ(stack.consent().level(user()), ConsentLevel::kDouble);
  const auto& history = stack.consent().history();
  ASSERT_GE(history.size(), 3u);
  EXPECT_EQ(history.back().level, ConsentLevel::kDouble);
}

}  // namespace
}  // namespace msgsim::stack
