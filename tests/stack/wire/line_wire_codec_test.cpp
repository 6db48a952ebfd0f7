// The stack's LINE decoder: the published signature vector verifies, forged
// signatures are refused naming the header, a documented webhook decodes
// field by field (reply token byte for byte, dedup on webhookEventId), an
// empty events array yields nothing, documented but unmodelled events are
// ignored, unknown ones and any bad event refuse the whole request with the
// JSON path, hostile bodies never crash; sends and LINE's answers.
#include "sim/stack/wire/line_wire_codec.h"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "sim/stack/channels/signatures.h"
#include "sim/stack/wire/codecs.h"
#include "sim/stack/wire/wire_time.h"
#include "tests/stack/wire/hostile_input.h"

namespace msgsim::stack {
namespace {

using runtime::StatusCode;

constexpr const char* kVectorsPath = MSGSIM_SOURCE_DIR "/../shared/vectors/channel_vectors.json";
constexpr const char* kBot = "U0123456789abcdef0123456789abcdef";

WireCredentials line_credentials() {
  WireCredentials credentials;
  credentials.secret = "test_channel_secret";
  credentials.business_address = kBot;
  return credentials;
}

void sign(HttpRequest& request) {
  request.set_header("x-line-signature", line_signature(line_credentials().secret, request.body));
}

HttpRequest signed_request(std::string body) {
  HttpRequest request;
  request.target = "/webhooks/line";
  request.body = std::move(body);
  sign(request);
  return request;
}

// The message event of LINE's webhook reference, with our bot and user.
std::string message_event(std::string_view type = "message", std::string_view extra = "") {
  return std::string(R"({"type":")") + std::string(type) +
         R"(","message":{"type":"text","id":"444573844083572737","quoteToken":"q3Plxr4AgKd","text":"hello \"LINE\" 😀"},)"
         R"("webhookEventId":"01FZ74A0TDDPYRVKNK77XKC3ZR","deliveryContext":{"isRedelivery":false},)"
         R"("timestamp":1767225601500,"source":{"type":"user","userId":"U4af4980629abcdef0123456789abcdef"},)"
         R"("replyToken":"757913772c4646b784d4b7ce46d12671","mode":"active")" +
         std::string(extra) + "}";
}

std::string webhook(const std::string& events) {
  return std::string(R"({"destination":")") + kBot + R"(","events":[)" + events + "]}";
}

// The vector's body and expected signature, from the shared vectors file.
TEST(LineWireCodec, AcceptsThePublishedSignatureVectorWithEmptyEvents) {
  std::ifstream file(kVectorsPath);
  ASSERT_TRUE(file) << kVectorsPath;
  const nlohmann::json vectors = nlohmann::json::parse(file);
  int checked = 0;
  for (const nlohmann::json& vector : vectors.at("signatures")) {
    if (vector.at("provider") != "line") continue;
    WireCredentials credentials = line_credentials();
    credentials.secret = vector.at("channel_secret").get<std::string>();
    HttpRequest request;
    request.body = vector.at("raw_body").get<std::string>();
    request.set_header("x-line-signature", vector.at("expected").get<std::string>());
    const auto decoded = make_line_wire_codec()->decode_webhook(request, credentials);
    ASSERT_TRUE(decoded.is_ok()) << decoded.status().message();
    EXPECT_TRUE(decoded.value().inbound.empty());
    EXPECT_TRUE(decoded.value().receipts.empty());
    ++checked;
  }
  EXPECT_GE(checked, 1);
}

// A wrong, missing or re-encoded signature is refused, naming the header.
TEST(LineWireCodec, RefusesForgedSignatures) {
  const auto codec = make_line_wire_codec();
  HttpRequest request = signed_request(webhook(message_event()));
  const std::string good(request.header("x-line-signature"));
  for (const std::string& forged : {std::string(), good.substr(1), "A" + good.substr(1),
                                   line_signature("other_secret", request.body)}) {
    request.set_header("x-line-signature", forged);
    const auto decoded = codec->decode_webhook(request, line_credentials());
    ASSERT_FALSE(decoded.is_ok()) << forged;
    EXPECT_EQ(decoded.status().code(), StatusCode::kUnauthenticated);
    EXPECT_NE(decoded.status().message().find("x-line-signature"), std::string::npos);
  }
}

// Every field of a documented message event lands where the stack needs it.
TEST(LineWireCodec, DecodesADocumentedMessageEvent) {
  const auto decoded = make_line_wire_codec()->decode_webhook(signed_request(webhook(message_event())), line_credentials());
  ASSERT_TRUE(decoded.is_ok()) << decoded.status().message();
  ASSERT_EQ(decoded.value().inbound.size(), 1u);
  const WireInbound& event = decoded.value().inbound.front();
  EXPECT_EQ(event.kind, InboundKind::kMessage);
  EXPECT_EQ(event.text, "hello \"LINE\" 😀");
  EXPECT_EQ(event.message_id, "01FZ74A0TDDPYRVKNK77XKC3ZR");  // webhookEventId, not message.id
  EXPECT_EQ(event.from_address, "U4af4980629abcdef0123456789abcdef");
  EXPECT_EQ(event.reply_token, "757913772c4646b784d4b7ce46d12671");
  EXPECT_EQ(event.sent_at, runtime::Time::zero() + runtime::Duration::milliseconds(1500));
  EXPECT_FALSE(event.redelivery);
  EXPECT_FALSE(event.standby);
}

// Follow and unfollow are conversation events; postback, beacon, stickers
// and group chats are ignored; an empty array yields nothing.
TEST(LineWireCodec, ReadsFollowsAndIgnoresWhatMsgsimDoesNotModel) {
  const auto codec = make_line_wire_codec();
  std::string follow = message_event("follow");
  std::string unfollow = message_event("unfollow");
  std::string postback = message_event("postback");
  std::string sticker = message_event();
  sticker.replace(sticker.find(R"("type":"text")"), 13, R"("type":"sticker")");
  std::string group = message_event();
  group.replace(group.find(R"("type":"user")"), 13, R"("type":"group")");
  const auto decoded = codec->decode_webhook(
      signed_request(webhook(follow + "," + postback + "," + sticker + "," + group + "," + unfollow)), line_credentials());
  ASSERT_TRUE(decoded.is_ok()) << decoded.status().message();
  ASSERT_EQ(decoded.value().inbound.size(), 2u);
  EXPECT_EQ(decoded.value().inbound[0].kind, InboundKind::kFollow);
  EXPECT_EQ(decoded.value().inbound[1].kind, InboundKind::kUnfollow);
  EXPECT_TRUE(decoded.value().inbound[1].reply_token.empty());
  const auto empty = codec->decode_webhook(signed_request(webhook("")), line_credentials());
  ASSERT_TRUE(empty.is_ok());
  EXPECT_TRUE(empty.value().inbound.empty());
}

// One bad event refuses the whole request, good events included, and the
// refusal names the JSON path.
TEST(LineWireCodec, OneBadEventRefusesTheWholeRequestNamingItsPath) {
  const auto codec = make_line_wire_codec();
  std::string sleepy = message_event();
  sleepy.replace(sleepy.find("\"active\""), 8, "\"sleepy\"");
  std::string bad_time = message_event();
  bad_time.replace(bad_time.find("1767225601500"), 13, "\"1767225601500\"");
  struct Case {
    std::string events;
    std::string path;
  };
  const Case cases[] = {
      {message_event() + "," + bad_time, "events[1].timestamp: expected a number, got string"},
      {message_event() + "," + message_event("bogus"), "events[1].type: unknown event type \"bogus\""},
      {sleepy, "events[0].mode: expected \"active\" or \"standby\", got \"sleepy\""},
      {message_event() + ",42", "events[1]: expected an object"},
  };
  for (const Case& c : cases) {
    const auto decoded = codec->decode_webhook(signed_request(webhook(c.events)), line_credentials());
    ASSERT_FALSE(decoded.is_ok()) << c.events;
    EXPECT_EQ(decoded.status().code(), StatusCode::kInvalidInput);
    EXPECT_NE(decoded.status().message().find(c.path), std::string::npos) << decoded.status().message();
  }
  std::string no_token = message_event();
  no_token.erase(no_token.find(R"(,"replyToken")"), 48);
  const auto missing = codec->decode_webhook(signed_request(webhook(no_token)), line_credentials());
  ASSERT_FALSE(missing.is_ok());
  EXPECT_NE(missing.status().message().find("events[0].replyToken"), std::string::npos) << missing.status().message();
  const auto elsewhere = codec->decode_webhook(
      signed_request(R"({"destination":"Uffffffffffffffffffffffffffffffff","events":[]})"), line_credentials());
  ASSERT_FALSE(elsewhere.is_ok());
  EXPECT_NE(elsewhere.status().message().find("destination"), std::string::npos);
}

// Truncations, oversized, ill-formed UTF-8 and deep nesting: refused, never a crash.
TEST(LineWireCodec, RefusesHostileBodies) {
  const auto codec = make_line_wire_codec();
  const HttpRequest valid = signed_request(webhook(message_event()));
  wire_test::expect_every_prefix_refused(*codec, valid, line_credentials(), sign);
  wire_test::expect_hostile_bodies_refused(*codec, valid, line_credentials(), sign);
}

// Reply and push calls in LINE's shape; the retry key only on push.
TEST(LineWireCodec, EncodesRepliesAndPushes) {
  const auto codec = make_line_wire_codec();
  WireSend send;
  send.text = "Thanks!\n\"ok\"";
  send.uses_reply_token = true;
  send.reply_token = "757913772c4646b784d4b7ce46d12671";
  send.retry_key = "123e4567-e89b-42d3-a456-426614174000";
  const HttpRequest reply = codec->encode_send(send, line_credentials());
  EXPECT_EQ(reply.target, "/v2/bot/message/reply");
  EXPECT_EQ(reply.body, R"({"replyToken":"757913772c4646b784d4b7ce46d12671","messages":[{"type":"text","text":"Thanks!\n\"ok\""}]})");
  EXPECT_EQ(reply.header("Authorization"), "Bearer test_channel_secret");
  EXPECT_TRUE(reply.header("X-Line-Retry-Key").empty());
  send.uses_reply_token = false;
  send.to_address = "U4af4980629abcdef0123456789abcdef";
  const HttpRequest push = codec->encode_send(send, line_credentials());
  EXPECT_EQ(push.target, "/v2/bot/message/push");
  EXPECT_EQ(push.header("X-Line-Retry-Key"), send.retry_key);
  EXPECT_NE(push.body.find(R"("to":"U4af4980629abcdef0123456789abcdef")"), std::string::npos);
}

