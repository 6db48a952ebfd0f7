// The stack's web / in-app decoder: signed events decode, the identity
// token's subject is verified (forged, re-signed with "none", expired and
// malformed tokens are refused as unauthenticated), sentAt reads Unix ms or
// ISO-8601, receipts decode, hostile bodies never crash; the send path
// escapes the visitor id.
#include "sim/stack/wire/web_wire_codec.h"

#include <gtest/gtest.h>

#include "sim/stack/wire/base64_text.h"
#include "sim/stack/wire/codecs.h"
#include "sim/stack/wire/connector_signature.h"
#include "sim/stack/wire/identity_token.h"
#include "tests/stack/wire/hostile_input.h"

namespace msgsim::stack {
namespace {

using runtime::StatusCode;

WireCredentials web_credentials() {
  WireCredentials credentials;
  credentials.secret = "deployment-secret";
  credentials.business_address = "5f2b8c1e-7d4a-4e0b-9c3d-1a2b3c4d5e6f";
  return credentials;
}

void sign(HttpRequest& request) {
  request.set_header("X-Msgsim-Signature", connector_signature(web_credentials().secret, request.body));
}

std::string message_body(std::string_view sent_at = "1767225600250", std::string_view extra = "") {
  return std::string(R"({"type":"message","conversationId":"c-1","visitorId":"v-1",)") +
         R"("messageId":"6f1c0e52-3f7a-4d5b-9e8c-7a6b5c4d3e2f","text":"hello web","sentAt":)" +
         std::string(sent_at) + std::string(extra) + "}";
}

HttpRequest signed_request(std::string body) {
  HttpRequest request;
  request.target = "/webhooks/web";
  request.body = std::move(body);
  sign(request);
  return request;
}

runtime::Result<DecodedWebhook> decode(std::string body) {
  return make_web_wire_codec()->decode_webhook(signed_request(std::move(body)), web_credentials());
}

std::string with_token(const std::string& token) { return message_body("1767225600250", R"(,"identityToken":")" + token + "\""); }

// A guest message decodes; sentAt as ms or ISO-8601 gives the same time.
TEST(WebWireCodec, DecodesMessagesWithEitherTimeForm) {
  const auto as_ms = decode(message_body());
  ASSERT_TRUE(as_ms.is_ok()) << as_ms.status().message();
  ASSERT_EQ(as_ms.value().inbound.size(), 1u);
  const WireInbound& event = as_ms.value().inbound.front();
  EXPECT_EQ(event.text, "hello web");
  EXPECT_EQ(event.from_address, "v-1");
  EXPECT_EQ(event.message_id, "6f1c0e52-3f7a-4d5b-9e8c-7a6b5c4d3e2f");
  EXPECT_TRUE(event.verified_subject.empty());
  EXPECT_EQ(event.sent_at, runtime::Time::zero() + runtime::Duration::milliseconds(250));
  const auto as_iso = decode(message_body("\"2026-01-01T00:00:00.250Z\""));
  ASSERT_TRUE(as_iso.is_ok()) << as_iso.status().message();
  EXPECT_EQ(as_iso.value().inbound.front().sent_at, event.sent_at);
  const auto bad_iso = decode(message_body("\"2026-02-30T00:00:00Z\""));
  ASSERT_FALSE(bad_iso.is_ok());
  EXPECT_NE(bad_iso.status().message().find("sentAt"), std::string::npos);
}

// A token signed with the deployment's secret yields its subject.
TEST(WebWireCodec, VerifiedVisitorsCarryTheirSubject) {
  const std::string token = sign_identity_token(web_credentials().secret, {"user-42@example.com", 1767225600, 1767229200});
  const auto decoded = decode(with_token(token));
  ASSERT_TRUE(decoded.is_ok()) << decoded.status().message();
  EXPECT_EQ(decoded.value().inbound.front().verified_subject, "user-42@example.com");
}

// Forged, unsigned, expired and malformed tokens refuse the request.
TEST(WebWireCodec, RefusesForgedIdentityTokens) {
  const std::string secret = web_credentials().secret;
  const std::string good = sign_identity_token(secret, {"user-42", 1767225600, 0});
  const std::string other_key = sign_identity_token("attacker", {"user-42", 1767225600, 0});
  const std::string header_payload = good.substr(0, good.rfind('.'));
  const std::string swapped_subject = sign_identity_token(secret, {"admin", 1767225600, 0});
  const std::string spliced = swapped_subject.substr(0, swapped_subject.rfind('.')) + good.substr(good.rfind('.'));
  const std::string alg_none = base64_encode(R"({"alg":"none","typ":"JWT"})", Base64Alphabet::kUrlUnpadded) +
                               header_payload.substr(header_payload.find('.')) + ".";
  const std::string expired = sign_identity_token(secret, {"user-42", 1767220000, 1767220001});
  for (const std::string& token : {other_key, spliced, alg_none, expired, header_payload, std::string("a.b.c"),
                                   good + "A", std::string("..")}) {
    const auto decoded = decode(with_token(token));
    ASSERT_FALSE(decoded.is_ok()) << token;
    EXPECT_EQ(decoded.status().code(), StatusCode::kUnauthenticated) << token;
    EXPECT_NE(decoded.status().message().find("identityToken"), std::string::npos) << decoded.status().message();
  }
}

// A forged body signature is refused before anything is read.
TEST(WebWireCodec, RefusesForgedSignatures) {
  HttpRequest request = signed_request(message_body());
  request.set_header("X-Msgsim-Signature", connector_signature("guess", request.body));
  const auto decoded = make_web_wire_codec()->decode_webhook(request, web_credentials());
  ASSERT_FALSE(decoded.is_ok());
  EXPECT_EQ(decoded.status().code(), StatusCode::kUnauthenticated);
  EXPECT_NE(decoded.status().message().find("X-Msgsim-Signature"), std::string::npos);
}

// Ends of chat, receipts and typing; unknown types and statuses refused.
TEST(WebWireCodec, ReadsEndsReceiptsAndTyping) {
  const auto ended = decode(R"({"type":"end","conversationId":"c","visitorId":"v","messageId":"m","sentAt":1767225600000})");
  ASSERT_TRUE(ended.is_ok()) << ended.status().message();
  EXPECT_TRUE(ended.value().inbound.front().end_conversation);
  const auto receipt = decode(R"({"type":"receipt","messageId":"m-9","visitorId":"v","status":"failed","errorCode":404})");
  ASSERT_TRUE(receipt.is_ok()) << receipt.status().message();
  ASSERT_EQ(receipt.value().receipts.size(), 1u);
  EXPECT_EQ(receipt.value().receipts.front().state, DeliveryState::kFailed);
  EXPECT_EQ(receipt.value().receipts.front().error_code, 404);
  EXPECT_TRUE(decode(R"({"type":"typing","visitorId":"v"})").value().inbound.empty());
  EXPECT_NE(decode(R"({"type":"receipt","messageId":"m","visitorId":"v","status":"lost"})").status().message().find(
                "status: unknown status"),
            std::string::npos);
  EXPECT_NE(decode(R"({"type":"wave"})").status().message().find("type: unknown event type"), std::string::npos);
}

// Truncations, oversized, ill-formed UTF-8, deep nesting: refused, no crash.
TEST(WebWireCodec, RefusesHostileBodies) {
  const auto codec = make_in_app_wire_codec();
  const HttpRequest valid = signed_request(message_body());
  wire_test::expect_every_prefix_refused(*codec, valid, web_credentials(), sign);
  wire_test::expect_hostile_bodies_refused(*codec, valid, web_credentials(), sign);
}

// The visitor id is percent-encoded in the send path and decodes back.
TEST(WebWireCodec, EscapesTheVisitorInTheSendPath) {
  EXPECT_EQ(web_send_path("6f1c0e52-3f7a"), "/conversations/6f1c0e52-3f7a/messages");
  EXPECT_EQ(web_send_path("a b/ü"), "/conversations/a%20b%2F%C3%BC/messages");
  EXPECT_EQ(web_visitor_of_path(web_send_path("a b/ü")), "a b/ü");
  EXPECT_FALSE(web_visitor_of_path("/conversations//messages").has_value());
  EXPECT_FALSE(web_visitor_of_path("/conversations/a/b/messages").has_value());
  EXPECT_FALSE(web_visitor_of_path("/conversations/%zz/messages").has_value());
}

}  // namespace
}  // namespace msgsim::stack
