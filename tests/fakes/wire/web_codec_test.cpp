// Web and in-app chat on the wire: messages, ends of chat and receipts
// cross from the fake to the stack exactly, a verified visitor's identity
// token yields its subject, sends reach the fake with their idempotency key,
// answers keep the provider's code, and visitor / device ids invert.
#include "fakes/wire/web_codec.h"

#include <gtest/gtest.h>

#include "sim/stack/wire/codecs.h"
#include "tests/fakes/wire/wire_round_trip.h"

namespace msgsim::fakes {
namespace {

const stack::WireCredentials kCredentials = wire_test::credentials("5f2b8c1e-7d4a-4e0b-9c3d-1a2b3c4d5e6f");

struct Flavor {
  stack::ChannelType type;
  std::unique_ptr<stack::StackWireCodec> (*stack_codec)();
};
const Flavor kFlavors[] = {{stack::ChannelType::kWeb, &stack::make_web_wire_codec},
                           {stack::ChannelType::kInApp, &stack::make_in_app_wire_codec}};

stack::WireInbound visitor_message(const WebCodec& codec, std::string text) {
  stack::WireInbound event;
  event.from_address = codec.opaque_address(9);
  event.message_id = codec.message_id(21);
  event.text = std::move(text);
  event.sent_at = runtime::Time::zero() + runtime::Duration::milliseconds(61'500);
  return event;
}

// Messages (guest and verified) and ends of chat cross exactly.
TEST(WebWire, VisitorEventsRoundTripExactly) {
  for (const Flavor& flavor : kFlavors) {
    const WebCodec provider(flavor.type);
    const auto stack_codec = flavor.stack_codec();
    EXPECT_EQ(stack_codec->type(), flavor.type);
    for (const std::string& text : wire_test::tricky_texts()) {
      for (const char* subject : {"", "005xx000001Sv6AAE", "ana@example.com"}) {
        stack::WireInbound sent = visitor_message(provider, text);
        sent.verified_subject = subject;
        const stack::DecodedWebhook decoded = wire_test::deliver(provider, *stack_codec, {{sent}, {}}, kCredentials);
        ASSERT_EQ(decoded.inbound.size(), 1u);
        const stack::WireInbound& got = decoded.inbound.front();
        EXPECT_EQ(got.text, text);
        EXPECT_EQ(got.from_address, sent.from_address);
        EXPECT_EQ(got.message_id, sent.message_id);
        EXPECT_EQ(got.sent_at, sent.sent_at);
        EXPECT_EQ(got.verified_subject, subject);
        EXPECT_FALSE(got.end_conversation);
      }
    }
    stack::WireInbound ended = visitor_message(provider, "");
    ended.end_conversation = true;
    const stack::DecodedWebhook decoded = wire_test::deliver(provider, *stack_codec, {{ended}, {}}, kCredentials);
    ASSERT_EQ(decoded.inbound.size(), 1u);
    EXPECT_TRUE(decoded.inbound.front().end_conversation);
    EXPECT_EQ(decoded.inbound.front().message_id, ended.message_id);
  }
}

// Every delivery state crosses as a receipt, failures with their code.
TEST(WebWire, ReceiptsRoundTrip) {
  const WebCodec provider(stack::ChannelType::kWeb);
  const auto stack_codec = stack::make_web_wire_codec();
  for (const stack::DeliveryState state : {stack::DeliveryState::kQueued, stack::DeliveryState::kSent,
                                           stack::DeliveryState::kDelivered, stack::DeliveryState::kRead,
                                           stack::DeliveryState::kFailed}) {
    const stack::WireReceipt sent{provider.message_id(1ull << 62), provider.opaque_address(4), state,
                                  state == stack::DeliveryState::kFailed ? 404 : 0};
    const stack::DecodedWebhook decoded = wire_test::deliver(provider, *stack_codec, {{}, {sent}}, kCredentials);
    ASSERT_EQ(decoded.receipts.size(), 1u);
    EXPECT_EQ(decoded.receipts.front().message_id, sent.message_id);
    EXPECT_EQ(decoded.receipts.front().recipient_address, sent.recipient_address);
    EXPECT_EQ(decoded.receipts.front().state, state);
    EXPECT_EQ(decoded.receipts.front().error_code, sent.error_code);
  }
}

// Sends reach the fake with recipient, text and idempotency key; answers
// carry the id or the code.
TEST(WebWire, SendsAndAnswersRoundTrip) {
  for (const Flavor& flavor : kFlavors) {
    const WebCodec provider(flavor.type);
    const auto stack_codec = flavor.stack_codec();
    for (const std::string& text : wire_test::tricky_texts()) {
      for (const std::string& to : {provider.opaque_address(3), std::string("visitor 7/ü?x")}) {
        stack::WireSend send;
        send.to_address = to;
        send.text = text;
        send.retry_key = "1b4e28ba-2fa1-41d2-883f-0016d3cca427";
        runtime::Result<stack::WireSend> got = wire_test::submit(provider, *stack_codec, send, kCredentials);
        ASSERT_TRUE(got.is_ok()) << got.status().message();
        EXPECT_EQ(got.value().to_address, to);
        EXPECT_EQ(got.value().text, text);
        EXPECT_EQ(got.value().retry_key, send.retry_key);
      }
    }
    const stack::HttpResponse created = provider.encode_send_response({stack::SendOutcome{true, 0}, provider.message_id(8)});
    EXPECT_EQ(created.status, 201);
    EXPECT_EQ(wire_test::answer(provider, *stack_codec, {stack::SendOutcome{true, 0}, provider.message_id(8)}).message_id,
              provider.message_id(8));
    for (const int code : {404, 429, 503, 12}) {
      const stack::WireSendAnswer refused = wire_test::answer(provider, *stack_codec, {stack::SendOutcome{false, code}, ""});
      EXPECT_FALSE(refused.outcome.accepted);
      EXPECT_EQ(refused.outcome.error_code, code);
    }
  }
}

// The fake refuses a send signed with another secret or sent elsewhere.
TEST(WebWire, FakeRefusesForgedOrMisdirectedSends) {
  const WebCodec provider(stack::ChannelType::kWeb);
  const auto stack_codec = stack::make_web_wire_codec();
  stack::WireSend send;
  send.to_address = provider.opaque_address(3);
  send.text = "hello";
  stack::WireCredentials forged = kCredentials;
  forged.secret = "guess";
  const auto unauthenticated = provider.decode_send(stack_codec->encode_send(send, forged), kCredentials);
  ASSERT_FALSE(unauthenticated.is_ok());
  EXPECT_EQ(unauthenticated.status().code(), runtime::StatusCode::kUnauthenticated);
  stack::HttpRequest elsewhere = stack_codec->encode_send(send, kCredentials);
  elsewhere.target = "/conversations/messages";
  const auto misdirected = provider.decode_send(elsewhere, kCredentials);
  ASSERT_FALSE(misdirected.is_ok());
  EXPECT_EQ(misdirected.status().code(), runtime::StatusCode::kInvalidInput);
}

// Visitor ids (lowercase UUIDs), device ids (uppercase UUIDs) and message
// ids invert exactly; web and in-app never decode each other's.
TEST(WebWire, IdsInvertExactlyPerFlavor) {
  const WebCodec web(stack::ChannelType::kWeb);
  const WebCodec in_app(stack::ChannelType::kInApp);
  for (const WebCodec* codec : {&web, &in_app}) {
    wire_test::expect_message_ids_invert(*codec);
    wire_test::expect_addresses_invert(*codec);
    wire_test::expect_altered_ids_refused(*codec);
  }
  EXPECT_FALSE(in_app.opaque_number(web.opaque_address(5)).has_value());
  EXPECT_FALSE(web.message_number(in_app.message_id(5)).has_value());
  const std::string device = in_app.opaque_address(5);
  EXPECT_EQ(device.find_first_of("abcdef"), std::string::npos) << device;
}

}  // namespace
}  // namespace msgsim::fakes
