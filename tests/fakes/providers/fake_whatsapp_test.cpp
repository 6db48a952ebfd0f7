#include "fakes/providers/fake_whatsapp.h"

#include <gtest/gtest.h>

#include "tests/fakes/providers/provider_fixture.h"

namespace msgsim::fakes {
namespace {

using runtime::Duration;

struct FakeWhatsAppTest : testing::StackFixture {
  FakeWhatsApp whatsapp{runtime, stack, truth, device, channel, FakeProviderSettings{}};
  stack::CustomerHandle alice = new_customer();
};

// Inside the window a free-form message is delivered; 25 h after the last inbound it fails with 131047.
TEST_F(FakeWhatsAppTest, FreeFormOutsideTheWindowFailsWith131047) {
  whatsapp.customer_send(0, alice, "hi");
  EXPECT_TRUE(whatsapp.send(request(alice, 0, "inside")).accepted);
  run_for(Duration::hours(25));
  const stack::SendOutcome outside = whatsapp.send(request(alice, 1, "outside"));
  EXPECT_TRUE(outside.accepted);  // the API accepts; the status webhook fails it
  EXPECT_EQ(whatsapp.failure_code(stack::OutboundId(0)), 0);
  EXPECT_EQ(whatsapp.failure_code(stack::OutboundId(1)), FakeWhatsApp::kReengagementMessage);
  run_for(Duration::seconds(1));
  EXPECT_EQ(device.received, (std::vector<std::string>{"inside"}));
}

// A business message never opened the window: a first free-form message fails with 131047.
TEST_F(FakeWhatsAppTest, BusinessInitiatedFreeFormFails) {
  EXPECT_TRUE(whatsapp.send(request(alice, 0, "hello")).accepted);
  EXPECT_EQ(whatsapp.failure_code(stack::OutboundId(0)), FakeWhatsApp::kReengagementMessage);
}

// More than 45 messages to one recipient within seconds fail with the pair rate error 131056.
TEST_F(FakeWhatsAppTest, PairRateLimitGives131056) {
  whatsapp.customer_send(0, alice, "hi");
  for (std::uint32_t i = 0; i < 45; ++i) ASSERT_TRUE(whatsapp.send(request(alice, i, "x")).accepted);
  EXPECT_EQ(whatsapp.send(request(alice, 45, "x")).error_code, FakeWhatsApp::kPairRateLimit);
  run_for(Duration::seconds(6));
  EXPECT_TRUE(whatsapp.send(request(alice, 46, "x")).accepted);
}

// Above the business number's throughput (throttle_per_s) sends fail with 130429.
TEST_F(FakeWhatsAppTest, BusinessThroughputGives130429) {
  FakeProviderSettings settings;
  settings.faults.throttle_per_s = 5;
  FakeWhatsApp throttled(runtime, stack, truth, device, channel, settings);
  for (std::uint32_t i = 0; i < 5; ++i) ASSERT_TRUE(throttled.send(request(new_customer(), i, "x")).accepted);
  EXPECT_EQ(throttled.send(request(new_customer(), 5, "x")).error_code, FakeWhatsApp::kThroughputReached);
}

// Without a configured throttle the platform's 80 messages/s apply.
TEST_F(FakeWhatsAppTest, DefaultThroughputIs80PerSecond) {
  int accepted = 0;
  for (std::uint32_t i = 0; i < 100; ++i) accepted += whatsapp.send(request(new_customer(), i, "x")).accepted ? 1 : 0;
  EXPECT_EQ(accepted, 80);
}

}  // namespace
}  // namespace msgsim::fakes

namespace msgsim::fakes {
namespace {

// An approved template goes out outside the window; free-form does not.
TEST_F(FakeWhatsAppTest, TemplateIsAllowedOutsideTheWindow) {
  stack::OutboundOptions reminder;
  reminder.template_name = "order_update";
  reminder.template_category = stack::TemplateCategory::kUtility;
  stack::OutboundRequest templated = request(alice, 0, "Your order shipped");
  templated.options = &reminder;
  EXPECT_TRUE(whatsapp.send(templated).accepted);
  EXPECT_EQ(whatsapp.failure_code(stack::OutboundId(0)), 0);
  run_for(runtime::Duration::seconds(1));
  EXPECT_EQ(device.received, (std::vector<std::string>{"Your order shipped"}));
}

}  // namespace
}  // namespace msgsim::fakes
