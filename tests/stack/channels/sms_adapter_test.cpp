// SMS outbound rules: business messages at any time, bodies up to 1,600
// characters as sms_encoding.h counts them, no templates or tags.
#include "sim/stack/channels/sms_adapter.h"

#include <gtest/gtest.h>

#include <string>

namespace msgsim::stack {
namespace {

using runtime::StatusCode;

// A business message to a customer who never wrote, with no session, goes out.
TEST(SmsAdapter, AllowsBusinessMessagesAnyTime) {
  OutboundContext context;
  context.text = "Your appointment is tomorrow at 10";
  EXPECT_TRUE(SmsAdapter().check_outbound(context).is_ok());
}

// 1,600 characters go out; 1,601 are refused with the limit named.
TEST(SmsAdapter, LimitsBodyTo1600Characters) {
  const std::string body(kSmsBodyCharactersMax, 'a');
  OutboundContext context;
  context.text = body;
  EXPECT_TRUE(SmsAdapter().check_outbound(context).is_ok());
  const std::string longer = body + "a";
  context.text = longer;
  runtime::Status refused = SmsAdapter().check_outbound(context);
  EXPECT_EQ(refused.code(), StatusCode::kRefused);
  EXPECT_NE(refused.message().find("1,600"), std::string::npos) << refused.message();
}

// The limit counts characters, not bytes: 1,600 two-byte letters fit.
TEST(SmsAdapter, CountsCharactersNotBytes) {
  std::string body;
  for (std::size_t i = 0; i < kSmsBodyCharactersMax; ++i) body += "\xC3\xA9";  // é
  OutboundContext context;
  context.text = body;
  EXPECT_TRUE(SmsAdapter().check_outbound(context).is_ok());
}

// A body that is not UTF-8 is malformed, both ways.
TEST(SmsAdapter, RejectsBodiesThatAreNotUtf8) {
  OutboundContext context;
  context.text = "\xFF";
  EXPECT_EQ(SmsAdapter().check_outbound(context).code(), StatusCode::kInvalidInput);
  InboundWebhook webhook;
  webhook.text = "\xFF";
  EXPECT_EQ(SmsAdapter().check_inbound(webhook).code(), StatusCode::kInvalidInput);
}

// A customer's long message is accepted: the limit binds only what the business sends.
TEST(SmsAdapter, AcceptsLongCustomerMessages) {
  InboundWebhook webhook;
  webhook.text = std::string(kSmsBodyCharactersMax + 1, 'a');
  EXPECT_TRUE(SmsAdapter().check_inbound(webhook).is_ok());
}

// Templates and tags belong to other channels.
TEST(SmsAdapter, RejectsTemplatesAndTags) {
  OutboundContext context;
  context.text = "hi";
  context.options.template_name = "promo";
  context.options.template_category = TemplateCategory::kMarketing;
  EXPECT_EQ(SmsAdapter().check_outbound(context).code(), StatusCode::kInvalidInput);
  context.options = OutboundOptions{};
  context.options.tag = MessageTag::kAccountUpdate;
  EXPECT_EQ(SmsAdapter().check_outbound(context).code(), StatusCode::kInvalidInput);
}

// SMS reports no follow, unfollow or deleted-conversation events.
TEST(SmsAdapter, RejectsConversationEventsOfOtherChannels) {
  InboundWebhook webhook;
  for (InboundKind kind : {InboundKind::kFollow, InboundKind::kUnfollow, InboundKind::kConversationDeleted}) {
    webhook.kind = kind;
    EXPECT_EQ(SmsAdapter().check_inbound(webhook).code(), StatusCode::kInvalidInput);
  }
}

}  // namespace
}  // namespace msgsim::stack
