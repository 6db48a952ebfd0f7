// BYOC outbound rules follow the partner's registered capabilities:
// business-initiated messages yes or no, and the partner's text limit.
#include "sim/stack/channels/byoc_adapter.h"

#include <gtest/gtest.h>

#include <string>

namespace msgsim::stack {
namespace {

using runtime::StatusCode;

// With the default capabilities the business may start a conversation on both BYOC types.
TEST(ByocAdapter, AllowsBusinessInitiatedMessagesByDefault) {
  OutboundContext context;
  context.text = "Hello from the partner channel";
  EXPECT_TRUE(ByocAdapter(ChannelType::kByoc).check_outbound(context).is_ok());
  EXPECT_TRUE(ByocAdapter(ChannelType::kByocCcaas).check_outbound(context).is_ok());
}

// A partner without business-initiated messages gets replies only inside an open session.
TEST(ByocAdapter, RefusesBusinessInitiatedMessagesWhenThePartnerLacksThem) {
  ByocCapabilities capabilities;
  capabilities.business_initiated = false;
  const ByocAdapter adapter(ChannelType::kByocCcaas, capabilities);
  OutboundContext context;
  context.text = "hi";
  runtime::Status refused = adapter.check_outbound(context);
  EXPECT_EQ(refused.code(), StatusCode::kRefused);
  EXPECT_NE(refused.message().find("byoc_ccaas"), std::string::npos) << refused.message();
  context.session_open = true;
  EXPECT_TRUE(adapter.check_outbound(context).is_ok());
}

// The partner's text limit is enforced, naming the channel type.
TEST(ByocAdapter, EnforcesThePartnersTextLimit) {
  ByocCapabilities capabilities;
  capabilities.text_characters_max = 5;
  const ByocAdapter adapter(ChannelType::kByoc, capabilities);
  OutboundContext context;
  context.text = "hello";
  EXPECT_TRUE(adapter.check_outbound(context).is_ok());
  context.text = "hello!";
  runtime::Status refused = adapter.check_outbound(context);
  EXPECT_EQ(refused.code(), StatusCode::kRefused);
  EXPECT_EQ(refused.message(), "byoc: message longer than 5 characters (6)");
}

}  // namespace
}  // namespace msgsim::stack
