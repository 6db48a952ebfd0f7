// Apple Messages for Business outbound rules: never first, never after the
// customer deleted the conversation until they write again, no interactive
// type the device lacks; and the Apple `window_rules` vector.
#include "sim/stack/channels/apple_adapter.h"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

namespace msgsim::stack {
namespace {

using nlohmann::json;
using runtime::StatusCode;

constexpr const char* kVectorsPath = MSGSIM_SOURCE_DIR "/../shared/vectors/channel_vectors.json";

OutboundContext after_customer_wrote() {
  OutboundContext context;
  context.customer_wrote_first = true;
  context.since_last_inbound = runtime::Duration::hours(1);
  context.text = "How can we help?";
  return context;
}

// A reply after the customer wrote goes out.
TEST(AppleAdapter, AllowsRepliesAfterTheCustomerWrote) {
  EXPECT_TRUE(AppleAdapter().check_outbound(after_customer_wrote()).is_ok());
}

// The business can never start the conversation.
TEST(AppleAdapter, NeverWritesFirst) {
  OutboundContext never;
  never.text = "Hello";
  runtime::Status refused = AppleAdapter().check_outbound(never);
  EXPECT_EQ(refused.code(), StatusCode::kRefused);
  EXPECT_NE(refused.message().find("customer writes first"), std::string::npos) << refused.message();
}

// After the customer deleted the conversation nothing goes out, even inside a session.
TEST(AppleAdapter, RefusesEverythingAfterTheCustomerDeletedTheConversation) {
  OutboundContext context = after_customer_wrote();
  context.session_open = true;
  context.conversation_deleted = true;
  runtime::Status refused = AppleAdapter().check_outbound(context);
  EXPECT_EQ(refused.code(), StatusCode::kRefused);
  EXPECT_NE(refused.message().find("deleted"), std::string::npos) << refused.message();
}

// An interactive type goes out only when the device's capability list names it.
TEST(AppleAdapter, SendsOnlyInteractiveTypesTheDeviceSupports) {
  OutboundContext context = after_customer_wrote();
  context.options.interactive = InteractiveType::kListPicker;
  EXPECT_EQ(AppleAdapter().check_outbound(context).code(), StatusCode::kRefused);
  context.device_capabilities = capability_bit(InteractiveType::kTimePicker);
  EXPECT_EQ(AppleAdapter().check_outbound(context).code(), StatusCode::kRefused);
  context.device_capabilities |= capability_bit(InteractiveType::kListPicker);
  EXPECT_TRUE(AppleAdapter().check_outbound(context).is_ok());
}

// The "conversation deleted" event is accepted on Apple; follow events are not.
TEST(AppleAdapter, AcceptsDeletedConversationEventsOnly) {
  InboundWebhook webhook;
  webhook.kind = InboundKind::kConversationDeleted;
  EXPECT_TRUE(AppleAdapter().check_inbound(webhook).is_ok());
  webhook.kind = InboundKind::kFollow;
  EXPECT_EQ(AppleAdapter().check_inbound(webhook).code(), StatusCode::kInvalidInput);
}

// Every Apple vector: a business message to a customer who never wrote is refused.
TEST(AppleAdapter, FollowsEveryWindowVector) {
  std::ifstream in(kVectorsPath);
  ASSERT_TRUE(in) << "cannot open " << kVectorsPath;
  const json parsed = json::parse(in);
  std::size_t checked = 0;
  for (const json& rule : parsed.at("window_rules")) {
    if (rule.at("channel") != "apple_messages_for_business") continue;
    for (const json& vector : rule.at("vectors")) {
      SCOPED_TRACE(vector.dump());
      const std::string action = vector.at("action");
      ASSERT_EQ(action, "business sends to a customer who never messaged") << "unmapped Apple vector";
      OutboundContext never;
      never.text = "Hello";
      EXPECT_EQ(AppleAdapter().check_outbound(never).code(), StatusCode::kRefused);
      ++checked;
    }
  }
  EXPECT_GE(checked, 1u);
}

}  // namespace
}  // namespace msgsim::stack
