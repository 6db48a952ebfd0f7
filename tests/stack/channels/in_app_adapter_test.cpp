// In-app outbound rules: business-initiated messages are allowed in or out of
// a session; 10,000 characters.
#include "sim/stack/channels/in_app_adapter.h"

#include <gtest/gtest.h>

#include <string>

namespace msgsim::stack {
namespace {

using runtime::StatusCode;

// The business may start a conversation: no session, the customer never wrote.
TEST(InAppAdapter, AllowsBusinessInitiatedMessages) {
  OutboundContext context;
  context.text = "Your order is ready";
  EXPECT_TRUE(InAppAdapter().check_outbound(context).is_ok());
}

// Text of 10,000 characters goes out; 10,001 is refused.
TEST(InAppAdapter, LimitsTextTo10000Characters) {
  const std::string text(InAppAdapter::kTextCharactersMax, 'x');
  OutboundContext context;
  context.text = text;
  EXPECT_TRUE(InAppAdapter().check_outbound(context).is_ok());
  const std::string longer = text + "x";
  context.text = longer;
  EXPECT_EQ(InAppAdapter().check_outbound(context).code(), StatusCode::kRefused);
}

// Templates, tags and interactive types belong to other channels.
TEST(InAppAdapter, RejectsOptionsOfOtherChannels) {
  OutboundContext context;
  context.text = "hi";
  context.options.interactive = InteractiveType::kQuickReply;
  EXPECT_EQ(InAppAdapter().check_outbound(context).code(), StatusCode::kInvalidInput);
}

}  // namespace
}  // namespace msgsim::stack
