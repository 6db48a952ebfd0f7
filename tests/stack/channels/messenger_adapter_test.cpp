// Messenger's outbound rules: the person writes first; free-form within 24 h;
// outside it only update tags, and HUMAN_AGENT for human replies up to 7 days;
// 2,000 characters; and every Messenger `window_rules` vector.
#include "sim/stack/channels/messenger_adapter.h"

#include <gtest/gtest.h>

#include <cctype>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

namespace msgsim::stack {
namespace {

using nlohmann::json;
using runtime::Duration;
using runtime::StatusCode;

constexpr const char* kVectorsPath = MSGSIM_SOURCE_DIR "/../shared/vectors/channel_vectors.json";

const json& window_rules(const std::string& channel) {
  static const json parsed = [] {
    std::ifstream in(kVectorsPath);
    if (!in) ADD_FAILURE() << "cannot open " << kVectorsPath;
    return in ? json::parse(in) : json::object();
  }();
  for (const json& rule : parsed.at("window_rules")) {
    if (rule.at("channel") == channel) return rule;
  }
  static const json none = json::object();
  ADD_FAILURE() << "no window_rules for " << channel;
  return none;
}

// "T", "T+23h", "T+3d": the offset from T.
Duration offset_of(const std::string& at) {
  EXPECT_TRUE(!at.empty() && at[0] == 'T') << at;
  Duration total = Duration::zero();
  std::int64_t number = 0;
  for (std::size_t i = 1; i < at.size(); ++i) {
    const char c = at[i];
    if (c == '+') continue;
    if (std::isdigit(static_cast<unsigned char>(c))) {
      number = number * 10 + (c - '0');
      continue;
    }
    if (c == 'd') total += Duration::hours(24 * number);
    else if (c == 'h') total += Duration::hours(number);
    else if (c == 'm') total += Duration::minutes(number);
    else if (c == 's') total += Duration::seconds(number);
    else ADD_FAILURE() << "unknown unit in " << at;
    number = 0;
  }
  return total;
}

MessageTag tag_named(const std::string& name) {
  if (name == "HUMAN_AGENT") return MessageTag::kHumanAgent;
  if (name == "CONFIRMED_EVENT_UPDATE") return MessageTag::kConfirmedEventUpdate;
  if (name == "POST_PURCHASE_UPDATE") return MessageTag::kPostPurchaseUpdate;
  if (name == "ACCOUNT_UPDATE") return MessageTag::kAccountUpdate;
  ADD_FAILURE() << "unknown tag " << name;
  return MessageTag::kNone;
}

OutboundContext after_person_wrote(Duration since, MessageTag tag = MessageTag::kNone, bool human = true) {
  OutboundContext context;
  context.customer_wrote_first = true;
  context.since_last_inbound = since;
  context.human_agent = human;
  context.options.tag = tag;
  context.text = "Thanks for waiting";
  return context;
}

// A standard reply 23 hours after the person's message is allowed.
TEST(MessengerAdapter, AllowsStandardRepliesInsideThe24HourWindow) {
  EXPECT_TRUE(MessengerAdapter().check_outbound(after_person_wrote(Duration::hours(23))).is_ok());
}

// An untagged message after 24 h is refused, naming the window.
TEST(MessengerAdapter, RefusesUntaggedMessagesOutsideTheWindow) {
  runtime::Status refused = MessengerAdapter().check_outbound(after_person_wrote(Duration::hours(25)));
  EXPECT_EQ(refused.code(), StatusCode::kRefused);
  EXPECT_NE(refused.message().find("24-hour"), std::string::npos) << refused.message();
}

// Nothing may be sent to a person who never wrote, not even a tagged update.
TEST(MessengerAdapter, RefusesEverythingUntilThePersonWritesFirst) {
  OutboundContext never;
  never.options.tag = MessageTag::kAccountUpdate;
  runtime::Status refused = MessengerAdapter().check_outbound(never);
  EXPECT_EQ(refused.code(), StatusCode::kRefused);
  EXPECT_NE(refused.message().find("must start"), std::string::npos) << refused.message();
}

// The three update tags are allowed outside the window, from automation too.
TEST(MessengerAdapter, AllowsUpdateTagsOutsideTheWindow) {
  for (MessageTag tag : {MessageTag::kConfirmedEventUpdate, MessageTag::kPostPurchaseUpdate, MessageTag::kAccountUpdate}) {
    EXPECT_TRUE(MessengerAdapter().check_outbound(after_person_wrote(Duration::hours(24 * 10), tag, false)).is_ok());
  }
}

// HUMAN_AGENT lets a human reply up to 7 days after the person's last message, and not after.
TEST(MessengerAdapter, AllowsHumanAgentRepliesForSevenDaysOnly) {
  const MessengerAdapter adapter;
  EXPECT_TRUE(adapter.check_outbound(after_person_wrote(Duration::hours(24 * 6), MessageTag::kHumanAgent)).is_ok());
  EXPECT_TRUE(adapter.check_outbound(after_person_wrote(MessengerAdapter::kHumanAgentWindow, MessageTag::kHumanAgent))
                  .is_ok());
  runtime::Status late = adapter.check_outbound(
      after_person_wrote(MessengerAdapter::kHumanAgentWindow + Duration::seconds(1), MessageTag::kHumanAgent));
  EXPECT_EQ(late.code(), StatusCode::kRefused);
  EXPECT_NE(late.message().find("7 days"), std::string::npos) << late.message();
}

// Automation may not use the HUMAN_AGENT tag outside the standard window.
TEST(MessengerAdapter, RefusesHumanAgentTagFromAutomation) {
  runtime::Status refused =
      MessengerAdapter().check_outbound(after_person_wrote(Duration::hours(30), MessageTag::kHumanAgent, false));
  EXPECT_EQ(refused.code(), StatusCode::kRefused);
  EXPECT_NE(refused.message().find("human agent"), std::string::npos) << refused.message();
}

// Templates are a WhatsApp feature: on Messenger they are a sender's mistake.
TEST(MessengerAdapter, RejectsTemplates) {
  OutboundContext context = after_person_wrote(Duration::hours(1));
  context.options.template_name = "order_update";
  context.options.template_category = TemplateCategory::kUtility;
  EXPECT_EQ(MessengerAdapter().check_outbound(context).code(), StatusCode::kInvalidInput);
}

// Text of 2,000 characters goes out; 2,001 is refused.
TEST(MessengerAdapter, LimitsTextTo2000Characters) {
  const std::string text(2000, 'x');
  OutboundContext context = after_person_wrote(Duration::hours(1));
  context.text = text;
  EXPECT_TRUE(MessengerAdapter().check_outbound(context).is_ok());
  const std::string longer = text + "x";
  context.text = longer;
  EXPECT_EQ(MessengerAdapter().check_outbound(context).code(), StatusCode::kRefused);
}

// Every Messenger window vector: accepted iff its expectation says so (tagged
// vectors are a human agent's replies, as HUMAN_AGENT requires).
TEST(MessengerAdapter, FollowsEveryWindowVector) {
  const json& vectors = window_rules("facebook_messenger").at("vectors");
  ASSERT_GE(vectors.size(), 4u);
  for (std::size_t i = 0; i < vectors.size(); ++i) {
    const json& vector = vectors[i];
    SCOPED_TRACE("messenger window_rules vector " + std::to_string(i) + ": " + vector.dump());
    const Duration since = offset_of(vector.at("send_at")) - offset_of(vector.at("last_user_msg_at"));
    const std::string type = vector.at("messaging_type");
    ASSERT_TRUE(type == "RESPONSE" || type == "MESSAGE_TAG") << "unknown messaging_type " << type;
    const MessageTag tag = type == "MESSAGE_TAG" ? tag_named(vector.at("tag")) : MessageTag::kNone;
    const bool accepted = vector.at("expected").get<std::string>().rfind("accepted", 0) == 0;
    EXPECT_EQ(MessengerAdapter().check_outbound(after_person_wrote(since, tag)).is_ok(), accepted);
  }
}

}  // namespace
}  // namespace msgsim::stack
