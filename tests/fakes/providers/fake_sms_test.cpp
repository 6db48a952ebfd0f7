#include "fakes/providers/fake_sms.h"

#include <gtest/gtest.h>

#include "tests/fakes/providers/provider_fixture.h"

namespace msgsim::fakes {
namespace {

using runtime::Duration;

struct FakeSmsTest : testing::StackFixture {
  FakeSms sms{runtime, stack, truth, device, channel, FakeProviderSettings{}};
  stack::CustomerHandle alice = new_customer();
};

// After STOP one confirmation goes through, every later send to that recipient fails with 21610, and START clears it.
TEST_F(FakeSmsTest, StopBlocksSendsWith21610UntilStart) {
  EXPECT_TRUE(sms.send(request(alice, 0, "hello")).accepted);
  sms.customer_send(0, alice, "stop");
  EXPECT_TRUE(sms.send(request(alice, 1, "You are unsubscribed.")).accepted);
  const stack::SendOutcome blocked = sms.send(request(alice, 3, "are you there?"));
  EXPECT_FALSE(blocked.accepted);
  EXPECT_EQ(blocked.error_code, FakeSms::kUnsubscribedRecipient);
  sms.customer_send(0, alice, "START");
  EXPECT_TRUE(sms.send(request(alice, 4, "welcome back")).accepted);
}

// A keyword inside a sentence is not a keyword for the provider.
TEST_F(FakeSmsTest, StopInsideASentenceDoesNotBlock) {
  sms.customer_send(0, alice, "STOP please");
  EXPECT_TRUE(sms.send(request(alice, 0, "hello")).accepted);
}

// The keyword_match option decides whether punctuation is ignored.
TEST_F(FakeSmsTest, KeywordMatchModeIsAnOption) {
  FakeProviderSettings settings;
  settings.keyword_match = stack::KeywordMatchMode::kIgnorePunctuation;
  FakeSms strict_free(runtime, stack, truth, device, channel, settings);
  strict_free.customer_send(0, alice, "Stop!");
  sms.customer_send(0, alice, "Stop!");
  EXPECT_TRUE(strict_free.opted_out(alice));
  EXPECT_FALSE(sms.opted_out(alice));
}

// A body over 1,600 characters fails with 21617; exactly 1,600 goes through.
TEST_F(FakeSmsTest, BodyOver1600CharactersFailsWith21617) {
  const std::string limit(1600, 'a');
  EXPECT_TRUE(sms.send(request(alice, 0, limit)).accepted);
  const stack::SendOutcome refused = sms.send(request(alice, 1, limit + "a"));
  EXPECT_EQ(refused.error_code, FakeSms::kBodyTooLong);
}

// The customer's text reaches the stack once and the business reply reaches the phone.
TEST_F(FakeSmsTest, MessagesTravelBothWays) {
  sms.customer_send(0, alice, "hi");
  EXPECT_EQ(sms.in_flight(), 1u);
  run_for(Duration::seconds(1));
  EXPECT_EQ(sms.in_flight(), 0u);
  EXPECT_EQ(trace.count(stack::TraceKind::kInboundAccepted), 1);
  ASSERT_TRUE(sms.send(request(alice, 0, "hello")).accepted);
  run_for(Duration::seconds(1));
  EXPECT_EQ(device.received, (std::vector<std::string>{"hello"}));
}

// A MessageSid is SM plus 32 hex digits and maps back to its dense id.
TEST(TwilioMessageSid, IsSmPlus32HexAndRoundTrips) {
  for (std::uint64_t id : {0ULL, 1ULL, 123456789ULL}) {
    const std::string sid = twilio_message_sid(stack::ProviderMessageId{id});
    EXPECT_EQ(sid.size(), 34u);
    EXPECT_EQ(sid.substr(0, 2), "SM");
    EXPECT_EQ(parse_twilio_message_sid(sid), stack::ProviderMessageId{id});
  }
  EXPECT_FALSE(parse_twilio_message_sid("SM0123").has_value());
}

}  // namespace
}  // namespace msgsim::fakes
