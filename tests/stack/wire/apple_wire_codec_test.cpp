// The stack's Apple decoder: capability lists as Apple documents them, a
// text with its headers, close as a deleted conversation, typing ignored,
// forged bearers and foreign destinations refused, hostile bodies never
// crash; sends carry the interactive type; answers keep the code.
#include "sim/stack/wire/apple_wire_codec.h"

#include <gtest/gtest.h>

#include "sim/stack/wire/codecs.h"
#include "sim/stack/wire/wire_time.h"
#include "tests/stack/wire/hostile_input.h"

namespace msgsim::stack {
namespace {

using runtime::StatusCode;

constexpr const char* kBusiness = "8d3a2a7c-1b9e-4c3f-9a51-2f0f5c8e1d44";
constexpr const char* kCustomer = "urn:mbid:AQAAY45PVG4jg/ni/q6rWSYuu9d7Ga6K22bxp0iUmPkdOwxr3yAbisjOm=";

WireCredentials apple_credentials() {
  WireCredentials credentials;
  credentials.secret = "msp-shared-secret";
  credentials.business_address = kBusiness;
  return credentials;
}

void sign(HttpRequest& request) {
  request.set_header("Authorization", apple_authorization(apple_credentials().secret, request.body));
}

HttpRequest apple_request(std::string body, std::string capabilities = "LIST,TIME,QUICK") {
  HttpRequest request;
  request.target = "/webhooks/apple";
  request.body = std::move(body);
  request.headers = {{"id", "2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d"},
                     {"source-id", kCustomer},
                     {"destination-id", kBusiness},
                     {"x-msgsim-sent-at", "1767225602000"}};
  if (!capabilities.empty()) request.headers.push_back({"capability-list", capabilities});
  sign(request);
  return request;
}

// Apple's names, any case, spaces allowed, AUTH2 as AUTH, unknown names
// ignored, malformed names refused; the encoder writes what the parser reads.
TEST(AppleWireCodec, ParsesCapabilityLists) {
  const auto mask = [](std::string_view list) { return parse_apple_capability_list(list); };
  EXPECT_EQ(mask("").value(), 0);
  EXPECT_EQ(mask("LIST").value(), capability_bit(InteractiveType::kListPicker));
  EXPECT_EQ(mask("list, time ,Quick").value(), capability_bit(InteractiveType::kListPicker) |
                                                   capability_bit(InteractiveType::kTimePicker) |
                                                   capability_bit(InteractiveType::kQuickReply));
  EXPECT_EQ(mask("AUTH2,PAY,CHAT,,").value(), capability_bit(InteractiveType::kAuthentication));
  EXPECT_EQ(mask("FORM,AUTH").value(),
            capability_bit(InteractiveType::kForm) | capability_bit(InteractiveType::kAuthentication));
  EXPECT_FALSE(mask("LIST;TIME").is_ok());
  EXPECT_FALSE(mask("LI ST").is_ok());
  EXPECT_EQ(apple_capability_list(0x3E), "LIST,TIME,QUICK,FORM,AUTH");
  for (unsigned bits = 0; bits < 64; bits += 2) {
    EXPECT_EQ(mask(apple_capability_list(static_cast<CapabilityMask>(bits))).value(), bits);
  }
}

// A text message decodes with its sender, id, time and capabilities.
TEST(AppleWireCodec, DecodesATextMessage) {
  const auto decoded = make_apple_wire_codec()->decode_webhook(
      apple_request(R"({"v":1,"type":"text","body":"hello, Apple ✨"})"), apple_credentials());
  ASSERT_TRUE(decoded.is_ok()) << decoded.status().message();
  ASSERT_EQ(decoded.value().inbound.size(), 1u);
  const WireInbound& event = decoded.value().inbound.front();
  EXPECT_EQ(event.kind, InboundKind::kMessage);
  EXPECT_EQ(event.text, "hello, Apple ✨");
  EXPECT_EQ(event.from_address, kCustomer);
  EXPECT_EQ(event.message_id, "2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d");
  EXPECT_EQ(event.sent_at, runtime::Time::zero() + runtime::Duration::seconds(2));
  EXPECT_EQ(event.capabilities, capability_bit(InteractiveType::kListPicker) |
                                    capability_bit(InteractiveType::kTimePicker) |
                                    capability_bit(InteractiveType::kQuickReply));
}

// close is the customer deleting the conversation; typing changes nothing;
// an unknown type is refused naming it.
TEST(AppleWireCodec, ReadsCloseIgnoresTypingRefusesUnknownTypes) {
  const auto codec = make_apple_wire_codec();
  const auto closed = codec->decode_webhook(apple_request(R"({"v":1,"type":"close"})", ""), apple_credentials());
  ASSERT_TRUE(closed.is_ok()) << closed.status().message();
  ASSERT_EQ(closed.value().inbound.size(), 1u);
  EXPECT_EQ(closed.value().inbound.front().kind, InboundKind::kConversationDeleted);
  const auto typing = codec->decode_webhook(apple_request(R"({"v":1,"type":"typing_start"})"), apple_credentials());
  ASSERT_TRUE(typing.is_ok());
  EXPECT_TRUE(typing.value().inbound.empty());
  const auto unknown = codec->decode_webhook(apple_request(R"({"v":1,"type":"hologram"})"), apple_credentials());
  ASSERT_FALSE(unknown.is_ok());
  EXPECT_NE(unknown.status().message().find("type: unknown message type \"hologram\""), std::string::npos)
      << unknown.status().message();
  const auto no_capabilities = codec->decode_webhook(apple_request(R"({"v":1,"type":"text","body":"x"})", ""),
                                                     apple_credentials());
  ASSERT_FALSE(no_capabilities.is_ok());
  EXPECT_NE(no_capabilities.status().message().find("capability-list"), std::string::npos);
}

// A bearer over other bytes or with another secret, a missing header, or a
// message for another business is refused.
TEST(AppleWireCodec, RefusesForgedBearersAndForeignHeaders) {
  const auto codec = make_apple_wire_codec();
  HttpRequest request = apple_request(R"({"v":1,"type":"text","body":"hello"})");
  HttpRequest forged = request;
  forged.set_header("Authorization", apple_authorization("guess", request.body));
  auto decoded = codec->decode_webhook(forged, apple_credentials());
  ASSERT_FALSE(decoded.is_ok());
  EXPECT_EQ(decoded.status().code(), StatusCode::kUnauthenticated);
  EXPECT_NE(decoded.status().message().find("Authorization"), std::string::npos);
  forged = request;
  forged.body = R"({"v":1,"type":"text","body":"hellO"})";
  EXPECT_EQ(codec->decode_webhook(forged, apple_credentials()).status().code(), StatusCode::kUnauthenticated);
  HttpRequest foreign = request;
  foreign.set_header("destination-id", "another-business");
  decoded = codec->decode_webhook(foreign, apple_credentials());
  ASSERT_FALSE(decoded.is_ok());
  EXPECT_NE(decoded.status().message().find("destination-id"), std::string::npos);
  HttpRequest anonymous = request;
  anonymous.headers.remove("source-id");
  decoded = codec->decode_webhook(anonymous, apple_credentials());
  ASSERT_FALSE(decoded.is_ok());
  EXPECT_NE(decoded.status().message().find("header source-id: missing"), std::string::npos);
  HttpRequest control = request;
  control.set_header("source-id", "urn:mbid:\x01");
  EXPECT_FALSE(codec->decode_webhook(control, apple_credentials()).is_ok());
}

// Truncations, oversized, ill-formed UTF-8, deep nesting and wrong types:
// refused, never a crash.
TEST(AppleWireCodec, RefusesHostileBodies) {
  const auto codec = make_apple_wire_codec();
  const HttpRequest valid = apple_request(R"({"v":1,"type":"text","body":"hello"})");
  wire_test::expect_every_prefix_refused(*codec, valid, apple_credentials(), sign);
  wire_test::expect_hostile_bodies_refused(*codec, valid, apple_credentials(), sign);
  const runtime::Status wrong_type =
      wire_test::refusal_of(*codec, valid, R"({"v":1,"type":"text","body":12})", apple_credentials(), sign);
  EXPECT_NE(wrong_type.message().find("body: expected a string, got number"), std::string::npos)
      << wrong_type.message();
}

// A send is a POST /v1/message from the business to the customer, signed,
// with the interactive kind under interactiveData.data.
TEST(AppleWireCodec, EncodesSendsWithTheirInteractiveType) {
  const auto codec = make_apple_wire_codec();
  WireSend send;
  send.to_address = kCustomer;
  send.text = "Pick a time";
  send.retry_key = "0f8e4a4c-5b0e-4d6e-8f3a-4c2b1a0e9d87";
  send.options.interactive = InteractiveType::kTimePicker;
  const HttpRequest request = codec->encode_send(send, apple_credentials());
  EXPECT_EQ(request.target, "/v1/message");
  EXPECT_EQ(request.header("source-id"), kBusiness);
  EXPECT_EQ(request.header("destination-id"), kCustomer);
  EXPECT_EQ(request.header("id"), send.retry_key);
  EXPECT_TRUE(verify_apple_authorization(apple_credentials().secret, request.body, request.header("Authorization")));
  EXPECT_NE(request.body.find(R"("type":"interactive")"), std::string::npos);
  EXPECT_NE(request.body.find(R"("event":{})"), std::string::npos) << request.body;
  EXPECT_NE(request.body.find(R"("receivedMessage":{"title":"Pick a time"})"), std::string::npos);
}

// 200 with the message id; a refusal keeps the code from the body, or the
// status when the body has none.
TEST(AppleWireCodec, ReadsAnswers) {
  const auto codec = make_apple_wire_codec();
  const auto accepted = codec->decode_send_response({200, "application/json", R"({"id":"abc"})"});
  ASSERT_TRUE(accepted.is_ok());
  EXPECT_EQ(accepted.value().message_id, "abc");
  EXPECT_EQ(codec->decode_send_response({403, "application/json", R"({"code":7314,"message":"x"})"})
                .value().outcome.error_code, 7314);
  EXPECT_EQ(codec->decode_send_response({503, "text/plain", "down"}).value().outcome.error_code, 503);
  EXPECT_FALSE(codec->decode_send_response({200, "application/json", "{}"}).is_ok());
}

}  // namespace
}  // namespace msgsim::stack
