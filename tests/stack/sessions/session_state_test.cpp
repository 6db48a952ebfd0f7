#include "sim/stack/sessions/session_state.h"

#include <gtest/gtest.h>

namespace msgsim::stack {
namespace {

using S = SessionStatus;

// The transitions of the platform's state machine are allowed and nothing leaves Ended or Error.
TEST(SessionState, TableFollowsThePlatformStateMachine) {
  EXPECT_TRUE(transition_allowed(S::kWaiting, S::kActive));
  EXPECT_TRUE(transition_allowed(S::kActive, S::kWaiting));   // transfer
  EXPECT_TRUE(transition_allowed(S::kActive, S::kInactive));
  EXPECT_TRUE(transition_allowed(S::kActive, S::kPaused));
  EXPECT_TRUE(transition_allowed(S::kInactive, S::kWaiting));
  EXPECT_TRUE(transition_allowed(S::kPaused, S::kActive));
  EXPECT_TRUE(transition_allowed(S::kNew, S::kActive));
  EXPECT_TRUE(transition_allowed(S::kConsent, S::kEnded));
  for (int to = 0; to < kSessionStatusCount; ++to) {
    EXPECT_FALSE(transition_allowed(S::kEnded, static_cast<S>(to)));
    EXPECT_FALSE(transition_allowed(S::kError, static_cast<S>(to)));
  }
  EXPECT_FALSE(transition_allowed(S::kWaiting, S::kInactive));
  EXPECT_FALSE(transition_allowed(S::kNew, S::kWaiting));
}

// Only Ended and Error are closed statuses.
TEST(SessionState, OnlyEndedAndErrorAreClosed) {
  for (int s = 0; s < kSessionStatusCount; ++s) {
    const auto status = static_cast<S>(s);
    EXPECT_EQ(is_open(status), status != S::kEnded && status != S::kError) << session_status_name(status);
  }
}

}  // namespace
}  // namespace msgsim::stack
