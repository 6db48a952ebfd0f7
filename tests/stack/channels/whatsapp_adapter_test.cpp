// WhatsApp's outbound rules: free-form only within 24 h of the customer's last
// message, approved templates any time, 4,096 characters; and every WhatsApp
// `window_rules` vector of the shared channel vectors.
#include "sim/stack/channels/whatsapp_adapter.h"

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

// "T", "T+23h59m", "T+24h+1s", "T+30d": the offset from T.
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

OutboundContext after_customer_wrote(Duration since) {
  OutboundContext context;
  context.customer_wrote_first = true;
  context.session_open = true;
  context.since_last_inbound = since;
  context.text = "Your order shipped";
  return context;
}

OutboundContext as_template(OutboundContext context) {
  context.options.template_name = "order_update";
  context.options.template_category = TemplateCategory::kUtility;
  return context;
}

// A free-form reply an hour after the customer wrote is allowed.
TEST(WhatsappAdapter, AllowsFreeFormInsideTheServiceWindow) {
  EXPECT_TRUE(WhatsappAdapter().check_outbound(after_customer_wrote(Duration::hours(1))).is_ok());
}

// A free-form message past 24 h is refused with a reason naming the window and the template rule.
TEST(WhatsappAdapter, RefusesFreeFormOutsideTheServiceWindow) {
  runtime::Status refused = WhatsappAdapter().check_outbound(after_customer_wrote(Duration::hours(25)));
  EXPECT_EQ(refused.code(), StatusCode::kRefused);
  EXPECT_EQ(refused.message(),
            "whatsapp: outside the 24-hour customer service window only an approved template may be sent");
}

// A customer who never wrote can be reached only with a template.
TEST(WhatsappAdapter, AllowsOnlyTemplatesToACustomerWhoNeverWrote) {
  OutboundContext never;
  never.text = "Hello";
  EXPECT_EQ(WhatsappAdapter().check_outbound(never).code(), StatusCode::kRefused);
  EXPECT_TRUE(WhatsappAdapter().check_outbound(as_template(never)).is_ok());
}

// Approved templates of every category go out outside the window.
TEST(WhatsappAdapter, AllowsTemplatesOfEveryCategoryOutsideTheWindow) {
  for (TemplateCategory category :
       {TemplateCategory::kMarketing, TemplateCategory::kUtility, TemplateCategory::kAuthentication}) {
    OutboundContext context = as_template(after_customer_wrote(Duration::hours(24 * 30)));
    context.options.template_category = category;
    EXPECT_TRUE(WhatsappAdapter().check_outbound(context).is_ok()) << static_cast<int>(category);
  }
}

// A template without a category (or a category without a name) is malformed, not approved.
TEST(WhatsappAdapter, RejectsATemplateMissingItsNameOrCategory) {
  OutboundContext unnamed = as_template(after_customer_wrote(Duration::hours(48)));
  unnamed.options.template_name.clear();
  EXPECT_EQ(WhatsappAdapter().check_outbound(unnamed).code(), StatusCode::kInvalidInput);
  OutboundContext uncategorised = as_template(after_customer_wrote(Duration::hours(48)));
  uncategorised.options.template_category = TemplateCategory::kNone;
  EXPECT_EQ(WhatsappAdapter().check_outbound(uncategorised).code(), StatusCode::kInvalidInput);
}

// Messenger tags and Apple interactive types are not WhatsApp features.
TEST(WhatsappAdapter, RejectsOptionsOfOtherChannels) {
  OutboundContext tagged = after_customer_wrote(Duration::hours(1));
  tagged.options.tag = MessageTag::kHumanAgent;
  EXPECT_EQ(WhatsappAdapter().check_outbound(tagged).code(), StatusCode::kInvalidInput);
}

// Text of 4,096 characters goes out; one more character is refused, counting characters, not bytes.
TEST(WhatsappAdapter, LimitsTextTo4096Characters) {
  std::string text;
  for (int i = 0; i < 4096; ++i) text += "\xC3\xA9";  // é: two bytes, one character
  OutboundContext context = after_customer_wrote(Duration::hours(1));
  context.text = text;
  EXPECT_TRUE(WhatsappAdapter().check_outbound(context).is_ok());
  text += "e";
  context.text = text;
  runtime::Status refused = WhatsappAdapter().check_outbound(context);
  EXPECT_EQ(refused.code(), StatusCode::kRefused);
  EXPECT_NE(refused.message().find("4,096"), std::string::npos) << refused.message();
}

// Every WhatsApp window vector: accepted iff its expectation says so.
TEST(WhatsappAdapter, FollowsEveryWindowVector) {
  const json& vectors = window_rules("whatsapp_cloud_api").at("vectors");
  ASSERT_GE(vectors.size(), 4u);
  for (std::size_t i = 0; i < vectors.size(); ++i) {
    const json& vector = vectors[i];
    SCOPED_TRACE("whatsapp window_rules vector " + std::to_string(i) + ": " + vector.dump());
    const Duration since = offset_of(vector.at("send_at")) - offset_of(vector.at("last_user_msg_at"));
    OutboundContext context = after_customer_wrote(since);
    const std::string kind = vector.at("kind");
    ASSERT_TRUE(kind == "text" || kind == "approved template") << "unknown kind " << kind;
    if (kind == "approved template") context = as_template(context);
    // business_msgs_at needs nothing here: only the customer's messages set since_last_inbound.
    const bool accepted = vector.at("expected").get<std::string>().rfind("accepted", 0) == 0;
    EXPECT_EQ(WhatsappAdapter().check_outbound(context).is_ok(), accepted);
  }
}

}  // namespace
}  // namespace msgsim::stack
