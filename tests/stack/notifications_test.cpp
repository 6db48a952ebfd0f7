// Triggered notifications: their own ended session, the consent gate,
// allow_existing_session, and the 4,000 concurrent limit with retries.
#include "sim/stack/notifications.h"

#include <gtest/gtest.h>

#include "sim/runtime/sim_runtime.h"
#include "sim/stack/stack.h"

namespace msgsim::stack {
namespace {

struct Counter : ProviderApi {
  int sent = 0;
  SendOutcome send(const OutboundRequest&) override {
    ++sent;
    return SendOutcome{true, 0};
  }
  void agent_joined(ChannelId, CustomerHandle) override {}
};

struct NotificationsTest : ::testing::Test {
  runtime::SimRuntime runtime{1};
  Stack stack{runtime};
  Counter provider;
  ChannelId sms;

  void SetUp() override {
    QueueSettings queue;
    queue.id = "support";
    const QueueId q = stack.router().add_queue(queue);
    ChannelSettings settings;
    settings.id = "sms";
    settings.type = ChannelType::kSms;
    settings.route_queue = q;
    settings.fallback_queue = q;
    settings.consent.enabled = true;
    settings.consent.keywords_enabled = true;
    settings.consent.pack = keyword_pack("default").take();
    sms = stack.channels().add(settings).value();
    stack.channels().connect(sms, &provider);
  }
  void text(std::uint64_t from, std::uint64_t id, const char* body) {
    ASSERT_TRUE(stack.receive_webhook(InboundWebhook{sms, CustomerHandle{from}, ProviderMessageId{id}, body, runtime.now()}).is_ok());
  }
  NotificationRequest to(std::uint64_t customer, AllowExisting allow = AllowExisting::kAny) {
    NotificationRequest request;
    request.channel = sms;
    request.customer = CustomerHandle{customer};
    request.text = "Your order shipped";
    request.allow_existing = allow;
    return request;
  }
};

// A notification is its own TriggeredOutbound session, ended at once.
TEST_F(NotificationsTest, NotificationIsItsOwnEndedSession) {
  text(1, 1, "hi");  // the customer is known and implicitly opted in
  stack.notifications().trigger(to(1));
  const Session& session = stack.sessions().get(SessionId(1));
  EXPECT_EQ(session.origin, SessionOrigin::kTriggeredOutbound);
  EXPECT_EQ(session.status, SessionStatus::kEnded);
  EXPECT_EQ(stack.notifications().counts().sent, 1u);
}

// An opted-out customer gets no notification: the consent gate refuses it.
TEST_F(NotificationsTest, OptedOutCustomerIsNotNotified) {
  text(1, 1, "STOP");
  const int before = provider.sent;
  stack.notifications().trigger(to(1));
  EXPECT_EQ(provider.sent, before);
  EXPECT_EQ(stack.notifications().counts().refused, 1u);
}

// "closed" skips a customer with an open session; "any" does not.
TEST_F(NotificationsTest, ClosedSkipsCustomersInASession) {
  text(1, 1, "I have a question");  // a Waiting session
  stack.notifications().trigger(to(1, AllowExisting::kClosed));
  EXPECT_EQ(stack.notifications().counts().skipped_existing_session, 1u);
  stack.notifications().trigger(to(1, AllowExisting::kNonActive));  // Waiting is not Active
  EXPECT_EQ(stack.notifications().counts().sent, 1u);
}

// Above 4,000 at one instant, the rest wait and go ten minutes later.
TEST_F(NotificationsTest, ConcurrencyLimitDefersTheRest) {
  for (std::uint64_t c = 1; c <= 4100; ++c) text(c, c, "hi");
  const int before = provider.sent;
  for (std::uint64_t c = 1; c <= 4100; ++c) stack.notifications().trigger(to(c));
  EXPECT_EQ(provider.sent - before, 4000);
  runtime.run_until(runtime::Time::at(runtime::Duration::minutes(11)));
  EXPECT_EQ(provider.sent - before, 4100);
  EXPECT_EQ(stack.notifications().counts().deferred, 100u);
}

}  // namespace
}  // namespace msgsim::stack
