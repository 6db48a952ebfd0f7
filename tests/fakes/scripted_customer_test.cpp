// The scripted customer: its actions (send, clear_device) and its device
// inbox, on its own against a recording provider, then through a whole web
// desk where clear_device must start a new conversation with no history.
#include "fakes/customers/scripted_customer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "sim/runtime/sim_runtime.h"
#include "tests/harness/script_desk.h"

namespace msgsim::testing {
namespace {

using ::testing::HasSubstr;
using runtime::Duration;
using runtime::Time;

// A provider that only records what customers hand it, as every provider
// records it in the ground truth.
class RecordingProvider final : public fakes::ProviderFake {
 public:
  RecordingProvider(fakes::GroundTruth& truth, stack::ChannelId channel) : truth_(truth), channel_(channel) {}
  struct Sent {
    fakes::PersonId person;
    stack::CustomerHandle from;
    std::string text;
  };
  void customer_send(fakes::PersonId person, stack::CustomerHandle from, std::string text) override {
    (void)truth_.record_message(person, channel_, Time::zero());
    sent.push_back(Sent{person, from, std::move(text)});
  }
  void customer_end(stack::CustomerHandle) override {}
  void use_webhook_target(fakes::WebhookTarget&) override {}
  std::uint64_t rejected_webhooks() const override { return 0; }
  std::uint64_t in_flight() const override { return 0; }
  stack::SendOutcome send(const stack::OutboundRequest&) override { return stack::SendOutcome{true, 0}; }
  void agent_joined(stack::ChannelId, stack::CustomerHandle) override {}

  std::vector<Sent> sent;

