// Fake LINE Messaging API provider. Reply tokens are the stack's business;
// this fake models the push API: a push to a user who unfollowed (blocked)
// the account fails with 400, and a push whose X-Line-Retry-Key was already
// accepted fails with 409. OutboundRequest carries no retry key yet, so the
// key of a send is its OutboundId: the stack resending the same message is
// the retry. 2,000 requests/s per channel (429 beyond). LINE sends the
// business no delivery receipts. One instance per channel; single-threaded.
#pragma once

#include <unordered_set>

#include "fakes/providers/fake_platform.h"

namespace msgsim::fakes {

class FakeLine final : public FakePlatform {
 public:
  static constexpr int kBadRequest = 400;
  static constexpr int kRetryKeyAccepted = 409;
  static constexpr int kTooManyRequests = 429;
  static constexpr int kInternalError = 500;

  FakeLine(runtime::Runtime& runtime, stack::Stack& stack, GroundTruth& truth, Device& device,
           stack::ChannelId channel, FakeProviderSettings settings);

  // The user blocks the account (an `unfollow` event) or adds it again.
  void customer_unfollow(stack::CustomerHandle user) {
    unfollowed_.insert(user.value);
    followers_.erase(user.value);
    forward_event(user, stack::InboundKind::kUnfollow);
  }
  void customer_follow(stack::CustomerHandle user) {
    unfollowed_.erase(user.value);
    followers_.insert(user.value);
    forward_event(user, stack::InboundKind::kFollow);
  }
  bool customer_block(stack::CustomerHandle user) override {
    customer_unfollow(user);
    return true;
  }
  // A LINE user adds the account as a friend before chatting: a message from
  // a user who does not follow the account (never did, or blocked it) comes
  // after a `follow` event.
  void customer_send(PersonId person, stack::CustomerHandle from, std::string text) override;

 private:
  stack::SendOutcome send_admitted(const stack::OutboundRequest& request) override;

  // Membership only, never iterated.
  std::unordered_set<std::uint64_t> unfollowed_;
  std::unordered_set<std::uint64_t> followers_;
  std::unordered_set<std::uint32_t> accepted_retry_keys_;
};

const PlatformProfile& line_profile();

}  // namespace msgsim::fakes
