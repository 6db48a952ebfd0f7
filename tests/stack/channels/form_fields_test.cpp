// FormFields reads a form body exactly as decode_form_body does (the same
// names and values in the same order, the same refusal of a bad escape),
// keeps its views right when it is moved, finds a parameter or refuses a
// repeated one, and the Twilio signature over its views is the signature
// over the decoded parameters.
#include "sim/stack/channels/form_fields.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "sim/stack/channels/signatures.h"

namespace msgsim::stack {
namespace {

using runtime::StatusCode;

constexpr std::string_view kBodies[] = {
    "",
    "&&",
    "a",
    "a=",
    "=b",
    "name=value",
    "To=%2B15558675310&Body=Hi%2C+my+order+%23482135+hasn%27t+arrived+yet.+Could+you+check+it%3F",
    "Body=caf%C3%A9+%F0%9F%98%80&Body=second&empty=&flag",
    "a+b=c+d&%61%62=%63%64&plus=%2B%2b&pct=%25",
    "long=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa%20bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
    "MessageSid=SM6f40a2b7b49f40fc1b593764a98cd3fc&NumMedia=0&SmsStatus=received&",
};

std::vector<std::pair<std::string, std::string>> pairs_of(const FormFields& fields) {
  std::vector<std::pair<std::string, std::string>> out;
  for (std::size_t i = 0; i < fields.size(); ++i) out.emplace_back(fields.name(i), fields.value(i));
  return out;
}

TEST(FormFields, ReadsEveryBodyAsDecodeFormBodyDoes) {
  for (std::string_view body : kBodies) {
    auto fields = FormFields::decode(body);
    auto params = decode_form_body(body);
    ASSERT_TRUE(fields.is_ok()) << body << ": " << fields.status().message();
    ASSERT_TRUE(params.is_ok()) << body;
    EXPECT_EQ(pairs_of(fields.value()), params.value()) << body;
    const std::vector<FormParamView> views = fields.value().views();
    ASSERT_EQ(views.size(), params.value().size());
    for (std::size_t i = 0; i < views.size(); ++i) {
      EXPECT_EQ(views[i].name, params.value()[i].first);
      EXPECT_EQ(views[i].value, params.value()[i].second);
    }
  }
  auto plus = FormFields::decode("a+b=c+d&%61%62=%63%64");
  ASSERT_TRUE(plus.is_ok());
  EXPECT_EQ(plus.value().name(0), "a b");
  EXPECT_EQ(plus.value().value(0), "c d");
  EXPECT_EQ(plus.value().name(1), "ab");
  EXPECT_EQ(plus.value().value(1), "cd");
}

TEST(FormFields, RefusesABadEscapeNamingItsOffset) {
  for (std::string_view body : {"a=%", "a=%4", "a=%zz", "ok=1&b%2=x", "x=%4g&y=1", "v=abc%"}) {
    auto fields = FormFields::decode(body);
    auto params = decode_form_body(body);
    ASSERT_FALSE(fields.is_ok()) << body;
    ASSERT_FALSE(params.is_ok()) << body;
    EXPECT_EQ(fields.status().code(), StatusCode::kInvalidInput);
    EXPECT_EQ(fields.status().message(), params.status().message());
  }
  auto bad = FormFields::decode("ok=1&b%2=x");
  ASSERT_FALSE(bad.is_ok());
  EXPECT_EQ(bad.status().message(), "bad percent escape at byte 6");
}

TEST(FormFields, ViewsStayRightWhenMoved) {
  // Short decoded components sit in a buffer small enough to live inside
  // the string object itself: moving must not leave views behind.
  const std::string body = "a=%41&b=c+d&e=f";
  auto decoded = FormFields::decode(body);
  ASSERT_TRUE(decoded.is_ok());
  FormFields moved = std::move(decoded.value());
  std::vector<FormFields> many;
  many.push_back(std::move(moved));
  many.reserve(many.capacity() + 8);  // moves the element once more
  EXPECT_EQ(pairs_of(many.front()),
            (std::vector<std::pair<std::string, std::string>>{{"a", "A"}, {"b", "c d"}, {"e", "f"}}));
}

TEST(FormFields, FindsOneParameterAndRefusesARepeatedOne) {
  auto fields = FormFields::decode("To=%2B1&Body=a&To=%2B2&Empty=");
  ASSERT_TRUE(fields.is_ok());
  auto to = fields.value().find("To");
  ASSERT_FALSE(to.is_ok());
  EXPECT_EQ(to.status().message(), "parameter To appears more than once");
  auto body = fields.value().find("Body");
  ASSERT_TRUE(body.is_ok());
  EXPECT_EQ(body.value(), std::optional<std::string_view>("a"));
  auto empty = fields.value().find("Empty");
  ASSERT_TRUE(empty.is_ok());
  EXPECT_EQ(empty.value(), std::optional<std::string_view>(""));
  auto absent = fields.value().find("From");
  ASSERT_TRUE(absent.is_ok());
  EXPECT_FALSE(absent.value().has_value());
}

TEST(FormFields, TwilioSignatureOverViewsIsTheSignatureOverParameters) {
  const std::string url = "https://stack.example:8443/webhooks/sms?x=1";
  const std::string token = "12345";
  for (std::string_view body : kBodies) {
    auto fields = FormFields::decode(body);
    auto params = decode_form_body(body);
    ASSERT_TRUE(fields.is_ok() && params.is_ok());
    const std::string expected = twilio_signature(token, url, params.value());
    std::vector<FormParamView> views = fields.value().views();
    std::reverse(views.begin(), views.end());  // the signer sorts
    EXPECT_EQ(twilio_signature_of_views(token, url, views), expected) << body;
    std::reverse(views.begin(), views.end());
    EXPECT_TRUE(verify_twilio_signature_of_views(token, url, views, expected)) << body;
    EXPECT_FALSE(verify_twilio_signature_of_views(token + "x", url, views, expected)) << body;
    EXPECT_FALSE(verify_twilio_signature_of_views(token, url, views, expected + "=")) << body;
  }
}

}  // namespace
}  // namespace msgsim::stack
