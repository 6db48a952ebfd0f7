#include "sim/stack/wire/signed_json_webhook.h"

#include <gtest/gtest.h>

#include <string>

#include "sim/stack/wire/webhook_limits.h"

namespace msgsim::stack {
namespace {

using runtime::StatusCode;

HttpRequest webhook(std::string body) {
  HttpRequest request;
  request.method = "POST";
  request.body = std::move(body);
  return request;
}

// A forged body is refused before anything else is looked at, its size included.
TEST(SignedJsonWebhook, TheSignatureIsJudgedFirst) {
  const auto forged = open_signed_json_webhook(webhook(std::string(kMaxWebhookBytes + 1, 'x')), false, "sig: no");
  ASSERT_FALSE(forged.is_ok());
  EXPECT_EQ(forged.status().code(), StatusCode::kUnauthenticated);
  EXPECT_EQ(forged.status().message(), "sig: no");
}

TEST(SignedJsonWebhook, AnOversizedGenuineBodyIsTooLargeAndABadOneIsInvalid) {
  const auto large = open_signed_json_webhook(webhook(std::string(kMaxWebhookBytes + 1, ' ')), true, "sig: no");
  ASSERT_FALSE(large.is_ok());
  EXPECT_EQ(large.status().code(), StatusCode::kTooLarge);
  const auto broken = open_signed_json_webhook(webhook("{\"events\": ["), true, "sig: no");
  ASSERT_FALSE(broken.is_ok());
  EXPECT_EQ(broken.status().code(), StatusCode::kInvalidInput);
}

TEST(SignedJsonWebhook, AGenuineBodyIsParsed) {
  const auto opened = open_signed_json_webhook(webhook(R"({"events":[]})"), true, "sig: no");
  ASSERT_TRUE(opened.is_ok()) << opened.status().message();
  EXPECT_TRUE(opened.value().root().member("events").present());
}

}  // namespace
}  // namespace msgsim::stack
