// The wire boundaries of a world, beyond what the scenario runs show: a
// provider's failed status report carries its error code to the stack's
// record of the message, typed and on the wire (WhatsApp's `failed` status
// webhook with errors[0].code 131047, Twilio's status callback with
// ErrorCode), and a late `delivered` does not clear it.
#include "sim/harness/wire_boundaries.h"

#include <gtest/gtest.h>

#include <memory>
#include <vector>

#include "fakes/providers/fake_sms.h"
#include "fakes/providers/fake_whatsapp.h"
#include "sim/runtime/sim_runtime.h"
#include "tests/fakes/providers/provider_fixture.h"

namespace msgsim::harness {
namespace {

using runtime::Duration;

enum class Boundary { kTyped, kWire };

// One channel of `type`, one agent, one customer who wrote and was answered
// later by the agent; the provider is the fake `make` returns, connected
// typed or through WireBoundaries.
class FailedStatusDesk {
 public:
  FailedStatusDesk(stack::ChannelType type, Boundary boundary) {
    stack::QueueSettings queue;
    queue.id = "support";
    const stack::QueueId q = stack_.router().add_queue(queue);
    stack::ChannelSettings settings;
    settings.id = "chan";
    settings.type = type;
    settings.route_queue = q;
    settings.fallback_queue = q;
    channel_ = stack_.channels().add(settings).value();
    stack::AgentSettings agent;
    agent.id = "a";
    agent.capacity = 2;
    agent.queues = {q};
    agent_ = stack_.router().add_agent(agent);
    stack_.console().attach(agent_, &offers_);
    fakes::FakeProviderSettings fake_settings;
    if (type == stack::ChannelType::kWhatsapp) {
      fakes::WhatsAppOptions options;
      options.window = Duration::hours(1);  // shorter than the stack's 24 h: the provider fails what the stack allowed
      options.read_probability = 0.0;
      fake_ = std::make_unique<fakes::FakeWhatsApp>(runtime_, stack_, truth_, device_, channel_, fake_settings, options);
    } else {
      fakes::SmsOptions options;
      options.undelivered_probability = 1.0;
      fake_ = std::make_unique<fakes::FakeSms>(runtime_, stack_, truth_, device_, channel_, fake_settings, options);
    }
    if (boundary == Boundary::kWire) {
      wire_ = std::make_unique<WireBoundaries>(runtime_, stack_, truth_);
      wire_->add(channel_, "chan", type, "", *fake_, 0.0);
    } else {
      stack_.channels().connect(channel_, fake_.get());
    }
  }

  // The customer writes, the agent accepts, and `later` after that answers.
  stack::OutboundId answer_after(Duration later) {
    const fakes::PersonId person = truth_.add_person(0, 0, runtime_.now());
    truth_.identity(person).phone = "+14155550123";
    fake_->customer_send(person, truth_.new_handle(person), "hi");
    run_for(Duration::seconds(1));
    EXPECT_EQ(offers_.offers.size(), 1u);
    EXPECT_TRUE(stack_.console().accept(agent_, offers_.offers.at(0)).is_ok());
    run_for(later);
    runtime::Result<stack::OutboundId> sent = stack_.console().send(agent_, stack::SessionId(0), "are you there?");
    EXPECT_TRUE(sent.is_ok()) << sent.status().message();
    run_for(Duration::minutes(1));
    return sent.value();
  }
  // A late `delivered` for the first message the provider accepted, as the
  // provider would report it.
  void late_delivered() {
    const stack::DeliveryReceipt receipt{channel_, stack::OutboundId(0), stack::DeliveryState::kDelivered};
    if (wire_) {
      wire_->gateway(channel_)->deliver_receipt(receipt);
    } else {
      stack_.receive_receipt(receipt);
    }
  }
  const stack::OutboundRecord& record(stack::OutboundId id) { return stack_.outbound().record(id); }
  const WireBoundaries* wire() const { return wire_.get(); }

 private:
  void run_for(Duration span) { runtime_.run_until(runtime_.now() + span); }

  runtime::SimRuntime runtime_{1};
  stack::Stack stack_{runtime_};
  fakes::GroundTruth truth_;
  fakes::testing::RecordingDevice device_;
  fakes::testing::OfferLog offers_;
  stack::ChannelId channel_;
  stack::AgentId agent_;
  std::unique_ptr<fakes::FakePlatform> fake_;
  std::unique_ptr<WireBoundaries> wire_;
};

// WhatsApp accepts a free-form message outside its window and fails it by
// status webhook with 131047: the record says failed, 131047, in both
// modes, and stays so after a late `delivered`.
TEST(WireBoundaries, AFailedWhatsAppStatusBrings131047ToTheRecordInBothModes) {
  for (const Boundary boundary : {Boundary::kTyped, Boundary::kWire}) {
    FailedStatusDesk desk(stack::ChannelType::kWhatsapp, boundary);
    const stack::OutboundId id = desk.answer_after(Duration::hours(2));
    EXPECT_EQ(desk.record(id).state, stack::DeliveryState::kFailed);
    EXPECT_EQ(desk.record(id).error_code, fakes::FakeWhatsApp::kReengagementMessage);
    desk.late_delivered();
    EXPECT_EQ(desk.record(id).state, stack::DeliveryState::kFailed);
    EXPECT_EQ(desk.record(id).error_code, fakes::FakeWhatsApp::kReengagementMessage);
    if (boundary == Boundary::kWire) {
      ASSERT_NE(desk.wire(), nullptr);
      EXPECT_EQ(desk.wire()->counts().unknown_receipts, 0u);
      EXPECT_EQ(desk.wire()->counts().refused, 0u);
    }
  }
}

// Twilio's `undelivered` status callback names its ErrorCode; the stack
// keeps it, typed and from the form post.
TEST(WireBoundaries, AnUndeliveredSmsKeepsTwiliosErrorCodeInBothModes) {
  for (const Boundary boundary : {Boundary::kTyped, Boundary::kWire}) {
    FailedStatusDesk desk(stack::ChannelType::kSms, boundary);
    const stack::OutboundId id = desk.answer_after(Duration::minutes(1));
    EXPECT_EQ(desk.record(id).state, stack::DeliveryState::kFailed);
    EXPECT_EQ(desk.record(id).error_code, fakes::SmsOptions{}.undelivered_error_code);
  }
}

}  // namespace
}  // namespace msgsim::harness
