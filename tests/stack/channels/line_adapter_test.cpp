// LINE outbound rules: a reply needs an unused reply token younger than the
// validity option (60 s by default); a push needs a follower; a user who
// unfollowed gets nothing; 5,000 characters; and the LINE `window_rules` vectors.
#include "sim/stack/channels/line_adapter.h"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

namespace msgsim::stack {
namespace {

using nlohmann::json;
using runtime::Duration;
using runtime::StatusCode;

constexpr const char* kVectorsPath = MSGSIM_SOURCE_DIR "/../shared/vectors/channel_vectors.json";

// A user who does not follow the account, with a reply token of the given age.
OutboundContext with_token(Duration age, bool unused = true) {
  OutboundContext context;
  context.customer_wrote_first = true;
  context.reply_token_unused = unused;
  context.since_reply_token = age;
  context.text = "Thanks!";
  return context;
}

// A fresh, unused reply token makes the message a reply, follower or not.
TEST(LineAdapter, RepliesWithAFreshToken) {
  const LineAdapter adapter;
  OutboundContext context = with_token(Duration::seconds(10));
  EXPECT_TRUE(adapter.check_outbound(context).is_ok());
  EXPECT_TRUE(adapter.uses_reply_token(context));
}

// A used token cannot reply again, and a non-follower cannot be pushed to.
TEST(LineAdapter, RefusesReusingATokenForANonFollower) {
  const LineAdapter adapter;
  OutboundContext context = with_token(Duration::seconds(10), false);
  EXPECT_FALSE(adapter.uses_reply_token(context));
  runtime::Status refused = adapter.check_outbound(context);
  EXPECT_EQ(refused.code(), StatusCode::kRefused);
  EXPECT_NE(refused.message().find("reply token"), std::string::npos) << refused.message();
}

// A token expires after the validity option: 60 s by default, configurable.
TEST(LineAdapter, ExpiresTheTokenAfterTheValidityOption) {
  EXPECT_TRUE(LineAdapter().uses_reply_token(with_token(Duration::seconds(59))));
  EXPECT_FALSE(LineAdapter().uses_reply_token(with_token(Duration::seconds(60))));
  EXPECT_EQ(LineAdapter().check_outbound(with_token(Duration::seconds(61))).code(), StatusCode::kRefused);
  LineOptions options;
  options.reply_token_validity = Duration::seconds(30);
  EXPECT_FALSE(LineAdapter(options).uses_reply_token(with_token(Duration::seconds(45))));
}

// A follower can be pushed to at any time, with no token at all.
TEST(LineAdapter, PushesToFollowersAnyTime) {
  OutboundContext context;
  context.follows_account = true;
  context.text = "Sale starts today";
  EXPECT_TRUE(LineAdapter().check_outbound(context).is_ok());
  EXPECT_FALSE(LineAdapter().uses_reply_token(context));
}

// A user who unfollowed (blocked) the account gets nothing, not even a reply with a fresh token.
TEST(LineAdapter, SendsNothingToAUserWhoUnfollowed) {
  OutboundContext context = with_token(Duration::seconds(1));
  context.blocked_account = true;
  runtime::Status refused = LineAdapter().check_outbound(context);
  EXPECT_EQ(refused.code(), StatusCode::kRefused);
  EXPECT_NE(refused.message().find("unfollowed"), std::string::npos) << refused.message();
  EXPECT_FALSE(LineAdapter().uses_reply_token(context));
}

// Text of 5,000 characters goes out; 5,001 is refused.
TEST(LineAdapter, LimitsTextTo5000Characters) {
  const std::string text(5000, 'x');
  OutboundContext context = with_token(Duration::seconds(1));
  context.text = text;
  EXPECT_TRUE(LineAdapter().check_outbound(context).is_ok());
  const std::string longer = text + "x";
  context.text = longer;
  EXPECT_EQ(LineAdapter().check_outbound(context).code(), StatusCode::kRefused);
}

// Follow and unfollow events are accepted on LINE; a deleted conversation is not a LINE event.
TEST(LineAdapter, AcceptsFollowAndUnfollowEvents) {
  InboundWebhook webhook;
  webhook.kind = InboundKind::kFollow;
  EXPECT_TRUE(LineAdapter().check_inbound(webhook).is_ok());
  webhook.kind = InboundKind::kUnfollow;
  EXPECT_TRUE(LineAdapter().check_inbound(webhook).is_ok());
  webhook.kind = InboundKind::kConversationDeleted;
  EXPECT_EQ(LineAdapter().check_inbound(webhook).code(), StatusCode::kInvalidInput);
}

// Every LINE vector about reply tokens, for a user who does not follow the
// account (so no push fallback): a fresh token replies; a reused or 2-minute-old one fails.
TEST(LineAdapter, FollowsEveryReplyTokenVector) {
  std::ifstream in(kVectorsPath);
  ASSERT_TRUE(in) << "cannot open " << kVectorsPath;
  const json parsed = json::parse(in);
  std::size_t checked = 0;
  for (const json& rule : parsed.at("window_rules")) {
    if (rule.at("channel") != "line") continue;
    for (const json& vector : rule.at("vectors")) {
      SCOPED_TRACE(vector.dump());
      const std::string action = vector.at("action");
      const bool ok = vector.at("expected") == "200";
      OutboundContext context;
      if (action == "reply with fresh token") {
        context = with_token(Duration::seconds(1));
      } else if (action == "reply again with the same token") {
        context = with_token(Duration::seconds(1), false);
      } else if (action == "reply 2 min after webhook") {
        context = with_token(Duration::minutes(2));
      } else if (action == "reply with 6 message objects") {
        continue;  // one message per send: batching is the provider fake's concern
      } else {
        FAIL() << "unmapped LINE vector action: " << action;
      }
      EXPECT_EQ(LineAdapter().check_outbound(context).is_ok(), ok);
      EXPECT_EQ(LineAdapter().uses_reply_token(context), ok);
      ++checked;
    }
  }
  EXPECT_GE(checked, 3u);
}

}  // namespace
}  // namespace msgsim::stack
