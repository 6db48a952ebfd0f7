// The fake Twilio and the stack's SMS codec agree on every byte: inbound
// messages and status callbacks survive the trip (emoji, non-ASCII, quotes,
// newlines, form metacharacters), the fake signs as the shared vector says,
// send calls and answers round-trip with Twilio's error codes (21610,
// 21617, ...), the fake refuses calls with wrong credentials or malformed
// forms with a reason, and SM ids encode their numbers one-to-one.
#include "fakes/wire/twilio_sms_codec.h"

#include <gtest/gtest.h>

#include <regex>

#include "fakes/wire/provider_codecs.h"
#include "sim/stack/channels/signatures.h"
#include "sim/stack/channels/sms_encoding.h"
#include "sim/stack/wire/codecs.h"
#include "sim/stack/wire/form_encoding.h"
#include "sim/stack/wire/sms_wire_codec.h"
#include "tests/fakes/wire/wire_round_trip.h"
#include "tests/stack/wire/signature_vectors.h"

namespace msgsim::fakes {
namespace {

using runtime::StatusCode;

stack::WireCredentials sms_credentials() {
  stack::WireCredentials credentials = wire_test::credentials("+15551230000");
  credentials.account_id = "AC0123456789abcdef0123456789abcdef";
  return credentials;
}

TEST(TwilioSmsCodec, DeliversInboundMessagesTheStackDecodesExactly) {
  const TwilioSmsCodec provider;
  const stack::SmsWireCodec stack_codec;
  std::uint64_t number = 1;
  for (const std::string& text : wire_test::tricky_texts()) {
    stack::WireInbound message;
    message.from_address = "+15558675310";
    message.message_id = provider.message_id(number++);
    message.text = text + " &To=+1&Body=%41+";
    stack::DecodedWebhook events;
    events.inbound.push_back(message);
    const stack::DecodedWebhook decoded = wire_test::deliver(provider, stack_codec, events, sms_credentials());
    ASSERT_EQ(decoded.inbound.size(), 1u);
    EXPECT_EQ(decoded.inbound[0].text, message.text);
    EXPECT_EQ(decoded.inbound[0].from_address, message.from_address);
    EXPECT_EQ(decoded.inbound[0].message_id, message.message_id);
  }
}

TEST(TwilioSmsCodec, SignsAndEncodesAsTheSharedVector) {
  int checked = 0;
  for (const nlohmann::json& vector : wire_vectors::signature_vectors("X-Twilio-Signature")) {
    if (!vector.contains("form_body")) continue;
    const nlohmann::json& params = vector.at("params");
    stack::WireCredentials credentials;
    credentials.secret = vector.at("auth_token").get<std::string>();
    credentials.webhook_url = vector.at("url").get<std::string>();
    credentials.business_address = params.at("To").get<std::string>();
    credentials.account_id = params.at("AccountSid").get<std::string>();
    stack::WireInbound message;
    message.from_address = params.at("From").get<std::string>();
    message.message_id = params.at("MessageSid").get<std::string>();
    message.text = params.at("Body").get<std::string>();
    stack::DecodedWebhook events;
    events.inbound.push_back(message);
    const stack::HttpRequest request = TwilioSmsCodec().encode_webhook(events, credentials);
    EXPECT_EQ(request.target, "/sms/inbound");
    EXPECT_EQ(request.body, vector.at("form_body").get<std::string>());
    EXPECT_EQ(request.header("X-Twilio-Signature"), vector.at("expected").get<std::string>());
    ++checked;
  }
  EXPECT_EQ(checked, 1);
}

TEST(TwilioSmsCodec, CountsNumSegmentsAsTwiliosCalculator) {
  const TwilioSmsCodec provider;
  const std::string pieces[] = {"a", "{", "\xC3\xA9", "\xF0\x9F\x98\x80", "\xE6\x97\xA5", "\r\n"};
  for (const std::string& piece : pieces) {
    for (std::size_t count : {0u, 1u, 35u, 69u, 70u, 71u, 80u, 153u, 160u, 161u, 400u}) {
      std::string text;
      for (std::size_t i = 0; i < count; ++i) text += piece;
      stack::DecodedWebhook events;
      events.inbound.push_back(stack::WireInbound{});
      events.inbound[0].from_address = "+15558675310";
      events.inbound[0].message_id = provider.message_id(count);
      events.inbound[0].text = text;
      auto params = stack::decode_form_body(provider.encode_webhook(events, sms_credentials()).body);
      ASSERT_TRUE(params.is_ok());
      auto segments = stack::find_form_param(params.value(), "NumSegments");
      ASSERT_TRUE(segments.is_ok() && segments.value() != nullptr);
      auto expected = stack::sms_encoding_info(text);
      ASSERT_TRUE(expected.is_ok());
      EXPECT_EQ(*segments.value(), std::to_string(expected.value().segments)) << count << " x " << piece;
    }
  }
}

TEST(TwilioSmsCodec, DeliversStatusCallbacksWithTheirErrorCodes) {
  const TwilioSmsCodec provider;
  const stack::SmsWireCodec stack_codec;
  for (stack::DeliveryState state : {stack::DeliveryState::kQueued, stack::DeliveryState::kSent,
                                     stack::DeliveryState::kDelivered, stack::DeliveryState::kRead,
                                     stack::DeliveryState::kFailed}) {
    stack::WireReceipt receipt;
    receipt.message_id = provider.message_id(77);
    receipt.recipient_address = "+15558675310";
    receipt.state = state;
    receipt.error_code = state == stack::DeliveryState::kFailed ? 30003 : 0;
    stack::DecodedWebhook events;
    events.receipts.push_back(receipt);
    const stack::DecodedWebhook decoded = wire_test::deliver(provider, stack_codec, events, sms_credentials());
    ASSERT_EQ(decoded.receipts.size(), 1u);
    EXPECT_EQ(decoded.receipts[0].message_id, receipt.message_id);
    EXPECT_EQ(decoded.receipts[0].recipient_address, receipt.recipient_address);
    EXPECT_EQ(decoded.receipts[0].state, state);
    EXPECT_EQ(decoded.receipts[0].error_code, receipt.error_code);
  }
  stack::WireReceipt unexplained;
  unexplained.message_id = provider.message_id(78);
  unexplained.recipient_address = "+15558675310";
  unexplained.state = stack::DeliveryState::kFailed;
  stack::DecodedWebhook events;
  events.receipts.push_back(unexplained);
  const stack::DecodedWebhook decoded = wire_test::deliver(provider, stack_codec, events, sms_credentials());
  ASSERT_EQ(decoded.receipts.size(), 1u);
  EXPECT_EQ(decoded.receipts[0].error_code, TwilioSmsCodec::kUnknownDeliveryError);
}

TEST(TwilioSmsCodec, ReadsTheStacksSendCallsAndAnswersThem) {
  const TwilioSmsCodec provider;
  const stack::SmsWireCodec stack_codec;
  for (const std::string& text : wire_test::tricky_texts()) {
    stack::WireSend send;
    send.to_address = "+15558675310";
    send.text = text;
    auto read = wire_test::submit(provider, stack_codec, send, sms_credentials());
    ASSERT_TRUE(read.is_ok()) << read.status().message();
    EXPECT_EQ(read.value().to_address, send.to_address);
    EXPECT_EQ(read.value().text, text);
  }
  stack::WireSendAnswer accepted;
  accepted.outcome.accepted = true;
  accepted.message_id = provider.message_id(5);
  const stack::HttpResponse created = provider.encode_send_response(accepted);
  EXPECT_EQ(created.status, 201);
  const stack::WireSendAnswer read_back = wire_test::answer(provider, stack_codec, accepted);
  EXPECT_TRUE(read_back.outcome.accepted);
  EXPECT_EQ(read_back.message_id, accepted.message_id);
}

TEST(TwilioSmsCodec, RoundTripsTwiliosErrorCodesWithTheirHttpStatus) {
  const TwilioSmsCodec provider;
  const stack::SmsWireCodec stack_codec;
  const std::pair<int, int> codes[] = {{21610, 400}, {21617, 400}, {20429, 429}, {20500, 500}, {21211, 400}, {30001, 400}};
  for (const auto& [code, http_status] : codes) {
    stack::WireSendAnswer refused;
    refused.outcome.error_code = code;
    const stack::HttpResponse response = provider.encode_send_response(refused);
    EXPECT_EQ(response.status, http_status);
    const nlohmann::json body = nlohmann::json::parse(response.body);
    EXPECT_EQ(body["code"], code);
    EXPECT_EQ(body["status"], http_status);
    EXPECT_EQ(body["more_info"], "https://www.twilio.com/docs/errors/" + std::to_string(code));
    const stack::WireSendAnswer read = wire_test::answer(provider, stack_codec, refused);
    EXPECT_FALSE(read.outcome.accepted);
    EXPECT_EQ(read.outcome.error_code, code);
  }
}

TEST(TwilioSmsCodec, RefusesSendCallsWithWrongCredentialsOrMalformedForms) {
  const TwilioSmsCodec provider;
  const stack::SmsWireCodec stack_codec;
  stack::WireSend send;
  send.to_address = "+15558675310";
  send.text = "hello";
  const stack::HttpRequest good = stack_codec.encode_send(send, sms_credentials());
  auto expect_refused = [&](const stack::HttpRequest& request, StatusCode code, std::string_view mentions) {
    auto read = provider.decode_send(request, sms_credentials());
    ASSERT_FALSE(read.is_ok()) << request.target << " " << request.body;
    EXPECT_EQ(read.status().code(), code) << read.status().message();
    EXPECT_NE(read.status().message().find(mentions), std::string::npos) << read.status().message();
  };
  stack::WireCredentials wrong_token = sms_credentials();
  wrong_token.secret = "guess";
  expect_refused(stack_codec.encode_send(send, wrong_token), StatusCode::kUnauthenticated, "Authorization");
  stack::HttpRequest other_account = good;
  other_account.target = "/2010-04-01/Accounts/AC11111111111111111111111111111111/Messages.json";
  expect_refused(other_account, StatusCode::kUnauthenticated, "is not this account");
  stack::HttpRequest other_resource = good;
  other_resource.target = "/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Calls.json";
  expect_refused(other_resource, StatusCode::kInvalidInput, "unknown resource");
  stack::HttpRequest get = good;
  get.method = "GET";
  expect_refused(get, StatusCode::kInvalidInput, "POST");
  const std::pair<std::string, std::string_view> bodies[] = {
      {"From=%2B15551230000&Body=hi", "To is missing"},
      {"To=5558675310&From=%2B15551230000&Body=hi", "To \"5558675310\" is not an E.164 number"},
      {"To=%2B15558675310&From=%2B15550000000&Body=hi", "not this account's number"},
      {"To=%2B15558675310&From=%2B15551230000", "Body is missing"},
      {"To=%2B15558675310&From=%2B15551230000&Body=%FF", "invalid UTF-8"},
      {"To=%2B15558675310&From=%2B15551230000&Body=%Z0", "bad percent escape"},
      {"To=%2B15558675310&To=%2B15558675311&From=%2B15551230000&Body=hi", "To appears more than once"},
  };
  for (const auto& [body, mentions] : bodies) {
    stack::HttpRequest request = good;
    request.body = body;
    expect_refused(request, StatusCode::kInvalidInput, mentions);
  }
  stack::HttpRequest huge = good;
  huge.body += std::string(stack::kMaxWebhookBytes, 'a');
  expect_refused(huge, StatusCode::kTooLarge, "over the limit");
}

TEST(TwilioSmsCodec, ReadsEveryTruncatedSendCallAsARefusalOrAPrefixOfTheText) {
  // A form carries no length: a cut inside Body (the last field) is a
  // shorter valid message, which only a transport can detect. Every other
  // cut is refused, and nothing crashes.
  const TwilioSmsCodec provider;
  stack::WireSend send;
  send.to_address = "+15558675310";
  send.text = "caf\xC3\xA9 \xF0\x9F\x98\x80 done";
  const stack::HttpRequest good = stack::SmsWireCodec().encode_send(send, sms_credentials());
  // "&Body" without '=' already names the parameter (with an empty value).
  const std::size_t body_named = good.body.find("&Body=") + 5;
  for (std::size_t length = 0; length < good.body.size(); ++length) {
    stack::HttpRequest cut = good;
    cut.body.resize(length);
    auto read = provider.decode_send(cut, sms_credentials());
    if (length < body_named) {
      EXPECT_FALSE(read.is_ok()) << length;
    } else if (read.is_ok()) {
      EXPECT_TRUE(send.text.starts_with(read.value().text)) << length;
    } else {
      EXPECT_EQ(read.status().code(), StatusCode::kInvalidInput);
    }
  }
}

TEST(TwilioSmsCodec, MakesMessageSidsThatEncodeTheirNumbersOneToOne) {
  const TwilioSmsCodec provider;
  wire_test::expect_message_ids_invert(provider);
  wire_test::expect_altered_ids_refused(provider);
  const std::regex sid("SM[0-9a-f]{32}");
  for (std::uint64_t number : {0ull, 1ull, 2ull, 123456789ull}) EXPECT_TRUE(std::regex_match(provider.message_id(number), sid));
  EXPECT_NE(provider.message_id(1).substr(0, 10), provider.message_id(2).substr(0, 10));
  EXPECT_EQ(provider.opaque_address(1), "");
  EXPECT_FALSE(provider.opaque_number("+15558675310").has_value());
}

TEST(TwilioSmsCodec, IsTheProviderCodecOfSmsChannels) {
  auto codec = make_provider_wire_codec(stack::ChannelType::kSms);
  ASSERT_NE(codec, nullptr);
  EXPECT_EQ(codec->type(), stack::ChannelType::kSms);
}

}  // namespace
}  // namespace msgsim::fakes
