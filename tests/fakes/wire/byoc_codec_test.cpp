// BYOC (and BYOC for CCaaS) on the wire: inbound interactions (messages,
// the end user leaving, acknowledgements, delivery failures) cross from the
// fake partner to the stack exactly, outbound messages reach the partner
// with their entry id, answers keep the partner's code, ids invert.
#include "fakes/wire/byoc_codec.h"

#include <gtest/gtest.h>

#include "sim/stack/wire/codecs.h"
#include "tests/fakes/wire/wire_round_trip.h"

namespace msgsim::fakes {
namespace {

const stack::WireCredentials kCredentials = wire_test::credentials("partner-channel-01");

struct Flavor {
  stack::ChannelType type;
  std::unique_ptr<stack::StackWireCodec> (*stack_codec)();
};
const Flavor kFlavors[] = {{stack::ChannelType::kByoc, &stack::make_byoc_wire_codec},
                           {stack::ChannelType::kByocCcaas, &stack::make_byoc_ccaas_wire_codec}};

// A batch of messages and an end of chat crosses exactly, in order.
TEST(ByocWire, InteractionsRoundTripExactly) {
  for (const Flavor& flavor : kFlavors) {
    const ByocCodec provider(flavor.type);
    const auto stack_codec = flavor.stack_codec();
    EXPECT_EQ(stack_codec->type(), flavor.type);
    stack::DecodedWebhook events;
    std::uint64_t number = 1;
    for (const std::string& text : wire_test::tricky_texts()) {
      stack::WireInbound event;
      event.from_address = provider.opaque_address(6);
      event.message_id = provider.message_id(number);
      event.text = text;
      event.sent_at = runtime::Time::zero() + runtime::Duration::milliseconds(static_cast<std::int64_t>(number++ * 1000));
      events.inbound.push_back(event);
    }
    stack::WireInbound left = events.inbound.front();
    left.text.clear();
    left.message_id = provider.message_id(99);
    left.end_conversation = true;
    events.inbound.push_back(left);
    const stack::DecodedWebhook decoded = wire_test::deliver(provider, *stack_codec, events, kCredentials);
    ASSERT_EQ(decoded.inbound.size(), events.inbound.size());
    for (std::size_t i = 0; i < events.inbound.size(); ++i) {
      EXPECT_EQ(decoded.inbound[i].text, events.inbound[i].text) << i;
      EXPECT_EQ(decoded.inbound[i].message_id, events.inbound[i].message_id) << i;
      EXPECT_EQ(decoded.inbound[i].from_address, events.inbound[i].from_address) << i;
      EXPECT_EQ(decoded.inbound[i].sent_at, events.inbound[i].sent_at) << i;
      EXPECT_EQ(decoded.inbound[i].end_conversation, events.inbound[i].end_conversation) << i;
    }
  }
}

// Acknowledgements and failures become receipts; queued and sent, which the
// API cannot say, are left out.
TEST(ByocWire, AcknowledgementsAndFailuresBecomeReceipts) {
  const ByocCodec provider(stack::ChannelType::kByoc);
  const auto stack_codec = stack::make_byoc_wire_codec();
  const std::string customer = provider.opaque_address(2);
  stack::DecodedWebhook events;
  events.receipts = {{provider.message_id(1ull << 62), customer, stack::DeliveryState::kDelivered, 0},
                     {provider.message_id((1ull << 62) + 1), customer, stack::DeliveryState::kRead, 0},
                     {provider.message_id((1ull << 62) + 2), customer, stack::DeliveryState::kFailed, 4040},
                     {provider.message_id((1ull << 62) + 3), customer, stack::DeliveryState::kSent, 0}};
  const stack::DecodedWebhook decoded = wire_test::deliver(provider, *stack_codec, events, kCredentials);
  ASSERT_EQ(decoded.receipts.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(decoded.receipts[i].message_id, events.receipts[i].message_id);
    EXPECT_EQ(decoded.receipts[i].recipient_address, customer);
    EXPECT_EQ(decoded.receipts[i].state, events.receipts[i].state);
    EXPECT_EQ(decoded.receipts[i].error_code, events.receipts[i].error_code);
  }
}

// Outbound messages reach the partner with recipient, text and entry id;
// answers carry the partner's id or its code.
TEST(ByocWire, SendsAndAnswersRoundTrip) {
  for (const Flavor& flavor : kFlavors) {
    const ByocCodec provider(flavor.type);
    const auto stack_codec = flavor.stack_codec();
    for (const std::string& text : wire_test::tricky_texts()) {
      stack::WireSend send;
      send.to_address = provider.opaque_address(3);
      send.text = text;
      send.retry_key = "9f1c2d3e-4b5a-4c6d-8e7f-a0b1c2d3e4f5";
      runtime::Result<stack::WireSend> got = wire_test::submit(provider, *stack_codec, send, kCredentials);
      ASSERT_TRUE(got.is_ok()) << got.status().message();
      EXPECT_EQ(got.value().to_address, send.to_address);
      EXPECT_EQ(got.value().text, text);
      EXPECT_EQ(got.value().retry_key, send.retry_key);
    }
    EXPECT_EQ(wire_test::answer(provider, *stack_codec, {stack::SendOutcome{true, 0}, provider.message_id(4)}).message_id,
              provider.message_id(4));
    for (const int code : {400, 429, 503, 70001}) {
      const stack::WireSendAnswer refused = wire_test::answer(provider, *stack_codec, {stack::SendOutcome{false, code}, ""});
      EXPECT_FALSE(refused.outcome.accepted);
      EXPECT_EQ(refused.outcome.error_code, code);
    }
  }
}

// A send without a retry key still gets a UUID entry id, the same for the
// same message.
TEST(ByocWire, SendsWithoutRetryKeyGetAContentDerivedEntryId) {
  const ByocCodec provider(stack::ChannelType::kByoc);
  const auto stack_codec = stack::make_byoc_wire_codec();
  stack::WireSend send;
  send.to_address = provider.opaque_address(3);
  send.text = "hello";
  const auto first = wire_test::submit(provider, *stack_codec, send, kCredentials);
  const auto second = wire_test::submit(provider, *stack_codec, send, kCredentials);
  ASSERT_TRUE(first.is_ok() && second.is_ok());
  EXPECT_EQ(first.value().retry_key.size(), 36u);
  EXPECT_EQ(first.value().retry_key, second.value().retry_key);
}

// Entry ids and end-user ids invert exactly; byoc and byoc_ccaas never
// decode each other's.
TEST(ByocWire, IdsInvertExactlyPerType) {
  const ByocCodec byoc(stack::ChannelType::kByoc);
  const ByocCodec ccaas(stack::ChannelType::kByocCcaas);
  for (const ByocCodec* codec : {&byoc, &ccaas}) {
    wire_test::expect_message_ids_invert(*codec);
    wire_test::expect_addresses_invert(*codec);
    wire_test::expect_altered_ids_refused(*codec);
  }
  EXPECT_FALSE(ccaas.opaque_number(byoc.opaque_address(5)).has_value());
}

}  // namespace
}  // namespace msgsim::fakes
