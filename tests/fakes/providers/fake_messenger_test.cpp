#include "fakes/providers/fake_messenger.h"

#include <gtest/gtest.h>

#include "tests/fakes/providers/provider_fixture.h"

namespace msgsim::fakes {
namespace {

using runtime::Duration;

struct FakeMessengerTest : testing::StackFixture {
  FakeMessenger messenger{runtime, stack, truth, device, channel, FakeProviderSettings{}};
  stack::CustomerHandle psid = new_customer();
};

// Outside the 24 h window an untagged message fails with code 10, subcode 2018278.
TEST_F(FakeMessengerTest, OutsideTheWindowFailsWithCode10Subcode2018278) {
  const stack::SendOutcome first = messenger.send(request(psid, 0, "hello"));
  EXPECT_EQ(first.error_code, FakeMessenger::kPermissionError);
  EXPECT_EQ(first.error_subcode, FakeMessenger::kOutsideWindowSubcode);
  messenger.customer_send(0, psid, "hi");
  const stack::SendOutcome inside = messenger.send(request(psid, 1, "inside"));
  EXPECT_TRUE(inside.accepted);
  EXPECT_EQ(inside.error_subcode, 0);
  run_for(Duration::hours(25));
  EXPECT_EQ(messenger.send(request(psid, 2, "late")).error_code, FakeMessenger::kPermissionError);
}

// A delivery watermark marks every message sent before it as delivered in the stack.
TEST_F(FakeMessengerTest, WatermarkDeliversEveryEarlierMessage) {
  messenger.customer_send(0, psid, "hi");
  run_for(Duration::seconds(1));
  ASSERT_EQ(client.offers.size(), 1u);
  stack.channels().connect(channel, &messenger);
  ASSERT_TRUE(stack.console().accept(agent, client.offers[0]).is_ok());
  const stack::OutboundId first = stack.console().send(agent, client.sessions[0], "one").value();
  const stack::OutboundId second = stack.console().send(agent, client.sessions[0], "two").value();
  run_for(Duration::minutes(1));
  for (stack::OutboundId id : {first, second}) {
    const stack::DeliveryState state = stack.outbound().record(id).state;
    EXPECT_TRUE(state == stack::DeliveryState::kDelivered || state == stack::DeliveryState::kRead);
  }
  EXPECT_EQ(device.received, (std::vector<std::string>{"one", "two"}));
}

}  // namespace
}  // namespace msgsim::fakes

namespace msgsim::fakes {
namespace {

// HUMAN_AGENT reaches the person for 7 days after their message; untagged messages only for 24 h.
TEST_F(FakeMessengerTest, HumanAgentTagExtendsTheWindowToSevenDays) {
  messenger.customer_send(0, psid, "hi");
  run_for(runtime::Duration::hours(72));
  stack::OutboundOptions human;
  human.tag = stack::MessageTag::kHumanAgent;
  stack::OutboundRequest tagged = request(psid, 0, "agent here");
  tagged.options = &human;
  EXPECT_TRUE(messenger.send(tagged).accepted);
  EXPECT_FALSE(messenger.send(request(psid, 1, "untagged")).accepted);
  run_for(runtime::Duration::hours(5 * 24));
  tagged.id = stack::OutboundId(2);
  EXPECT_EQ(messenger.send(tagged).error_code, FakeMessenger::kPermissionError);
}

}  // namespace
}  // namespace msgsim::fakes
