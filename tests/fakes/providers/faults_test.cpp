#include "fakes/providers/faults.h"

#include <gtest/gtest.h>

#include "fakes/providers/fake_sms.h"
#include "fakes/providers/fake_whatsapp.h"
#include "tests/fakes/providers/provider_fixture.h"

namespace msgsim::fakes {
namespace {

using runtime::Distribution;
using runtime::Duration;
using runtime::Time;

FaultSettings only(double duplicate, double reorder, double drop) {
  FaultSettings settings;
  settings.duplicate = duplicate;
  settings.reorder = reorder;
  settings.drop_then_retry = drop;
  settings.duplicate_delay = Distribution::constant(7.0);
  settings.reorder_extra = Distribution::constant(5.0);
  return settings;
}

// Without faults a webhook arrives once, exactly after its latency.
TEST(FaultInjector, NoFaultsDeliverOnceAfterTheLatency) {
  runtime::SimRuntime runtime(1);
  FaultInjector faults(runtime, "provider/sms/0", only(0, 0, 0), sms_profile());
  const DeliveryPlan plan = faults.plan(Duration::seconds(2));
  ASSERT_EQ(plan.count, 1);
  EXPECT_EQ(plan.attempts[0], Duration::seconds(2));
}

// A duplicated webhook arrives twice, the copy one duplicate delay after the first.
TEST(FaultInjector, DuplicateDeliversASecondCopyAfterTheDelay) {
  runtime::SimRuntime runtime(1);
  FaultInjector faults(runtime, "provider/sms/0", only(1, 0, 0), sms_profile());
  const DeliveryPlan plan = faults.plan(Duration::seconds(2));
  ASSERT_EQ(plan.count, 2);
  EXPECT_EQ(plan.attempts[0], Duration::seconds(2));
  EXPECT_EQ(plan.attempts[1], Duration::seconds(9));
  EXPECT_EQ(faults.counts().duplicated, 1u);
}

// A reordered webhook is held back by the extra delay, so a later one overtakes it.
TEST(FaultInjector, ReorderHoldsAWebhookBackSoTheNextOvertakesIt) {
  runtime::SimRuntime runtime(1);
  FaultInjector faults(runtime, "provider/sms/0", only(0, 1, 0), sms_profile());
  const DeliveryPlan held = faults.plan(Duration::seconds(1));
  EXPECT_EQ(held.attempts[0], Duration::seconds(6));
  runtime.run_until(Time::at(Duration::seconds(1)));
  FaultInjector calm(runtime, "provider/sms/1", only(0, 0, 0), sms_profile());
  // The next event, sent a second later, lands at 2 s: before the held one at 6 s.
  EXPECT_LT(Duration::seconds(1) + calm.plan(Duration::seconds(1)).attempts[0], held.attempts[0]);
}

// A lost first attempt is retried on the platform's schedule: Twilio after 15 s, Meta after 10 s, or as configured.
TEST(FaultInjector, DropThenRetryFollowsThePlatformSchedule) {
  runtime::SimRuntime runtime(1);
  FaultInjector twilio(runtime, "provider/sms/0", only(0, 0, 1), sms_profile());
  FaultInjector meta(runtime, "provider/whatsapp/0", only(0, 0, 1), whatsapp_profile());
  FaultSettings custom = only(0, 0, 1);
  custom.retry_delay = Duration::seconds(42);
  FaultInjector configured(runtime, "provider/sms/1", custom, sms_profile());
  EXPECT_EQ(twilio.plan(Duration::seconds(1)).attempts[0], Duration::seconds(16));
  EXPECT_EQ(meta.plan(Duration::seconds(1)).attempts[0], Duration::seconds(11));
  EXPECT_EQ(configured.plan(Duration::seconds(1)).attempts[0], Duration::seconds(43));
  EXPECT_EQ(twilio.plan(Duration::seconds(1)).count, 1);
}

// During an outage the send API fails with the platform's 5xx-like error and webhooks wait for its end.
TEST(FaultInjector, OutageFailsSendsAndHoldsWebhooksUntilItEnds) {
  runtime::SimRuntime runtime(1);
  FaultSettings settings = only(0, 0, 0);
  settings.outages = {OutageWindow{Duration::seconds(10), Duration::seconds(20)},
                      OutageWindow{Duration::seconds(25), Duration::seconds(10)}};
  FaultInjector faults(runtime, "provider/sms/0", settings, sms_profile());
  EXPECT_EQ(faults.admit_send(), 0);
  EXPECT_EQ(faults.plan(Duration::seconds(12)).attempts[0], Duration::seconds(35));  // chained windows
  runtime.run_until(Time::at(Duration::seconds(10)));
  EXPECT_EQ(faults.admit_send(), FakeSms::kInternalServerError);
  runtime.run_until(Time::at(Duration::seconds(35)));
  EXPECT_EQ(faults.admit_send(), 0);
  EXPECT_EQ(faults.counts().held_by_outage, 1u);
}

// Sends above throttle_per_s fail with the platform's throttling error until tokens refill.
TEST(FaultInjector, ThrottleRefusesSendsAboveTheRate) {
  runtime::SimRuntime runtime(1);
  FaultSettings settings = only(0, 0, 0);
  settings.throttle_per_s = 3;
  FaultInjector faults(runtime, "provider/sms/0", settings, sms_profile());
  for (int i = 0; i < 3; ++i) EXPECT_EQ(faults.admit_send(), 0);
  EXPECT_EQ(faults.admit_send(), FakeSms::kTooManyRequests);
  runtime.run_until(Time::at(Duration::seconds(1)));
  EXPECT_EQ(faults.admit_send(), 0);
}

// The same seed and stream name give the same fault plans; another seed gives others.
TEST(FaultInjector, PlansAreDeterministicForASeed) {
  auto plans = [](std::uint64_t seed) {
    runtime::SimRuntime runtime(seed);
    FaultSettings settings = only(0.3, 0.3, 0.3);
    settings.duplicate_delay = Distribution::exponential(5.0);
    FaultInjector faults(runtime, "provider/web/0", settings, whatsapp_profile());
    std::vector<std::int64_t> out;
    for (int i = 0; i < 200; ++i) {
      const DeliveryPlan plan = faults.plan(Duration::seconds(1));
      for (std::uint8_t k = 0; k < plan.count; ++k) out.push_back(plan.attempts[k].ns());
    }
    return out;
  };
  EXPECT_EQ(plans(7), plans(7));
  EXPECT_NE(plans(7), plans(8));
}

using CourierTest = testing::StackFixture;

// A duplicate carries the same provider id, so the stack absorbs it; the message counts in flight until it lands.
TEST_F(CourierTest, DuplicateReusesTheProviderIdAndInFlightEndsAtFirstDelivery) {
  FaultSettings settings = only(1, 0, 0);
  settings.outages = {OutageWindow{Duration::zero(), Duration::seconds(30)}};
  FaultInjector faults(runtime, "provider/web/0", settings, sms_profile());
  StackWebhooks webhooks(stack);
  WebhookCourier courier(runtime, webhooks, faults);
  courier.deliver(stack::InboundWebhook{channel, stack::CustomerHandle{1}, stack::ProviderMessageId{5}, "hi",
                                        runtime.now()},
                  Duration::seconds(1));
  run_for(Duration::seconds(29));
  EXPECT_EQ(courier.in_flight(), 1u);  // held by the outage
  run_for(Duration::seconds(2));
  EXPECT_EQ(courier.in_flight(), 0u);
  run_for(Duration::minutes(1));
  EXPECT_EQ(trace.count(stack::TraceKind::kInboundAccepted), 1);
  EXPECT_EQ(trace.count(stack::TraceKind::kDuplicateAbsorbed), 1);
}

}  // namespace
}  // namespace msgsim::fakes
