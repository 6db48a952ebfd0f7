// Web outbound rules: only inside an open session; 10,000 characters.
#include "sim/stack/channels/web_adapter.h"

#include <gtest/gtest.h>

#include <string>

namespace msgsim::stack {
namespace {

using runtime::StatusCode;

// A reply inside an open session goes out; outside one it is refused.
TEST(WebAdapter, AllowsMessagesOnlyInsideAnOpenSession) {
  OutboundContext context;
  context.customer_wrote_first = true;
  context.text = "hi";
  EXPECT_EQ(WebAdapter().check_outbound(context).code(), StatusCode::kRefused);
  context.session_open = true;
  EXPECT_TRUE(WebAdapter().check_outbound(context).is_ok());
}

// Text of 10,000 characters goes out; 10,001 is refused.
TEST(WebAdapter, LimitsTextTo10000Characters) {
  const std::string text(WebAdapter::kMaxTextLength, 'x');
  OutboundContext context;
  context.session_open = true;
  context.text = text;
  EXPECT_TRUE(WebAdapter().check_outbound(context).is_ok());
  const std::string longer = text + "x";
  context.text = longer;
  EXPECT_EQ(WebAdapter().check_outbound(context).code(), StatusCode::kRefused);
}

}  // namespace
}  // namespace msgsim::stack
