// The adapter factory knows every channel type, and the rules hold end to end:
// the Stack's inbound path keeps the per-user flags (Apple deleted
// conversation, LINE follow/unfollow, reply tokens) and the OutboundSender
// builds the context from them and spends LINE reply tokens.
#include "sim/stack/channels/channel_adapter.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "sim/runtime/sim_runtime.h"
#include "sim/stack/stack.h"

namespace msgsim::stack {
namespace {

using runtime::Duration;
using runtime::StatusCode;
using runtime::Time;

// Every channel type has an adapter reporting that type.
TEST(ChannelAdapterFactory, MakesAnAdapterForEveryChannelType) {
  for (ChannelType type : {ChannelType::kSms, ChannelType::kWhatsapp, ChannelType::kMessenger, ChannelType::kApple,
                           ChannelType::kLine, ChannelType::kWeb, ChannelType::kInApp, ChannelType::kByoc,
                           ChannelType::kByocCcaas}) {
    std::unique_ptr<ChannelAdapter> adapter = make_channel_adapter(type);
    ASSERT_NE(adapter, nullptr) << channel_type_name(type);
    EXPECT_EQ(adapter->type(), type);
  }
}

// Text limits count Unicode scalars: multi-byte letters and emoji count once.
TEST(ChannelAdapterFactory, CountsCharactersAsUnicodeScalars) {
  EXPECT_EQ(text_characters(""), 0u);
  EXPECT_EQ(text_characters("abc"), 3u);
  EXPECT_EQ(text_characters("\xC3\xA9t\xC3\xA9"), 3u);     // été
  EXPECT_EQ(text_characters("\xF0\x9F\x98\x80!"), 2u);     // 😀!
}

struct RecordingProvider : ProviderApi {
  std::vector<OutboundRequest> sent;
  SendOutcome send(const OutboundRequest& request) override {
    sent.push_back(request);
    return SendOutcome{true, 0};
  }
  void agent_joined(ChannelId, CustomerHandle) override {}
};

// One channel of the parameter's type, one queue without agents (sessions
// wait), and one human agent who can send but takes no work.
struct AdapterStackTest : ::testing::Test {
  runtime::SimRuntime runtime{1};
  Stack stack{runtime};
  RecordingProvider provider;
  ChannelId channel;
  AgentId human;
  std::uint64_t next_id = 1;

