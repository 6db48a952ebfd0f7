// The stack's BYOC decoder, in the Interaction Service API shape: a text
// Message interaction as partners send it, the end user leaving,
// acknowledgements and failures (errorCode as a string), ignored typing,
// unknown entry types and any bad interaction refusing the whole request
// with the JSON path, forged signatures, hostile bodies.
#include "sim/stack/wire/byoc_wire_codec.h"

#include <gtest/gtest.h>

#include "sim/stack/wire/codecs.h"
#include "sim/stack/wire/connector_signature.h"
#include "tests/stack/wire/hostile_input.h"

namespace msgsim::stack {
namespace {

using runtime::StatusCode;

WireCredentials byoc_credentials() {
  WireCredentials credentials;
  credentials.secret = "partner-secret";
  credentials.business_address = "partner-channel-01";
  return credentials;
}

void sign(HttpRequest& request) {
  request.set_header("X-Msgsim-Signature", connector_signature(byoc_credentials().secret, request.body));
}

std::string text_interaction(std::string_view id = "f7904eb6-5352-4c5e-adf6-5f100572cf5d") {
  return std::string(R"({"timestamp":1767225603000,"interactionType":"EntryInteraction","payload":{"id":")") +
         std::string(id) +
         R"(","entryType":"Message","abstractMessage":{"messageType":"StaticContentMessage","id":")" +
         std::string(id) + R"(","staticContent":{"formatType":"Text","text":"hello partner"}}}})";
}

std::string request_body(const std::string& interactions) {
  return R"({"to":"partner-channel-01","from":"end-user-7","interactions":[)" + interactions + "]}";
}

HttpRequest signed_request(std::string body) {
  HttpRequest request;
  request.target = "/api/v1/interactions";
  request.body = std::move(body);
  sign(request);
  return request;
}

runtime::Result<DecodedWebhook> decode(const std::string& interactions) {
  return make_byoc_ccaas_wire_codec()->decode_webhook(signed_request(request_body(interactions)), byoc_credentials());
}

// A text message as the partner's sample sends it.
TEST(ByocWireCodec, DecodesATextMessageInteraction) {
  const auto decoded = decode(text_interaction());
  ASSERT_TRUE(decoded.is_ok()) << decoded.status().message();
  ASSERT_EQ(decoded.value().inbound.size(), 1u);
  const WireInbound& event = decoded.value().inbound.front();
  EXPECT_EQ(event.text, "hello partner");
  EXPECT_EQ(event.from_address, "end-user-7");
  EXPECT_EQ(event.message_id, "f7904eb6-5352-4c5e-adf6-5f100572cf5d");
  EXPECT_EQ(event.sent_at, runtime::Time::zero() + runtime::Duration::seconds(3));
}

// The end user leaving, acknowledgements, failures; typing and attachments
// ignored; an empty array yields nothing.
TEST(ByocWireCodec, ReadsEndsAcknowledgementsAndFailures) {
  const std::string left =
      R"({"timestamp":1767225603000,"interactionType":"EntryInteraction","payload":{"id":"p-1","entryType":"ParticipantChanged","entries":[{"operation":"remove","participant":{"appType":"custom","subject":"end-user-7","role":"EndUser"}}]}})";
  const std::string agent_joined =
      R"({"timestamp":1767225603000,"interactionType":"EntryInteraction","payload":{"id":"p-2","entryType":"ParticipantChanged","entries":[{"operation":"add","participant":{"role":"Agent"}}]}})";
  const std::string read =
      R"({"timestamp":1767225603000,"interactionType":"EntryInteraction","payload":{"id":"a-1","entryType":"ReadAcknowledgement","acknowledgementTimestamp":1767225603000,"acknowledgedConversationEntryIdentifier":"out-1"}})";
  const std::string failed =
      R"({"timestamp":1767225603000,"interactionType":"EntryInteraction","payload":{"id":"a-2","failedConversationEntryIdentifier":"out-2","entryType":"MessageDeliveryFailed","recipient":{"appType":"custom","subject":"end-user-7","role":"EndUser"},"errorCode":"4040"}})";
  const std::string typing =
      R"({"timestamp":1767225603000,"interactionType":"EntryInteraction","payload":{"id":"t","entryType":"TypingStartedIndicator","timestamp":1767225603000}})";
  const std::string attachment =
      R"({"timestamp":1767225603000,"interactionType":"AttachmentInteraction","id":"x","attachmentIndex":0,"contentLength":3,"text":"img"})";
  const auto decoded = decode(left + "," + agent_joined + "," + read + "," + failed + "," + typing + "," + attachment);
  ASSERT_TRUE(decoded.is_ok()) << decoded.status().message();
  ASSERT_EQ(decoded.value().inbound.size(), 1u);
  EXPECT_TRUE(decoded.value().inbound.front().end_conversation);
  EXPECT_EQ(decoded.value().inbound.front().message_id, "p-1");
  ASSERT_EQ(decoded.value().receipts.size(), 2u);
  EXPECT_EQ(decoded.value().receipts[0].state, DeliveryState::kRead);
  EXPECT_EQ(decoded.value().receipts[0].message_id, "out-1");
  EXPECT_EQ(decoded.value().receipts[1].state, DeliveryState::kFailed);
  EXPECT_EQ(decoded.value().receipts[1].error_code, 4040);
  EXPECT_EQ(decoded.value().receipts[1].recipient_address, "end-user-7");
  const auto empty = decode("");
  ASSERT_TRUE(empty.is_ok());
  EXPECT_TRUE(empty.value().inbound.empty() && empty.value().receipts.empty());
}

