// The fake Messenger Platform and the stack's codec agree on every byte:
// messages keep their text and millisecond timestamps, delivery and read
// receipts arrive as watermark events listing their mids, tagged and
// untagged sends round-trip, error 10 goes out with subcode 2018278 and
// comes back as 10, the fake refuses calls with a wrong token, page or
// body, and mids and PSIDs encode their numbers one-to-one.
#include "fakes/wire/meta_messenger_codec.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <regex>

#include "fakes/wire/provider_codecs.h"
#include "fakes/wire/psid_numbering.h"
#include "sim/stack/wire/messenger_wire_codec.h"
#include "tests/fakes/wire/wire_round_trip.h"

namespace msgsim::fakes {
namespace {

using runtime::StatusCode;
using runtime::Time;

constexpr std::string_view kPage = "1029384756473829";

TEST(MetaMessengerCodec, DeliversMessagesTheStackDecodesExactly) {
  const MetaMessengerCodec provider;
  stack::DecodedWebhook events;
  std::uint64_t number = 1;
  for (const std::string& text : wire_test::tricky_texts()) {
    if (text.empty()) continue;  // Messenger messages always carry text or attachments
    stack::WireInbound message;
    message.from_address = provider.opaque_address(number);
    message.message_id = provider.message_id(number);
    message.text = text;
    message.sent_at = Time::from_ns(static_cast<std::int64_t>(number) * 1'234'000'000);
    events.inbound.push_back(message);
    ++number;
  }
  const stack::HttpRequest request = provider.encode_webhook(events, wire_test::credentials(std::string(kPage)));
  for (char c : request.body) ASSERT_LT(static_cast<unsigned char>(c), 0x80u);
  const nlohmann::json body = nlohmann::json::parse(request.body);
  EXPECT_EQ(body["entry"].size(), events.inbound.size());
  EXPECT_EQ(body["entry"][0]["messaging"].size(), 1u);
  const stack::DecodedWebhook decoded = wire_test::deliver(provider, stack::MessengerWireCodec(), events,
                                                           wire_test::credentials(std::string(kPage)));
  ASSERT_EQ(decoded.inbound.size(), events.inbound.size());
  for (std::size_t i = 0; i < events.inbound.size(); ++i) {
    EXPECT_EQ(decoded.inbound[i].text, events.inbound[i].text);
    EXPECT_EQ(decoded.inbound[i].from_address, events.inbound[i].from_address);
    EXPECT_EQ(decoded.inbound[i].message_id, events.inbound[i].message_id);
    EXPECT_EQ(decoded.inbound[i].sent_at, events.inbound[i].sent_at);
  }
}

TEST(MetaMessengerCodec, DeliversReceiptsAsWatermarksListingTheirMids) {
  const MetaMessengerCodec provider;
  const std::string alice = provider.opaque_address(1);
  const std::string bob = provider.opaque_address(2);
  stack::DecodedWebhook events;
  events.receipts = {{provider.message_id(10), alice, stack::DeliveryState::kDelivered, 0},
                     {provider.message_id(11), alice, stack::DeliveryState::kDelivered, 0},
                     {provider.message_id(12), bob, stack::DeliveryState::kDelivered, 0},
                     {provider.message_id(10), alice, stack::DeliveryState::kRead, 0}};
  const stack::HttpRequest request = provider.encode_webhook(events, wire_test::credentials(std::string(kPage)));
  const nlohmann::json body = nlohmann::json::parse(request.body);
  ASSERT_EQ(body["entry"].size(), 3u);
  EXPECT_EQ(body["entry"][0]["messaging"][0]["delivery"]["mids"].size(), 2u);
  EXPECT_TRUE(body["entry"][0]["messaging"][0]["delivery"]["watermark"].is_number_integer());
  EXPECT_TRUE(body["entry"][2]["messaging"][0]["read"]["watermark"].is_number_integer());
  const stack::DecodedWebhook decoded = wire_test::deliver(provider, stack::MessengerWireCodec(), events,
                                                           wire_test::credentials(std::string(kPage)));
  ASSERT_EQ(decoded.receipts.size(), events.receipts.size());
  for (std::size_t i = 0; i < events.receipts.size(); ++i) {
    EXPECT_EQ(decoded.receipts[i].message_id, events.receipts[i].message_id);
    EXPECT_EQ(decoded.receipts[i].recipient_address, events.receipts[i].recipient_address);
    EXPECT_EQ(decoded.receipts[i].state, events.receipts[i].state);
  }
}

TEST(MetaMessengerCodec, ReadsTaggedAndUntaggedSendsOfTheStack) {
  const MetaMessengerCodec provider;
  const stack::MessengerWireCodec stack_codec;
  for (const std::string& text : wire_test::tricky_texts()) {
    for (stack::MessageTag tag : {stack::MessageTag::kNone, stack::MessageTag::kConfirmedEventUpdate,
                                  stack::MessageTag::kPostPurchaseUpdate, stack::MessageTag::kAccountUpdate,
                                  stack::MessageTag::kHumanAgent}) {
      stack::WireSend send;
      send.to_address = provider.opaque_address(3);
      send.text = text;
      send.options.tag = tag;
      auto read = wire_test::submit(provider, stack_codec, send, wire_test::credentials(std::string(kPage)));
      ASSERT_TRUE(read.is_ok()) << read.status().message();
      EXPECT_EQ(read.value().to_address, send.to_address);
      EXPECT_EQ(read.value().text, text);
      EXPECT_EQ(read.value().options.tag, tag);
    }
  }
}

TEST(MetaMessengerCodec, SendsTheOutsideWindowErrorWithItsSubcode) {
  const MetaMessengerCodec provider;
  const stack::MessengerWireCodec stack_codec;
  stack::WireSendAnswer refused;
  refused.outcome.error_code = MetaMessengerCodec::kOutsideWindowCode;
  const stack::HttpResponse response = provider.encode_send_response(refused);
  EXPECT_EQ(response.status, 400);
  const nlohmann::json error = nlohmann::json::parse(response.body).at("error");
  EXPECT_EQ(error.at("code"), 10);
  EXPECT_EQ(error.at("error_subcode"), 2018278);
  EXPECT_EQ(error.at("type"), "OAuthException");
  for (int code : {10, 613, 2, 551, 100, 4242}) {
    refused.outcome.error_code = code;
    const stack::WireSendAnswer back = wire_test::answer(provider, stack_codec, refused);
    EXPECT_FALSE(back.outcome.accepted);
    EXPECT_EQ(back.outcome.error_code, code);
  }
  stack::WireSendAnswer accepted;
  accepted.outcome.accepted = true;
  accepted.message_id = provider.message_id(8);
  const stack::WireSendAnswer back = wire_test::answer(provider, stack_codec, accepted);
  EXPECT_TRUE(back.outcome.accepted);
  EXPECT_EQ(back.message_id, accepted.message_id);
}

TEST(MetaMessengerCodec, RefusesSendCallsWithAWrongTokenPageOrBody) {
  const MetaMessengerCodec provider;
  const stack::WireCredentials credentials = wire_test::credentials(std::string(kPage));
  stack::WireSend send;
  send.to_address = provider.opaque_address(4);
  send.text = "hi";
  const stack::HttpRequest good = stack::MessengerWireCodec().encode_send(send, credentials);
  auto expect_refused = [&](const stack::HttpRequest& request, StatusCode code, std::string_view mentions) {
    auto read = provider.decode_send(request, credentials);
    ASSERT_FALSE(read.is_ok()) << request.target << " " << request.body;
    EXPECT_EQ(read.status().code(), code) << read.status().message();
    EXPECT_NE(read.status().message().find(mentions), std::string::npos) << read.status().message();
  };
  stack::HttpRequest wrong_token = good;
  wrong_token.set_header("Authorization", "Bearer guess");
  expect_refused(wrong_token, StatusCode::kUnauthenticated, "invalid OAuth access token");
  stack::HttpRequest page_path = good;
  page_path.target = "/v19.0/" + std::string(kPage) + "/messages";
  EXPECT_TRUE(provider.decode_send(page_path, credentials).is_ok());
  page_path.target = "/v19.0/42/messages";
  expect_refused(page_path, StatusCode::kInvalidInput, "unknown page 42");
  for (std::size_t length = 0; length < good.body.size(); ++length) {
    stack::HttpRequest cut = good;
    cut.body.resize(length);
    expect_refused(cut, StatusCode::kInvalidInput, "invalid JSON at byte");
  }
  const std::pair<std::string, std::string_view> bodies[] = {
      {R"({"recipient":{"id":"x1"},"messaging_type":"RESPONSE","message":{"text":"a"}})", "recipient.id"},
      {R"({"recipient":{"id":"1"},"messaging_type":"LATER","message":{"text":"a"}})", "messaging_type"},
      {R"({"recipient":{"id":"1"},"messaging_type":"MESSAGE_TAG","message":{"text":"a"}})", "tag: required"},
      {R"({"recipient":{"id":"1"},"messaging_type":"MESSAGE_TAG","tag":"SHIPPING","message":{"text":"a"}})",
       "unknown message tag"},
      {R"({"recipient":{"id":"1"},"messaging_type":"RESPONSE","tag":"HUMAN_AGENT","message":{"text":"a"}})",
       "a tag needs messaging_type MESSAGE_TAG"},
      {R"({"recipient":{"id":"1"},"messaging_type":"RESPONSE","message":{"attachment":{"type":"image"}}})",
       "attachments are not supported"},
      {R"({"recipient":{"id":"1"},"messaging_type":"RESPONSE","message":{"text":false}})", "message.text"},
      {R"([1,2,3])", "(root): expected an object"},
  };
  for (const auto& [body, mentions] : bodies) {
    stack::HttpRequest request = good;
    request.body = body;
    expect_refused(request, StatusCode::kInvalidInput, mentions);
  }
}

TEST(MetaMessengerCodec, MakesMidsAndPsidsThatEncodeTheirNumbersOneToOne) {
  const MetaMessengerCodec provider;
  wire_test::expect_message_ids_invert(provider);
  wire_test::expect_altered_ids_refused(provider);
  wire_test::expect_addresses_invert(provider);
  const std::regex mid("m_[A-Za-z0-9_-]{86}");
  const std::regex psid("[1-9][0-9]{15}");
  for (std::uint64_t number = 0; number < 1000; ++number) {
    ASSERT_TRUE(std::regex_match(provider.message_id(number), mid)) << provider.message_id(number);
    ASSERT_TRUE(std::regex_match(provider.opaque_address(number), psid)) << provider.opaque_address(number);
  }
  EXPECT_EQ(provider.opaque_address(kPsidCompactLimit).size(), 20u);
  EXPECT_EQ(provider.opaque_number(provider.opaque_address(kPsidCompactLimit)), kPsidCompactLimit);
  EXPECT_EQ(provider.opaque_number(provider.opaque_address(kPsidCompactLimit - 1)), kPsidCompactLimit - 1);
  EXPECT_FALSE(provider.opaque_number("0999999999999999").has_value());
  EXPECT_FALSE(provider.opaque_number("00000000000000000001").has_value());
  EXPECT_FALSE(provider.opaque_number("99999999999999999999").has_value());
  EXPECT_FALSE(provider.message_number("m_1457764197618:41d102a3e1ae206a38").has_value());
}

TEST(MetaMessengerCodec, IsTheProviderCodecOfMessengerChannels) {
  auto codec = make_provider_wire_codec(stack::ChannelType::kMessenger);
  ASSERT_NE(codec, nullptr);
  EXPECT_EQ(codec->type(), stack::ChannelType::kMessenger);
}

}  // namespace
}  // namespace msgsim::fakes
