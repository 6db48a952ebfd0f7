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

namespace msgsim::stack {
namespace {

// The form rules read one pair and one byte at a time: the result (pairs,
// or the refusal's message) FormFields must give.
std::string reference_decode(std::string_view body) {
  auto hex = [](char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out;
  std::size_t start = 0;
  while (start <= body.size()) {
    const std::size_t end = std::min(body.find('&', start), body.size());
    const std::string_view pair = body.substr(start, end - start);
    if (!pair.empty()) {
      const std::size_t equals = std::min(pair.find('='), pair.size());
      for (int part = 0; part < 2; ++part) {
        const std::size_t offset = part == 0 ? start : start + equals + 1;
        const std::string_view raw = part == 0 ? pair.substr(0, equals) : pair.substr(std::min(equals + 1, pair.size()));
        out += part == 0 ? "[" : "=";
        for (std::size_t i = 0; i < raw.size(); ++i) {
          if (raw[i] == '+') {
            out += ' ';
          } else if (raw[i] != '%') {
            out += raw[i];
          } else if (i + 2 < raw.size() && hex(raw[i + 1]) >= 0 && hex(raw[i + 2]) >= 0) {
            out += static_cast<char>(hex(raw[i + 1]) * 16 + hex(raw[i + 2]));
            i += 2;
          } else {
            return "error: bad percent escape at byte " + std::to_string(offset + i);
          }
        }
        if (part == 1) out += "]";
      }
    }
    start = end + 1;
  }
  return out;
}

std::string decoded(std::string_view body) {
  auto fields = FormFields::decode(body);
  if (!fields.is_ok()) return "error: " + fields.status().message();
  std::string out;
  for (std::size_t i = 0; i < fields.value().size(); ++i) {
    out += "[" + std::string(fields.value().name(i)) + "=" + std::string(fields.value().value(i)) + "]";
  }
  return out;
}

// Every short body over the bytes that matter, and longer ones that cross
// the sixteen-byte blocks the marks are found in, read as the rules say.
TEST(FormFields, ReadsEveryBodyAsTheRulesSay) {
  constexpr std::string_view kAlphabet = "a=&%+2F";
  std::string body;
  for (int code = 0; code < 7 * 7 * 7 * 7 * 7 * 7; ++code) {
    body.clear();
    for (int n = code; n > 0; n /= 7) body += kAlphabet[static_cast<std::size_t>(n % 7)];
    ASSERT_EQ(decoded(body), reference_decode(body)) << body;
  }
  std::uint64_t x = 0x9E3779B97F4A7C15ull;
  for (int round = 0; round < 3000; ++round) {
    body.clear();
    const std::size_t length = 16 + round % 70;
    for (std::size_t i = 0; i < length; ++i) {
      x ^= x << 13;
      x ^= x >> 7;
      x ^= x << 17;
      body += kAlphabet[x % kAlphabet.size()];
    }
    ASSERT_EQ(decoded(body), reference_decode(body)) << body;
  }
}

}  // namespace
}  // namespace msgsim::stack