// LINE's answers: 200 with or without sent message ids; 400, 409 and 429 as
// the error code; an unreadable 200 is an error, not a success.
TEST(LineWireCodec, ReadsLineAnswers) {
  const auto codec = make_line_wire_codec();
  const auto sent = codec->decode_send_response({200, "application/json", R"({"sentMessages":[{"id":"461230966842064897","quoteToken":"IStG5h1Tz7b"}]})"});
  ASSERT_TRUE(sent.is_ok());
  EXPECT_TRUE(sent.value().outcome.accepted);
  EXPECT_EQ(sent.value().message_id, "461230966842064897");
  const auto empty = codec->decode_send_response({200, "application/json", "{}"});
  ASSERT_TRUE(empty.is_ok());
  EXPECT_TRUE(empty.value().outcome.accepted);
  const std::pair<int, const char*> refusals[] = {
      {400, R"({"message":"Invalid reply token"})"},
      {409, R"({"message":"The retry key is already accepted"})"},
      {429, R"({"message":"The API rate limit has been exceeded. Try again later."})"}};
  for (const auto& [status, body] : refusals) {
    const auto refused = codec->decode_send_response({status, "application/json", body});
    ASSERT_TRUE(refused.is_ok());
    EXPECT_FALSE(refused.value().outcome.accepted);
    EXPECT_EQ(refused.value().outcome.error_code, status);
  }
  EXPECT_FALSE(codec->decode_send_response({200, "application/json", "{\"sentMessages\":"}).is_ok());
}

}  // namespace
}  // namespace msgsim::stack