 private:
  fakes::GroundTruth& truth_;
  stack::ChannelId channel_;
};

struct CountingObserver final : fakes::DeviceObserver {
  std::vector<std::size_t> seen;
  void on_device_item(std::uint32_t, std::size_t inbox_index) override { seen.push_back(inbox_index); }
};

struct Bench {
  runtime::SimRuntime runtime{1};
  fakes::GroundTruth truth;
  RecordingProvider web{truth, stack::ChannelId(0)};
  std::vector<fakes::ProviderFake*> providers{&web};
  fakes::ScriptedCustomer alice{runtime, truth, 3, providers};
};

// The customer is a scripted person in the ground truth, keyed by its script index.
TEST(ScriptedCustomer, IsAScriptedPersonInTheGroundTruth) {
  Bench bench;
  const fakes::Person& person = bench.truth.persons()[bench.alice.person()];
  EXPECT_TRUE(person.scripted());
  EXPECT_EQ(person.member, 3u);
  EXPECT_FALSE(bench.alice.handle_on(stack::ChannelId(0)).has_value());
}

// Sends go through the channel's provider under one handle, made on first use; each returns its message id.
TEST(ScriptedCustomer, SendsThroughTheProviderUnderOneHandle) {
  Bench bench;
  EXPECT_EQ(bench.alice.send(stack::ChannelId(0), "Hello"), 0u);
  EXPECT_EQ(bench.alice.send(stack::ChannelId(0), "Anyone?"), 1u);
  ASSERT_EQ(bench.web.sent.size(), 2u);
  EXPECT_EQ(bench.web.sent[0].from, bench.web.sent[1].from);
  EXPECT_EQ(bench.web.sent[1].text, "Anyone?");
  EXPECT_EQ(bench.truth.person_of(bench.web.sent[0].from), bench.alice.person());
}

// clear_device gives a new handle of the same person; later sends use it.
TEST(ScriptedCustomer, ClearDeviceGivesANewHandleOfTheSamePerson) {
  Bench bench;
  (void)bench.alice.send(stack::ChannelId(0), "Hello");
  const stack::CustomerHandle before = *bench.alice.handle_on(stack::ChannelId(0));
  bench.alice.clear_device(stack::ChannelId(0));
  const stack::CustomerHandle after = *bench.alice.handle_on(stack::ChannelId(0));
  EXPECT_FALSE(before == after);
  EXPECT_EQ(bench.truth.person_of(after), bench.alice.person());
  (void)bench.alice.send(stack::ChannelId(0), "Hello again");
  EXPECT_EQ(bench.web.sent.back().from, after);
}

// The inbox keeps what arrived with its time, marks messages to a wiped handle as not seen, and tells the observer.
TEST(ScriptedCustomer, InboxKeepsTimesAndMarksWipedHandles) {
  Bench bench;
  CountingObserver observer;
  bench.alice.set_observer(&observer);
  (void)bench.alice.send(stack::ChannelId(0), "Hello");
  const stack::CustomerHandle old_handle = *bench.alice.handle_on(stack::ChannelId(0));
  bench.runtime.schedule_at(Time::at(Duration::seconds(5)), [&]() {
    bench.alice.on_business_message(stack::ChannelId(0), old_handle, "Hi there");
    bench.alice.clear_device(stack::ChannelId(0));
    bench.alice.on_agent_joined(stack::ChannelId(0), old_handle);
    bench.alice.on_business_message(stack::ChannelId(0), old_handle, "Still there?");
  });
  bench.runtime.run_until(Time::at(Duration::seconds(10)));
  const std::vector<fakes::DeviceItem>& inbox = bench.alice.inbox();
  ASSERT_EQ(inbox.size(), 3u);
  EXPECT_EQ(inbox[0].at, Time::at(Duration::seconds(5)));
  EXPECT_EQ(inbox[0].text, "Hi there");
  EXPECT_TRUE(inbox[0].current);
  EXPECT_EQ(inbox[1].kind, fakes::DeviceItem::Kind::kAgentJoined);
  EXPECT_FALSE(inbox[2].current);
  EXPECT_EQ(observer.seen, (std::vector<std::size_t>{0, 1, 2}));
}

// Through the desk, a send step reports what was sent on which channel and when.
TEST(ScriptedCustomer, SendStepReportsTheMessageAndTime) {
  const harness::ScriptResult result =
      run_alice(R"({"at": "1m", "send": {"channel": "web", "text": "Where is my order?"}})");
  EXPECT_TRUE(result.passed);
  EXPECT_EQ(step(result, 1).detail, "sent \"Where is my order?\" on web at t=60.0 s");
}

// After clear_device the next message starts a new conversation: a new session and the first-contact auto-response again.
TEST(ScriptedCustomer, ClearDeviceStartsANewConversationWithNoHistory) {
  Desk desk;
  desk.agents = 2;
  desk.handle_time = "1h";
  const harness::ScriptResult result = run_alice(
      R"({"at": "1m", "send": {"channel": "web", "text": "Hello"}},
         {"expect": {"received": {"channel": "web", "matching": "an agent will", "within": "30s"}}},
         {"at": "5m", "clear_device": {"channel": "web"}},
         {"expect": {"session_status": {"channel": "web", "in": ["Active"]}}},
         {"send": {"channel": "web", "text": "Hello from a fresh browser"}},
         {"expect": {"routed_within": "1m",
                     "received": {"channel": "web", "matching": "an agent will", "within": "30s"}}},
         {"expect": {"same_agent": false}})",
      desk);
  EXPECT_EQ(step(result, 3).detail,
            "cleared the browser on web at t=300.0 s; the customer continues under a new web id");
  // The wiped browser has no conversation: the session status check finds none.
  EXPECT_FALSE(step(result, 4).passed);
  EXPECT_THAT(step(result, 4).detail, HasSubstr("the customer has no session there"));
  // A new messaging user: a new session, routed, greeted as a first contact.
  EXPECT_TRUE(step(result, 6).passed) << step(result, 6).detail;
  EXPECT_THAT(step(result, 6).detail, HasSubstr("(sent t=300.0 s, accepted t=302.5 s)"));
  // The first agent still holds the old conversation (capacity 1): another agent took the new one.
  EXPECT_TRUE(step(result, 7).passed) << step(result, 7).detail;
}

// Replies to the wiped browser never reach the customer: received fails, while no_outbound still counts them.
TEST(ScriptedCustomer, MessagesToAWipedBrowserAreNotSeen) {
  Desk desk;
  desk.reply_delay = "30s";
  const harness::ScriptResult result = run_alice(
      R"({"at": "1m", "send": {"channel": "web", "text": "Hello"}},
         {"at": "1m10s", "clear_device": {"channel": "web"}},
         {"expect": {"no_outbound": {"channel": "web", "for": "1m"}}},
         {"expect": {"received": {"channel": "web", "matching": "Happy", "within": "2m"}}})",
      desk);
  EXPECT_FALSE(step(result, 3).passed);
  EXPECT_THAT(step(result, 3).detail, HasSubstr("\"Happy to help!\" arrived at t=93.0 s"));
  EXPECT_FALSE(step(result, 4).passed);
  EXPECT_THAT(step(result, 4).detail, HasSubstr("expected a message on web matching \"Happy\" within 120 s"));
}

}  // namespace
}  // namespace msgsim::testing
