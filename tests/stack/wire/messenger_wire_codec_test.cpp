// The stack's Messenger codec verifies X-Hub-Signature-256 over the exact
// bytes (the shared vector), decodes messages with millisecond timestamps
// and delivery / read watermarks into one receipt per listed mid (a
// watermark without mids yields nothing), skips echoes and the other
// documented events, refuses forged, oversized, truncated, wrong-typed and
// non-UTF-8 webhooks without yielding any event, and reads the Send API's
// answers including error 10 / 2018278.
#include "sim/stack/wire/messenger_wire_codec.h"

#include <gtest/gtest.h>

#include <string>

#include "sim/stack/channels/signatures.h"
#include "sim/stack/wire/codecs.h"
#include "sim/stack/wire/wire_time.h"
#include "tests/stack/wire/signature_vectors.h"

namespace msgsim::stack {
namespace {

using runtime::StatusCode;

constexpr std::string_view kPage = "1234567890123456";
constexpr std::string_view kMessageBody =
    R"({"object":"page","entry":[{"id":"1234567890123456","time":1767225600123,"messaging":[)"
    R"({"sender":{"id":"1254459154682919"},"recipient":{"id":"1234567890123456"},"timestamp":1767225600123,)"
    R"("message":{"mid":"m_AG5Hz2Uq7tuwNEhXfYYKj8mJEM","text":"hello, world!"}}]}]})";

WireCredentials credentials() {
  WireCredentials out;
  out.secret = "test_app_secret";
  out.webhook_url = "https://stack.example/webhooks/messenger";
  out.business_address = std::string(kPage);
  out.verify_token = "verify-me";
  return out;
}

HttpRequest signed_request(std::string body, const std::string& secret = "test_app_secret") {
  HttpRequest request;
  request.set_header("X-Hub-Signature-256", meta_signature(secret, body));
  request.body = std::move(body);
  return request;
}

std::string with(std::string_view from, std::string_view to, std::string text = std::string(kMessageBody)) {
  const std::size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

std::string event_body(std::string_view event) {
  return std::string(R"({"object":"page","entry":[{"id":"1234567890123456","time":1767225600123,"messaging":[)"
                     R"({"sender":{"id":"1254459154682919"},"recipient":{"id":"1234567890123456"},)") +
         std::string(event) + "}]}]}";
}

runtime::Result<DecodedWebhook> decode(const HttpRequest& request) {
  return MessengerWireCodec().decode_webhook(request, credentials());
}

void expect_refused(const HttpRequest& request, StatusCode code, std::string_view mentions) {
  auto decoded = decode(request);
  ASSERT_FALSE(decoded.is_ok()) << "accepted: " << request.body;
  EXPECT_EQ(decoded.status().code(), code) << decoded.status().message();
  EXPECT_NE(decoded.status().message().find(mentions), std::string::npos) << decoded.status().message();
}

TEST(MessengerWireCodec, VerifiesTheSharedVectorsSignatureOverItsRawBytes) {
  int checked = 0;
  for (const nlohmann::json& vector : wire_vectors::signature_vectors("X-Hub-Signature-256")) {
    const std::string body = vector.at("raw_body").get<std::string>();
    if (body.find("\"object\":\"page\"") == std::string::npos) continue;
    HttpRequest request;
    request.set_header("X-Hub-Signature-256", vector.at("expected").get<std::string>());
    request.body = body;
    // The vector's ids are placeholders ("<PSID>"): the signature passes and
    // the decoder then refuses the id, which shows the order of the checks.
    expect_refused(request, StatusCode::kInvalidInput, "entry[0].id: expected an id of decimal digits");
    request.body.back() = ' ';
    expect_refused(request, StatusCode::kUnauthenticated, "X-Hub-Signature-256 does not match");
    ++checked;
  }
  EXPECT_EQ(checked, 1);
}

TEST(MessengerWireCodec, DecodesAMessageWithItsMillisecondTimestamp) {
  auto decoded = decode(signed_request(std::string(kMessageBody)));
  ASSERT_TRUE(decoded.is_ok()) << decoded.status().message();
  ASSERT_EQ(decoded.value().inbound.size(), 1u);
  const WireInbound& message = decoded.value().inbound[0];
  EXPECT_EQ(message.from_address, "1254459154682919");
  EXPECT_EQ(message.message_id, "m_AG5Hz2Uq7tuwNEhXfYYKj8mJEM");
  EXPECT_EQ(message.text, "hello, world!");
  EXPECT_EQ(message.sent_at, runtime::Time::from_ns(123'000'000));
}

TEST(MessengerWireCodec, TurnsWatermarksIntoOneReceiptPerListedMid) {
  auto delivered = decode(signed_request(event_body(R"("delivery":{"mids":["m_1","m_2"],"watermark":1767225601000})")));
  ASSERT_TRUE(delivered.is_ok()) << delivered.status().message();
  ASSERT_EQ(delivered.value().receipts.size(), 2u);
  EXPECT_EQ(delivered.value().receipts[1].message_id, "m_2");
  EXPECT_EQ(delivered.value().receipts[1].recipient_address, "1254459154682919");
  EXPECT_EQ(delivered.value().receipts[1].state, DeliveryState::kDelivered);
  auto read = decode(signed_request(event_body(R"("timestamp":1767225602000,"read":{"watermark":1767225602000,"mids":["m_1"]})")));
  ASSERT_TRUE(read.is_ok()) << read.status().message();
  ASSERT_EQ(read.value().receipts.size(), 1u);
  EXPECT_EQ(read.value().receipts[0].state, DeliveryState::kRead);
}

TEST(MessengerWireCodec, YieldsNothingForAWatermarkWithoutMids) {
  auto read = decode(signed_request(event_body(R"("timestamp":1767225602000,"read":{"watermark":1767225602000})")));
  ASSERT_TRUE(read.is_ok()) << read.status().message();
  EXPECT_TRUE(read.value().receipts.empty());
  auto delivery = decode(signed_request(event_body(R"("delivery":{"watermark":1767225601000})")));
  ASSERT_TRUE(delivery.is_ok()) << delivery.status().message();
  EXPECT_TRUE(delivery.value().receipts.empty());
}

TEST(MessengerWireCodec, SkipsEchoesAttachmentsAndOtherDocumentedEvents) {
  const std::string skipped[] = {
      with(R"("text":"hello, world!")", R"("is_echo":true,"text":"hello, world!")"),
      with(R"("text":"hello, world!")", R"("attachments":[{"type":"image","payload":{"url":"https:\/\/x"}}])"),
      event_body(R"("timestamp":1767225602000,"postback":{"title":"Start","payload":"GET_STARTED"})"),
      event_body(R"("timestamp":1767225602000,"reaction":{"mid":"m_1","action":"react","emoji":"\u2764"})"),
      R"({"object":"page","entry":[{"id":"1234567890123456","time":1767225600123,"standby":[]}]})",
  };
  for (const std::string& body : skipped) {
    auto decoded = decode(signed_request(body));
    ASSERT_TRUE(decoded.is_ok()) << decoded.status().message() << "\n" << body;
    EXPECT_TRUE(decoded.value().inbound.empty() && decoded.value().receipts.empty()) << body;
  }
}

TEST(MessengerWireCodec, RefusesForgedOversizedAndTruncatedWebhooks) {
  expect_refused(signed_request(std::string(kMessageBody), "wrong"), StatusCode::kUnauthenticated,
                 "X-Hub-Signature-256");
  HttpRequest missing = signed_request(std::string(kMessageBody));
  missing.headers.clear();
  expect_refused(missing, StatusCode::kUnauthenticated, "missing X-Hub-Signature-256 header");
  expect_refused(signed_request(with("hello, world!", std::string(kMaxWebhookBytes, 'a'))), StatusCode::kTooLarge,
                 "over the limit");
  for (std::size_t length = 0; length < kMessageBody.size(); ++length) {
    auto decoded = decode(signed_request(std::string(kMessageBody.substr(0, length))));
    ASSERT_FALSE(decoded.is_ok()) << length;
    EXPECT_EQ(decoded.status().code(), StatusCode::kInvalidInput);
  }
}

TEST(MessengerWireCodec, RefusesHugeStringsInsideABodyOfAcceptableSize) {
  expect_refused(signed_request(with("hello, world!", std::string(100'000, 'h'))), StatusCode::kInvalidInput,
                 "message.text: string of 100000 bytes is over the limit of 65536");
  expect_refused(signed_request(with("1254459154682919", std::string(40, '1'))), StatusCode::kInvalidInput,
                 "sender.id: string of 40 bytes is over the limit of 32");
}

TEST(MessengerWireCodec, NamesTheFieldOfEveryWrongTypeOrMissingField) {
  const std::pair<std::string, std::string_view> cases[] = {
      {with(R"("object":"page")", R"("object":"instagram")"), "object: expected \"page\""},
      {with(R"("time":1767225600123)", R"("time":"1767225600123")"), "entry[0].time: expected a number"},
      {with(R"("time":1767225600123)", R"("time":-1)"), "entry[0].time"},
      {with(R"("time":1767225600123)", R"("time":1e3)"), "entry[0].time: expected an integer"},
      {with(R"({"id":"1254459154682919"})", R"({"id":1254459154682919})"), "messaging[0].sender.id"},
      {with(R"("recipient":{"id":"1234567890123456"})", R"("recipient":{"id":"999"})"), "recipient.id: names page 999"},
      {with(R"("id":"1234567890123456","time")", R"("id":"77","time")"), "entry[0].id: names page 77"},
      {with(R"("mid":"m_AG5Hz2Uq7tuwNEhXfYYKj8mJEM",)", ""), "message.mid: required field is missing"},
      {with(R"("text":"hello, world!")", R"("text":["hello"])"), "message.text: expected a string"},
      {with(R"("text":"hello, world!")", R"("sticker":1)"), "message: a message needs a text or attachments"},
      {with(R"(,"timestamp":1767225600123)", ""), "messaging[0].timestamp: required field is missing"},
      {event_body(R"("teleport":{})"), "messaging[0]: expected a message, delivery, read"},
      {event_body(R"("delivery":{"mids":["m_1",2],"watermark":1767225601000})"), "delivery.mids[1]"},
      {with(R"("messaging":[)", R"("messages":[)"), "entry[0].messaging: required field is missing"},
      {with("hello, world!", "hello\xFF"), "invalid UTF-8"},
      {with("hello, world!", R"(hello \udead)"), "surrogate"},
  };
  for (const auto& [body, mentions] : cases) {
    SCOPED_TRACE(body);
    expect_refused(signed_request(body), StatusCode::kInvalidInput, mentions);
  }
}

TEST(MessengerWireCodec, YieldsNothingWhenOneEventOfManyIsBad) {
  const std::string good = R"({"sender":{"id":"1"},"recipient":{"id":"1234567890123456"},"timestamp":1767225600123,)"
                           R"("message":{"mid":"m_1","text":"fine"}})";
  const std::string bad = R"({"sender":{"id":"2"},"recipient":{"id":"1234567890123456"},"timestamp":"soon",)"
                          R"("message":{"mid":"m_2","text":"broken"}})";
  const std::string body = R"({"object":"page","entry":[{"id":"1234567890123456","time":1767225600123,"messaging":[)" +
                           good + "," + bad + "]}]}";
  expect_refused(signed_request(body), StatusCode::kInvalidInput, "messaging[1].timestamp");
}

TEST(MessengerWireCodec, EncodesResponsesAndTaggedMessagesForTheSendApi) {
  const MessengerWireCodec codec;
  WireSend send;
  send.to_address = "1254459154682919";
  send.text = "Hi \"there\" \xF0\x9F\x98\x80";
  const HttpRequest response_call = codec.encode_send(send, credentials());
  EXPECT_EQ(response_call.target, "/v19.0/me/messages");
  EXPECT_EQ(response_call.header("Authorization"), "Bearer test_app_secret");
  EXPECT_EQ(response_call.body, R"({"recipient":{"id":"1254459154682919"},"messaging_type":"RESPONSE",)"
                                R"("message":{"text":"Hi \"there\" \ud83d\ude00"}})");
  send.options.tag = MessageTag::kHumanAgent;
  const nlohmann::json tagged = nlohmann::json::parse(codec.encode_send(send, credentials()).body);
  EXPECT_EQ(tagged["messaging_type"], "MESSAGE_TAG");
  EXPECT_EQ(tagged["tag"], "HUMAN_AGENT");
}

TEST(MessengerWireCodec, ReadsAcceptedAnswersAndTheOutsideWindowError) {
  const MessengerWireCodec codec;
  auto accepted = codec.decode_send_response(
      HttpResponse{200, "application/json", R"({"recipient_id":"1254459154682919","message_id":"m_AG5Hz2Uq7"})"});
  ASSERT_TRUE(accepted.is_ok()) << accepted.status().message();
  EXPECT_EQ(accepted.value().message_id, "m_AG5Hz2Uq7");
  auto refused = codec.decode_send_response(HttpResponse{
      400, "application/json",
      R"({"error":{"message":"(#10) This message is sent outside of allowed window.","type":"OAuthException",)"
      R"("code":10,"error_subcode":2018278,"fbtrace_id":"Aq8kD2nB7xL"}})"});
  ASSERT_TRUE(refused.is_ok()) << refused.status().message();
  EXPECT_FALSE(refused.value().outcome.accepted);
  EXPECT_EQ(refused.value().outcome.error_code, 10);
  EXPECT_EQ(refused.value().outcome.error_subcode, 2018278);
  auto no_code = codec.decode_send_response(HttpResponse{400, "application/json", R"({"error":{"message":"x"}})"});
  ASSERT_FALSE(no_code.is_ok());
  EXPECT_NE(no_code.status().message().find("error.code"), std::string::npos);
}

TEST(MessengerWireCodec, IsTheStackCodecOfMessengerChannels) {
  auto codec = make_stack_wire_codec(ChannelType::kMessenger);
  ASSERT_NE(codec, nullptr);
  EXPECT_EQ(codec->type(), ChannelType::kMessenger);
  HttpRequest get;
  get.method = "GET";
  get.target = "/webhooks/messenger?hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=42";
  auto answer = codec->answer_verification(get, credentials());
  ASSERT_TRUE(answer.has_value() && answer->is_ok());
  EXPECT_EQ(answer->value().body, "42");
}

}  // namespace
}  // namespace msgsim::stack