// One bad interaction refuses all of them, naming the path.
TEST(ByocWireCodec, OneBadInteractionRefusesTheRequestNamingItsPath) {
  std::string unknown = text_interaction();
  unknown.replace(unknown.find("\"Message\""), 9, "\"Hologram\"");
  std::string no_text = text_interaction();
  no_text.replace(no_text.find(R"("text":)"), 7, R"("txt":)");
  const std::pair<std::string, std::string> cases[] = {
      {text_interaction() + "," + unknown, "interactions[1].payload.entryType: unknown entry type \"Hologram\""},
      {text_interaction() + "," + no_text, "interactions[1].payload.abstractMessage.staticContent.text: required"},
      {"7", "interactions[0]: expected an object"},
  };
  for (const auto& [interactions, path] : cases) {
    const auto decoded = decode(interactions);
    ASSERT_FALSE(decoded.is_ok()) << interactions;
    EXPECT_NE(decoded.status().message().find(path), std::string::npos) << decoded.status().message();
  }
  const auto foreign = make_byoc_wire_codec()->decode_webhook(
      signed_request(R"({"to":"someone-else","from":"u","interactions":[]})"), byoc_credentials());
  ASSERT_FALSE(foreign.is_ok());
  EXPECT_NE(foreign.status().message().find("to:"), std::string::npos);
}

// A forged signature is refused naming the header; hostile bodies never crash.
TEST(ByocWireCodec, RefusesForgeriesAndHostileBodies) {
  const auto codec = make_byoc_wire_codec();
  HttpRequest forged = signed_request(request_body(text_interaction()));
  forged.set_header("X-Msgsim-Signature", "sha256=" + std::string(64, '0'));
  const auto decoded = codec->decode_webhook(forged, byoc_credentials());
  ASSERT_FALSE(decoded.is_ok());
  EXPECT_EQ(decoded.status().code(), StatusCode::kUnauthenticated);
  const HttpRequest valid = signed_request(request_body(text_interaction()));
  wire_test::expect_every_prefix_refused(*codec, valid, byoc_credentials(), sign);
  wire_test::expect_hostile_bodies_refused(*codec, valid, byoc_credentials(), sign);
}

// Outbound messages use the same shape, with the retry key as entry id.
TEST(ByocWireCodec, EncodesOutboundMessagesInTheSameShape) {
  WireSend send;
  send.to_address = "end-user-7";
  send.text = "Hi \"there\"";
  send.retry_key = "9f1c2d3e-4b5a-4c6d-8e7f-a0b1c2d3e4f5";
  const HttpRequest request = make_byoc_wire_codec()->encode_send(send, byoc_credentials());
  EXPECT_EQ(request.target, "/outbound");
  EXPECT_EQ(request.body,
            R"({"to":"end-user-7","from":"partner-channel-01","interactions":[{"interactionType":"EntryInteraction",)"
            R"("payload":{"id":"9f1c2d3e-4b5a-4c6d-8e7f-a0b1c2d3e4f5","entryType":"Message","abstractMessage":)"
            R"({"messageType":"StaticContentMessage","id":"9f1c2d3e-4b5a-4c6d-8e7f-a0b1c2d3e4f5","staticContent":)"
            R"({"formatType":"Text","text":"Hi \"there\""}}}}]})");
  EXPECT_TRUE(verify_connector_signature(byoc_credentials().secret, request.body, request.header("X-Msgsim-Signature")));
}

}  // namespace
}  // namespace msgsim::stack
