#include "fakes/providers/fake_apple.h"

#include <gtest/gtest.h>

#include "tests/fakes/providers/provider_fixture.h"

namespace msgsim::fakes {
namespace {

using runtime::Duration;

struct FakeAppleTest : testing::StackFixture {
  FakeApple apple{runtime, stack, truth, device, channel, FakeProviderSettings{}};
  stack::CustomerHandle opaque_id = new_customer();
};

// The business cannot start a conversation, nor write again after the customer deleted it.
TEST_F(FakeAppleTest, RefusesBusinessInitiatedMessages) {
  EXPECT_EQ(apple.send(request(opaque_id, 0, "hello")).error_code, FakeApple::kBusinessInitiatedRefused);
  apple.customer_send(0, opaque_id, "hi");
  EXPECT_TRUE(apple.send(request(opaque_id, 1, "hello")).accepted);
  apple.customer_end(opaque_id);
  EXPECT_EQ(apple.send(request(opaque_id, 2, "still there?")).error_code, FakeApple::kBusinessInitiatedRefused);
}

// A delivered reply never produces a receipt: the stack's record stays queued.
TEST_F(FakeAppleTest, SendsNoReceipts) {
  stack.channels().connect(channel, &apple);
  apple.customer_send(0, opaque_id, "hi");
  run_for(Duration::seconds(1));
  ASSERT_EQ(client.offers.size(), 1u);
  ASSERT_TRUE(stack.console().accept(agent, client.offers[0]).is_ok());
  const stack::OutboundId id = stack.console().send(agent, client.sessions[0], "hello").value();
  run_for(Duration::hours(1));
  EXPECT_EQ(device.received, (std::vector<std::string>{"hello"}));
  EXPECT_EQ(stack.outbound().record(id).state, stack::DeliveryState::kQueued);
  EXPECT_EQ(trace.count(stack::TraceKind::kDeliveryStatus), 0);
}

}  // namespace
}  // namespace msgsim::fakes