  void open(ChannelType type) {
    QueueSettings queue;
    queue.id = "support";
    const QueueId q = stack.router().add_queue(queue);
    ChannelSettings settings;
    settings.id = channel_type_name(type);
    settings.type = type;
    settings.route_queue = q;
    settings.fallback_queue = q;
    channel = stack.channels().add(settings).value();
    stack.channels().connect(channel, &provider);
    AgentSettings agent;
    agent.id = "human";
    human = stack.router().add_agent(agent);
  }
  runtime::Status receive(InboundKind kind, const char* text = "hi", CapabilityMask capabilities = 0) {
    InboundWebhook webhook{channel, CustomerHandle{7}, ProviderMessageId{next_id++}, text, runtime.now()};
    webhook.kind = kind;
    webhook.capabilities = capabilities;
    return stack.receive_webhook(webhook);
  }
  void advance(Duration by) { runtime.run_until(runtime.now() + by); }
  runtime::Result<OutboundId> send(AgentId agent, const OutboundOptions& options = {}) {
    return stack.outbound().send(SessionId(0), agent, "reply", options);
  }
};

// Business messages do not extend WhatsApp's window: after sends at +1 h and +20 h, free-form at +24 h 1 s is refused.
TEST_F(AdapterStackTest, WhatsappBusinessMessagesDoNotExtendTheWindow) {
  open(ChannelType::kWhatsapp);
  ASSERT_TRUE(receive(InboundKind::kMessage).is_ok());
  advance(Duration::hours(1));
  EXPECT_TRUE(send(human).is_ok());
  advance(Duration::hours(19));
  EXPECT_TRUE(send(human).is_ok());
  advance(Duration::hours(4) + Duration::seconds(1));
  runtime::Result<OutboundId> late = send(human);
  ASSERT_FALSE(late.is_ok());
  EXPECT_EQ(late.status().code(), StatusCode::kRefused);
  OutboundOptions approved;
  approved.template_name = "order_update";
  approved.template_category = TemplateCategory::kUtility;
  EXPECT_TRUE(send(human, approved).is_ok());
  ASSERT_EQ(provider.sent.size(), 3u);
  EXPECT_EQ(provider.sent.back().options->template_name, "order_update");
}

// The sender tells a human agent from automation: only the human may use HUMAN_AGENT after 24 h.
TEST_F(AdapterStackTest, MessengerHumanAgentTagNeedsAHumanSender) {
  open(ChannelType::kMessenger);
  ASSERT_TRUE(receive(InboundKind::kMessage).is_ok());
  advance(Duration::hours(48));
  OutboundOptions tagged;
  tagged.tag = MessageTag::kHumanAgent;
  EXPECT_FALSE(send(AgentId(), tagged).is_ok());
  EXPECT_TRUE(send(human, tagged).is_ok());
}

// Deleting an Apple conversation stops business messages until the customer writes again.
TEST_F(AdapterStackTest, AppleDeletedConversationBlocksUntilTheCustomerWritesAgain) {
  open(ChannelType::kApple);
  ASSERT_TRUE(receive(InboundKind::kMessage).is_ok());
  EXPECT_TRUE(send(human).is_ok());
  ASSERT_TRUE(receive(InboundKind::kConversationDeleted).is_ok());
  EXPECT_EQ(send(human).status().code(), StatusCode::kRefused);
  ASSERT_TRUE(receive(InboundKind::kMessage, "back again").is_ok());
  EXPECT_TRUE(send(human).is_ok());
  EXPECT_EQ(stack.sessions().get(SessionId(0)).entries, 4u);  // the event adds no transcript entry
}

// The inbound path records the device's capability list for Apple's interactive messages.
TEST_F(AdapterStackTest, AppleInteractiveMessagesFollowTheNewestCapabilityList) {
  open(ChannelType::kApple);
  ASSERT_TRUE(receive(InboundKind::kMessage, "hi", capability_bit(InteractiveType::kListPicker)).is_ok());
  OutboundOptions picker;
  picker.interactive = InteractiveType::kListPicker;
  EXPECT_TRUE(send(human, picker).is_ok());
  ASSERT_TRUE(receive(InboundKind::kMessage, "from an older device", 0).is_ok());
  EXPECT_EQ(send(human, picker).status().code(), StatusCode::kRefused);
}

// A LINE reply spends the token: a second send to a non-follower is refused.
TEST_F(AdapterStackTest, LineReplyTokenIsSingleUse) {
  open(ChannelType::kLine);
  ASSERT_TRUE(receive(InboundKind::kMessage).is_ok());
  advance(Duration::seconds(5));
  ASSERT_TRUE(send(human).is_ok());
  ASSERT_EQ(provider.sent.size(), 1u);
  EXPECT_TRUE(provider.sent[0].uses_reply_token);
  EXPECT_EQ(provider.sent[0].reply_token, ProviderMessageId{1});
  EXPECT_EQ(send(human).status().code(), StatusCode::kRefused);
}

// A LINE token older than the validity cannot reply; a follower then gets a push instead.
TEST_F(AdapterStackTest, LineExpiredTokenFallsBackToPushForFollowers) {
  open(ChannelType::kLine);
  ASSERT_TRUE(receive(InboundKind::kMessage).is_ok());
  advance(Duration::minutes(2));
  EXPECT_EQ(send(human).status().code(), StatusCode::kRefused);
  ASSERT_TRUE(receive(InboundKind::kFollow).is_ok());
  ASSERT_TRUE(send(human).is_ok());
  ASSERT_EQ(provider.sent.size(), 1u);
  EXPECT_FALSE(provider.sent[0].uses_reply_token);
}

// A LINE unfollow blocks everything until the user follows again.
TEST_F(AdapterStackTest, LineUnfollowBlocksEverythingUntilTheNextFollow) {
  open(ChannelType::kLine);
  ASSERT_TRUE(receive(InboundKind::kFollow).is_ok());
  ASSERT_TRUE(receive(InboundKind::kMessage).is_ok());
  ASSERT_TRUE(receive(InboundKind::kUnfollow).is_ok());
  EXPECT_EQ(send(human).status().code(), StatusCode::kRefused);
  ASSERT_TRUE(receive(InboundKind::kFollow).is_ok());
  EXPECT_TRUE(send(human).is_ok());
}

// An event kind the channel does not report is rejected before anything changes.
TEST_F(AdapterStackTest, ForeignConversationEventsAreRejected) {
  open(ChannelType::kWhatsapp);
  EXPECT_EQ(receive(InboundKind::kFollow).code(), StatusCode::kInvalidInput);
  EXPECT_EQ(stack.users().size(), 0u);
}

}  // namespace
}  // namespace msgsim::stack
