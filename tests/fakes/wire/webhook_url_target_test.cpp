// A webhook's request target is the configured URL's path and query: "/"
// when it has no path, a "/" before a bare query, and a URL without a
// scheme taken as a target already.
#include "fakes/wire/webhook_url_target.h"

#include <gtest/gtest.h>

namespace msgsim::fakes {
namespace {

TEST(WebhookUrlTarget, IsThePathAndQueryOfTheUrl) {
  EXPECT_EQ(target_of_webhook_url("https://stack.example:8443/webhooks/channel-1?v=2"), "/webhooks/channel-1?v=2");
  EXPECT_EQ(target_of_webhook_url("https://stack.example:8443/webhooks/channel-1"), "/webhooks/channel-1");
  EXPECT_EQ(target_of_webhook_url("https://stack.example/"), "/");
  EXPECT_EQ(target_of_webhook_url("https://stack.example"), "/");
  EXPECT_EQ(target_of_webhook_url("https://stack.example?v=2"), "/?v=2");
  EXPECT_EQ(target_of_webhook_url("/webhooks/sms"), "/webhooks/sms");
  EXPECT_EQ(target_of_webhook_url(""), "/");
}

}  // namespace
}  // namespace msgsim::fakes
