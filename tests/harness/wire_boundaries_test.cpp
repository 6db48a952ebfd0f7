// The wire boundaries of a world, beyond what the scenario runs show: a
// provider's failed status report carries its error code to the stack's
// record of the message, typed and on the wire (WhatsApp's `failed` status
// webhook with errors[0].code 131047, Twilio's status callback with
// ErrorCode), and a late `delivered` does not clear it; a CCaaS partner's
// every call, messagingSession End and Inactivate included, crosses the wire
// and gets the platform's answer.
#include "sim/harness/wire_boundaries.h"

#include <gtest/gtest.h>

#include <memory>
#include <vector>

#include "fakes/providers/fake_byoc.h"
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

// A partner that owns routing and consent, on the wire: it routes the
// customer's conversation to its first agent through route and agentWork
// (after the platform's routing event), its STOP becomes a PATCH consent,
// and messagingSession Inactivate and End change the conversation, each
// answered as the PartnerApi answers; nothing is refused as unreadable.
TEST(WireBoundaries, APartnersCallsCrossTheWireAndGetThePlatformsAnswers) {
  runtime::SimRuntime runtime(1);
  stack::Stack stack(runtime);
  stack::QueueSettings external;
  external.id = "partner";
  external.model = stack::RoutingModel::kExternal;
  const stack::QueueId queue = stack.router().add_queue(external);
  stack::ChannelSettings settings;
  settings.id = "ccaas";
  settings.type = stack::ChannelType::kByocCcaas;
  settings.route_queue = queue;
  settings.fallback_queue = queue;
  settings.partner_routing = true;
  settings.consent.enabled = true;
  settings.consent.partner_owned = true;
  const stack::ChannelId channel = stack.channels().add(settings).value();
  stack::AgentSettings agent_settings;
  agent_settings.id = "first";
  agent_settings.queues = {queue};
  const stack::AgentId agent = stack.router().add_agent(agent_settings);
  fakes::testing::OfferLog offers;
  stack.console().attach(agent, &offers);

  fakes::GroundTruth truth;
  fakes::testing::RecordingDevice device;
  fakes::FakeProviderSettings fake_settings;
  fake_settings.partner.owns_routing = true;
  fake_settings.partner.roster = {agent};
  fake_settings.partner.owns_consent = true;
  fake_settings.partner.keywords = stack::keyword_pack("default").value();
  fake_settings.partner.opt_out_confirmation = "You are out.";
  fakes::FakeByoc partner(runtime, stack, truth, device, channel, fake_settings);
  WireBoundaries wire(runtime, stack, truth);
  wire.add(channel, "ccaas", stack::ChannelType::kByocCcaas, "ccaas-partner-1", partner, 0.0);
  fakes::PartnerGateway* gateway = wire.partner_gateway(channel);
  ASSERT_NE(gateway, nullptr);

  const fakes::PersonId person = truth.add_person(0, 0, runtime.now());
  const stack::CustomerHandle customer = truth.new_handle(person);
  partner.customer_send(person, customer, "hello");
  runtime.run_until(runtime.now() + Duration::seconds(1));
  ASSERT_EQ(offers.offers.size(), 1u);  // routed by the partner, over the wire
  ASSERT_TRUE(stack.console().accept(agent, offers.offers[0]).is_ok());
  const stack::SessionId session = offers.sessions[0];

  partner.customer_send(person, customer, "STOP");
  runtime.run_until(runtime.now() + Duration::seconds(1));
  EXPECT_EQ(stack.consent().level(stack.users().find(channel, customer)), stack::ConsentLevel::kOptedOut);
  EXPECT_EQ(device.received, (std::vector<std::string>{"You are out."}));

  // In process the platform's answer comes inside the call.
  runtime::Status answered;
  auto keep = [&answered](runtime::Status status) { answered = std::move(status); };
  gateway->partner_inactivate_session(channel, customer, keep);
  EXPECT_TRUE(answered.is_ok());
  EXPECT_EQ(stack.sessions().get(session).status, stack::SessionStatus::kInactive);
  gateway->partner_end_session(channel, customer, keep);
  EXPECT_TRUE(answered.is_ok());
  EXPECT_EQ(stack.sessions().get(session).status, stack::SessionStatus::kEnded);
  gateway->partner_end_session(channel, customer, keep);
  const runtime::Status again = answered;
  EXPECT_EQ(again.code(), runtime::StatusCode::kNotFound);
  EXPECT_EQ(again.message(), stack.partner().end_session(channel, customer).message());

  const WireCounts counts = wire.counts();
  // route, agentWork, agentWork again for the announced request (404: taken
  // already), consent, Inactivate, End, End again (404).
  EXPECT_EQ(counts.partner_calls, 7u);
  EXPECT_EQ(counts.partner_calls_declined, 2u);
  EXPECT_EQ(counts.partner_calls_refused, 0u);
  EXPECT_EQ(counts.partner_events, 2u);  // the conversation, then its waiting request
  EXPECT_EQ(gateway->counts().refused_events, 0u);
  EXPECT_EQ(gateway->counts().refused_calls, 0u);
}

}  // namespace
}  // namespace msgsim::harness
