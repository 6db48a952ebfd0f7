#include "fakes/providers/fake_line.h"

#include <gtest/gtest.h>

#include "tests/fakes/providers/provider_fixture.h"

namespace msgsim::fakes {
namespace {

struct FakeLineTest : testing::StackFixture {
  FakeLine line{runtime, stack, truth, device, channel, FakeProviderSettings{}};
  stack::CustomerHandle user = new_customer();
};

// A push to a user who unfollowed fails with 400 until they follow again.
TEST_F(FakeLineTest, PushToUnfollowedUserFailsWith400) {
  EXPECT_TRUE(line.send(request(user, 0, "hello")).accepted);
  line.customer_unfollow(user);
  EXPECT_EQ(line.send(request(user, 1, "hello?")).error_code, FakeLine::kBadRequest);
  line.customer_follow(user);
  EXPECT_TRUE(line.send(request(user, 2, "welcome back")).accepted);
}

// Reusing an accepted retry key fails with 409; a refused request does not use its key up.
TEST_F(FakeLineTest, ReusedRetryKeyFailsWith409) {
  EXPECT_TRUE(line.send(request(user, 7, "once")).accepted);
  EXPECT_EQ(line.send(request(user, 7, "once")).error_code, FakeLine::kRetryKeyAccepted);
  line.customer_unfollow(user);
  EXPECT_EQ(line.send(request(user, 8, "x")).error_code, FakeLine::kBadRequest);
  line.customer_follow(user);
  EXPECT_TRUE(line.send(request(user, 8, "x")).accepted);
}

}  // namespace
}  // namespace msgsim::fakes
