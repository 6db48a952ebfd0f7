// Apple Messages for Business on the wire: the fake MSP's webhooks decode in
// the stack exactly (texts, capability lists, closes), the stack's sends
// reach the fake with their interactive type, answers come back with the
// provider's code, and the ids and opaque addresses invert exactly.
#include "fakes/wire/apple_codec.h"

#include <gtest/gtest.h>

#include "sim/stack/wire/apple_wire_codec.h"
#include "sim/stack/wire/codecs.h"
#include "tests/fakes/wire/wire_round_trip.h"

namespace msgsim::fakes {
namespace {

using stack::InteractiveType;
using stack::capability_bit;

const stack::WireCredentials kCredentials = wire_test::credentials("8d3a2a7c-1b9e-4c3f-9a51-2f0f5c8e1d44");

stack::WireInbound customer_message(const AppleCodec& codec, std::string text) {
  stack::WireInbound event;
  event.from_address = codec.opaque_address(42);
  event.message_id = codec.message_id(7);
  event.text = std::move(text);
  event.sent_at = runtime::Time::zero() + runtime::Duration::milliseconds(90'061'001);
  event.capabilities = capability_bit(InteractiveType::kListPicker) | capability_bit(InteractiveType::kForm);
  return event;
}

// Every tricky text crosses from the fake to the stack byte for byte, with
// the sender, id, time and capability list.
TEST(AppleWire, CustomerMessagesRoundTripExactly) {
  const AppleCodec provider;
  const auto stack_codec = stack::make_apple_wire_codec();
  for (const std::string& text : wire_test::tricky_texts()) {
    const stack::WireInbound sent = customer_message(provider, text);
    const stack::DecodedWebhook decoded = wire_test::deliver(provider, *stack_codec, {{sent}, {}}, kCredentials);
    ASSERT_EQ(decoded.inbound.size(), 1u);
    const stack::WireInbound& got = decoded.inbound.front();
    EXPECT_EQ(got.text, text);
    EXPECT_EQ(got.kind, stack::InboundKind::kMessage);
    EXPECT_EQ(got.from_address, sent.from_address);
    EXPECT_EQ(got.message_id, sent.message_id);
    EXPECT_EQ(got.sent_at, sent.sent_at);
    EXPECT_EQ(got.capabilities, sent.capabilities);
    EXPECT_TRUE(decoded.receipts.empty());
  }
}

// Every capability mask survives the capability-list header.
TEST(AppleWire, EveryCapabilityMaskRoundTrips) {
  const AppleCodec provider;
  const auto stack_codec = stack::make_apple_wire_codec();
  for (unsigned mask = 0; mask < 64; mask += 2) {  // bit 0 is kText, which needs no capability
    stack::WireInbound sent = customer_message(provider, "hi");
    sent.capabilities = static_cast<stack::CapabilityMask>(mask);
    const stack::DecodedWebhook decoded = wire_test::deliver(provider, *stack_codec, {{sent}, {}}, kCredentials);
    ASSERT_EQ(decoded.inbound.size(), 1u);
    EXPECT_EQ(decoded.inbound.front().capabilities, mask);
  }
}

// A deleted conversation, and an end of chat, arrive as Apple's close.
TEST(AppleWire, ConversationDeletedAndEndOfChatArriveAsClose) {
  const AppleCodec provider;
  const auto stack_codec = stack::make_apple_wire_codec();
  stack::WireInbound deleted = customer_message(provider, "");
  deleted.kind = stack::InboundKind::kConversationDeleted;
  stack::WireInbound ended = customer_message(provider, "");
  ended.end_conversation = true;
  for (const stack::WireInbound& sent : {deleted, ended}) {
    const stack::HttpRequest request = provider.encode_webhook({{sent}, {}}, kCredentials);
    EXPECT_NE(request.body.find("\"type\":\"close\""), std::string::npos) << request.body;
    const stack::DecodedWebhook decoded = wire_test::deliver(provider, *stack_codec, {{sent}, {}}, kCredentials);
    ASSERT_EQ(decoded.inbound.size(), 1u);
    EXPECT_EQ(decoded.inbound.front().kind, stack::InboundKind::kConversationDeleted);
    EXPECT_EQ(decoded.inbound.front().message_id, sent.message_id);
  }
}

// Text and every interactive type reach the fake with the text, recipient
// and retry key the stack sent.
TEST(AppleWire, SendsCarryTheirInteractiveTypeFaithfully) {
  const AppleCodec provider;
  const auto stack_codec = stack::make_apple_wire_codec();
  for (const InteractiveType type : {InteractiveType::kText, InteractiveType::kListPicker, InteractiveType::kTimePicker,
                                     InteractiveType::kQuickReply, InteractiveType::kForm,
                                     InteractiveType::kAuthentication}) {
    for (const std::string& text : wire_test::tricky_texts()) {
      stack::WireSend send;
      send.to_address = provider.opaque_address(42);
      send.text = text;
      send.options.interactive = type;
      send.retry_key = "0f8e4a4c-5b0e-4d6e-8f3a-4c2b1a0e9d87";
      runtime::Result<stack::WireSend> got = wire_test::submit(provider, *stack_codec, send, kCredentials);
      ASSERT_TRUE(got.is_ok()) << got.status().message();
      EXPECT_EQ(got.value().text, text);
      EXPECT_EQ(got.value().to_address, send.to_address);
      EXPECT_EQ(got.value().options.interactive, type);
      EXPECT_EQ(got.value().retry_key, send.retry_key);
    }
  }
}

// A send signed with another secret is refused by the fake as unauthenticated.
TEST(AppleWire, FakeRefusesASendWithAForgedBearer) {
  const AppleCodec provider;
  const auto stack_codec = stack::make_apple_wire_codec();
  stack::WireSend send;
  send.to_address = provider.opaque_address(1);
  send.text = "hello";
  stack::WireCredentials forged = kCredentials;
  forged.secret = "not-the-secret";
  const runtime::Result<stack::WireSend> got = provider.decode_send(stack_codec->encode_send(send, forged), kCredentials);
  ASSERT_FALSE(got.is_ok());
  EXPECT_EQ(got.status().code(), runtime::StatusCode::kUnauthenticated);
}

// Accepted answers carry the provider's id; refusals its code, exactly.
TEST(AppleWire, AnswersRoundTrip) {
  const AppleCodec provider;
  const auto stack_codec = stack::make_apple_wire_codec();
  const stack::WireSendAnswer accepted =
      wire_test::answer(provider, *stack_codec, {stack::SendOutcome{true, 0}, provider.message_id(1ull << 62)});
  EXPECT_TRUE(accepted.outcome.accepted);
  EXPECT_EQ(accepted.message_id, provider.message_id(1ull << 62));
  for (const int code : {403, 429, 503, 7314}) {
    const stack::WireSendAnswer refused = wire_test::answer(provider, *stack_codec, {stack::SendOutcome{false, code}, ""});
    EXPECT_FALSE(refused.outcome.accepted);
    EXPECT_EQ(refused.outcome.error_code, code);
  }
}

// Message ids are UUIDs and opaque ids "urn:mbid:" + base64 of Apple's
// layout; both invert exactly and refuse strings they did not make.
TEST(AppleWire, IdsAndOpaqueAddressesAreExactBijections) {
  const AppleCodec provider;
  wire_test::expect_message_ids_invert(provider);
  wire_test::expect_addresses_invert(provider);
  wire_test::expect_altered_ids_refused(provider);
  EXPECT_EQ(provider.message_id(5).size(), 36u);
  EXPECT_EQ(provider.opaque_address(5).rfind("urn:mbid:AQAA", 0), 0u) << provider.opaque_address(5);
  EXPECT_NE(provider.message_id(1).substr(0, 8), provider.message_id(2).substr(0, 8));
}

}  // namespace
}  // namespace msgsim::fakes
