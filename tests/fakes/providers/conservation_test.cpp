#include <gtest/gtest.h>

#include <string>

#include "fakes/providers/fake_web.h"
#include "tests/fakes/providers/provider_fixture.h"

namespace msgsim::fakes {
namespace {

using runtime::Distribution;
using runtime::Duration;
using runtime::Time;

using FaultConservation = testing::StackFixture;

// Under duplicates, reordering, lost-then-retried attempts and an outage, every customer
// message lands in the transcript exactly once and in_flight() counts the ones held back.
TEST_F(FaultConservation, EveryCustomerMessageLandsExactlyOnce) {
  FakeProviderSettings settings;
  settings.latency = Distribution::lognormal(0.3, 0.1);
  settings.receipt_latency = Distribution::exponential(1.0);
  settings.faults.duplicate = 0.2;
  settings.faults.reorder = 0.2;
  settings.faults.drop_then_retry = 0.2;
  settings.faults.outages = {OutageWindow{Duration::minutes(2), Duration::minutes(3)}};
  FakeWeb web(runtime, stack, truth, device, channel, settings);
  stack.channels().connect(channel, &web);

  constexpr int kCustomers = 40;
  constexpr int kMessagesEach = 10;
  std::vector<stack::CustomerHandle> customers;
  for (int c = 0; c < kCustomers; ++c) customers.push_back(new_customer());
  std::uint64_t most_in_flight = 0;
  for (int m = 0; m < kMessagesEach; ++m) {
    for (int c = 0; c < kCustomers; ++c) {
      web.customer_send(truth.person_of(customers[c]), customers[c], "c" + std::to_string(c) + "m" + std::to_string(m));
    }
    run_for(Duration::seconds(30));
    most_in_flight = std::max(most_in_flight, web.in_flight());
  }
  EXPECT_GT(most_in_flight, static_cast<std::uint64_t>(kCustomers));  // the outage held a whole round
  run_for(Duration::hours(1));

  const int sent = kCustomers * kMessagesEach;
  ASSERT_EQ(truth.messages().size(), static_cast<std::size_t>(sent));
  EXPECT_EQ(web.in_flight(), 0u);
  EXPECT_EQ(web.rejected_webhooks(), 0u);
  EXPECT_EQ(trace.count(stack::TraceKind::kInboundAccepted), sent);
  EXPECT_EQ(trace.count(stack::TraceKind::kDuplicateAbsorbed), static_cast<int>(web.faults().counts().duplicated));
  EXPECT_GT(web.faults().counts().duplicated, 0u);
  EXPECT_GT(web.faults().counts().reordered, 0u);
  EXPECT_GT(web.faults().counts().dropped, 0u);
  EXPECT_GT(web.faults().counts().held_by_outage, 0u);
}

}  // namespace
}  // namespace msgsim::fakes
