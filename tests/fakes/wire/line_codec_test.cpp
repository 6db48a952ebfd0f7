// LINE on the wire: the fake's webhooks (messages, follows, unfollows,
// batches, redeliveries, standby) decode in the stack exactly with their
// reply tokens byte for byte; replies and pushes reach the fake; LINE's
// 400 / 409 / 429 answers come back as those codes; LINE's own limits on a
// send call are enforced; ids invert exactly.
#include "fakes/wire/line_codec.h"

#include <gtest/gtest.h>

#include "sim/stack/wire/codecs.h"
#include "sim/stack/wire/line_wire_codec.h"
#include "tests/fakes/wire/wire_round_trip.h"

namespace msgsim::fakes {
namespace {

const stack::WireCredentials kCredentials = wire_test::credentials("U0123456789abcdef0123456789abcdef");

stack::WireInbound text_event(const LineCodec& codec, std::uint64_t number, std::string text) {
  stack::WireInbound event;
  event.from_address = codec.opaque_address(number);
  event.message_id = codec.message_id(number);
  event.text = std::move(text);
  event.sent_at = runtime::Time::zero() + runtime::Duration::milliseconds(3'600'123);
  event.reply_token = "nHuyWiB7yP5Zw52FIkcQobQuGDXCTA+/=" + std::to_string(number);
  return event;
}

// Texts, reply tokens, ids, times and flags cross unchanged; a batch keeps
// its order.
TEST(LineWire, EventsRoundTripExactlyInOrder) {
  const LineCodec provider;
  const auto stack_codec = stack::make_line_wire_codec();
  stack::DecodedWebhook events;
  std::uint64_t number = 1;
  for (const std::string& text : wire_test::tricky_texts()) events.inbound.push_back(text_event(provider, number++, text));
  events.inbound[1].redelivery = true;
  events.inbound[2].standby = true;
  events.inbound[2].reply_token.clear();  // LINE gives no reply token in standby
  stack::WireInbound follow = text_event(provider, 90, "");
  follow.kind = stack::InboundKind::kFollow;
  stack::WireInbound unfollow = text_event(provider, 91, "");
  unfollow.kind = stack::InboundKind::kUnfollow;
  unfollow.reply_token.clear();
  events.inbound.push_back(follow);
  events.inbound.push_back(unfollow);
  const stack::DecodedWebhook decoded = wire_test::deliver(provider, *stack_codec, events, kCredentials);
  ASSERT_EQ(decoded.inbound.size(), events.inbound.size());
  for (std::size_t i = 0; i < events.inbound.size(); ++i) {
    const stack::WireInbound& sent = events.inbound[i];
    const stack::WireInbound& got = decoded.inbound[i];
    EXPECT_EQ(got.kind, sent.kind) << i;
    EXPECT_EQ(got.text, sent.text) << i;
    EXPECT_EQ(got.from_address, sent.from_address) << i;
    EXPECT_EQ(got.message_id, sent.message_id) << i;
    EXPECT_EQ(got.reply_token, sent.reply_token) << i;
    EXPECT_EQ(got.sent_at, sent.sent_at) << i;
    EXPECT_EQ(got.redelivery, sent.redelivery) << i;
    EXPECT_EQ(got.standby, sent.standby) << i;
  }
}

// LINE has no event for an end of chat, a deleted conversation or a
// receipt: the body leaves them out, and a webhook of nothing else is the
// empty events array that the stack accepts.
TEST(LineWire, EventsLineCannotExpressLeaveAnEmptyEventsArray) {
  const LineCodec provider;
  const auto stack_codec = stack::make_line_wire_codec();
  stack::WireInbound ended = text_event(provider, 3, "");
  ended.end_conversation = true;
  stack::DecodedWebhook events{{ended}, {stack::WireReceipt{"x", provider.opaque_address(3), stack::DeliveryState::kRead, 0}}};
  const stack::HttpRequest request = provider.encode_webhook(events, kCredentials);
  EXPECT_NE(request.body.find("\"events\":[]"), std::string::npos) << request.body;
  const stack::DecodedWebhook decoded = wire_test::deliver(provider, *stack_codec, events, kCredentials);
  EXPECT_TRUE(decoded.inbound.empty());
}

// A text message's message.id is a digit string, distinct per event.
TEST(LineWire, MessageIdsAreDigitStrings) {
  const LineCodec provider;
  const std::string digits = provider.message_digits(provider.message_id(12));
  ASSERT_FALSE(digits.empty());
  EXPECT_EQ(digits.find_first_not_of("0123456789"), std::string::npos);
  EXPECT_NE(digits, provider.message_digits(provider.message_id(13)));
  const stack::HttpRequest request = provider.encode_webhook({{text_event(provider, 12, "hi")}, {}}, kCredentials);
  EXPECT_NE(request.body.find("\"id\":\"" + digits + "\""), std::string::npos) << request.body;
}

// Replies carry the reply token exactly and no retry key; pushes carry the
// recipient and the retry key.
TEST(LineWire, RepliesAndPushesReachTheFake) {
  const LineCodec provider;
  const auto stack_codec = stack::make_line_wire_codec();
  for (const std::string& text : wire_test::tricky_texts()) {
    stack::WireSend reply;
    reply.text = text;
    reply.uses_reply_token = true;
    reply.reply_token = "b60d432864f44d079f6d8efe86cf404b";
    reply.retry_key = "123e4567-e89b-42d3-a456-426614174000";
    runtime::Result<stack::WireSend> got = wire_test::submit(provider, *stack_codec, reply, kCredentials);
    ASSERT_TRUE(got.is_ok()) << got.status().message();
    EXPECT_TRUE(got.value().uses_reply_token);
    EXPECT_EQ(got.value().reply_token, reply.reply_token);
    EXPECT_EQ(got.value().text, text);
    EXPECT_TRUE(got.value().retry_key.empty());

    stack::WireSend push = reply;
    push.uses_reply_token = false;
    push.reply_token.clear();
    push.to_address = provider.opaque_address(77);
    got = wire_test::submit(provider, *stack_codec, push, kCredentials);
    ASSERT_TRUE(got.is_ok()) << got.status().message();
    EXPECT_FALSE(got.value().uses_reply_token);
    EXPECT_EQ(got.value().to_address, push.to_address);
    EXPECT_EQ(got.value().retry_key, push.retry_key);
    EXPECT_EQ(got.value().text, text);
  }
}

// 200 answers carry the sent message's id (or none: {}); 400, 409 and 429
// reach SendOutcome.error_code as those HTTP statuses with LINE's messages.
TEST(LineWire, AnswersCarryLineStatusCodes) {
  const LineCodec provider;
  const auto stack_codec = stack::make_line_wire_codec();
  EXPECT_EQ(wire_test::answer(provider, *stack_codec, {stack::SendOutcome{true, 0}, "461230966842064897"}).message_id,
            "461230966842064897");
  const stack::WireSendAnswer empty = wire_test::answer(provider, *stack_codec, {stack::SendOutcome{true, 0}, ""});
  EXPECT_TRUE(empty.outcome.accepted);
  EXPECT_EQ(provider.encode_send_response({stack::SendOutcome{true, 0}, ""}).body, "{}");
  for (const int code : {400, 409, 429, 500}) {
    const stack::HttpResponse response = provider.encode_send_response({stack::SendOutcome{false, code}, ""});
    EXPECT_EQ(response.status, code);
    const stack::WireSendAnswer refused = wire_test::answer(provider, *stack_codec, {stack::SendOutcome{false, code}, ""});
    EXPECT_FALSE(refused.outcome.accepted);
    EXPECT_EQ(refused.outcome.error_code, code);
  }
  EXPECT_EQ(provider.encode_send_response({stack::SendOutcome{false, 400}, ""}).body,
            "{\"message\":\"Invalid reply token\"}");
  EXPECT_NE(provider.encode_send_response({stack::SendOutcome{false, 429}, ""}).body.find("rate limit"),
            std::string::npos);
}

stack::HttpRequest push_call(std::string messages, std::string retry_key = "") {
  stack::HttpRequest request;
  request.target = "/v2/bot/message/push";
  request.body = "{\"to\":\"U0123456789abcdef0123456789abcdef\",\"messages\":" + messages + "}";
  request.headers = {{"Authorization", "Bearer " + kCredentials.secret}};
  if (!retry_key.empty()) request.headers.push_back({"X-Line-Retry-Key", retry_key});
  return request;
}

// The fake enforces LINE's limits on a call: 1 to 5 messages, 5,000
// characters, a UUID retry key, the channel's token.
TEST(LineWire, FakeEnforcesLineSendLimits) {
  const LineCodec provider;
  const std::string one = R"({"type":"text","text":"hi"})";
  EXPECT_TRUE(provider.decode_send(push_call("[" + one + "]"), kCredentials).is_ok());
  const auto six = provider.decode_send(push_call("[" + one + "," + one + "," + one + "," + one + "," + one + "," + one + "]"),
                                        kCredentials);
  ASSERT_FALSE(six.is_ok());
  EXPECT_NE(six.status().message().find("messages: expected 1 to 5"), std::string::npos) << six.status().message();
  EXPECT_FALSE(provider.decode_send(push_call("[]"), kCredentials).is_ok());
  const std::string long_text = R"([{"type":"text","text":")" + std::string(5001, 'a') + "\"}]";
  EXPECT_FALSE(provider.decode_send(push_call(long_text), kCredentials).is_ok());
  EXPECT_FALSE(provider.decode_send(push_call("[" + one + "]", "not-a-uuid"), kCredentials).is_ok());
  stack::HttpRequest wrong_token = push_call("[" + one + "]");
  wrong_token.set_header("Authorization", "Bearer other");
  const auto refused = provider.decode_send(wrong_token, kCredentials);
  ASSERT_FALSE(refused.is_ok());
  EXPECT_EQ(refused.status().code(), runtime::StatusCode::kUnauthenticated);
}

// webhookEventIds are 26-character ULIDs dated from the run's start; user
// ids "U" + 32 hex; both invert exactly.
TEST(LineWire, IdsAreUlidsAndUserIdsAndInvertExactly) {
  const LineCodec provider;
  wire_test::expect_message_ids_invert(provider);
  wire_test::expect_addresses_invert(provider);
  wire_test::expect_altered_ids_refused(provider);
  const std::string ulid = provider.message_id(1);
  EXPECT_EQ(ulid.size(), 26u);
  EXPECT_EQ(ulid.substr(0, 3), "01K") << ulid;  // 2026 in ULID time
  EXPECT_TRUE(stack::is_line_user_id(provider.opaque_address(1)));
}

}  // namespace
}  // namespace msgsim::fakes
