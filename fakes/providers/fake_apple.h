// Fake Apple Messages for Business provider. Customer-initiated only: the
// business may write to an opaque id only after that customer wrote, and not
// after the customer deleted the conversation until they write again (the
// close semantics are unverified; this is the spec's model). Apple sends the
// business no delivery or read receipts at all. Single-threaded.
#pragma once

#include <unordered_set>

#include "fakes/providers/fake_platform.h"

namespace msgsim::fakes {

class FakeApple final : public FakePlatform {
 public:
  // The refusal of a business-initiated message (code unverified: HTTP 403).
  static constexpr int kBusinessInitiatedRefused = 403;

  FakeApple(runtime::Runtime& runtime, stack::Stack& stack, GroundTruth& truth, Device& device,
            stack::ChannelId channel, FakeProviderSettings settings);

  // The customer deletes the conversation: the business may not write until
  // the customer does; the stack hears of it as an end of conversation.
  void customer_end(stack::CustomerHandle from) override;
  // The same refusal, reported to the stack as Apple's own conversation
  // event (kConversationDeleted), which leaves the session to the business.
  bool customer_delete_conversation(stack::CustomerHandle from) override;

 private:
  void on_customer_message(stack::CustomerHandle from, std::string_view text) override;
  stack::SendOutcome send_admitted(const stack::OutboundRequest& request) override;

  std::unordered_set<std::uint64_t> writable_;  // membership only, never iterated
};

const PlatformProfile& apple_profile();

}  // namespace msgsim::fakes
