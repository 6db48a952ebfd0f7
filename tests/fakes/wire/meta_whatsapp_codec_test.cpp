// The fake WhatsApp Cloud API and the stack's codec agree on every byte:
// the fake's webhooks are ASCII with \u escapes (as Meta signs them) and
// decode to the same messages and statuses, send calls round-trip with
// their template name and category, answers round-trip with the Cloud API
// error codes (131047, 130429, 131056), the fake refuses calls with a wrong
// token, path or body with a reason, and wamids encode their numbers
// one-to-one.
#include "fakes/wire/meta_whatsapp_codec.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include "fakes/wire/graph_api_fake.h"
#include "fakes/wire/provider_codecs.h"
#include "sim/stack/channels/signatures.h"
#include "sim/stack/wire/base64_text.h"
#include "sim/stack/wire/whatsapp_wire_codec.h"
#include "sim/stack/wire/wire_time.h"
#include "tests/fakes/wire/wire_round_trip.h"

namespace msgsim::fakes {
namespace {

using runtime::StatusCode;
using runtime::Time;

const stack::WireCredentials& whatsapp_credentials() {
  static const stack::WireCredentials credentials = [] {
    stack::WireCredentials out = wire_test::credentials("106540352242922");
    out.account_id = "102290129340398";
    out.verify_token = "verify-me";
    return out;
  }();
  return credentials;
}

TEST(MetaWhatsappCodec, DeliversMessagesAsAsciiTheStackDecodesExactly) {
  const MetaWhatsappCodec provider;
  const stack::WhatsappWireCodec stack_codec;
  stack::DecodedWebhook events;
  std::uint64_t number = 10;
  for (const std::string& text : wire_test::tricky_texts()) {
    stack::WireInbound message;
    message.from_address = number % 2 == 0 ? "16505551234" : "447700900123";
    message.message_id = provider.message_id(number);
    message.text = text;
    message.sent_at = Time::from_ns(static_cast<std::int64_t>(number) * 1'000'000'000);
    events.inbound.push_back(message);
    ++number;
  }
  const stack::HttpRequest request = provider.encode_webhook(events, whatsapp_credentials());
  for (char c : request.body) ASSERT_LT(static_cast<unsigned char>(c), 0x80u);
  EXPECT_NE(request.body.find(R"(caf\u00e9)"), std::string::npos);
  EXPECT_NE(request.body.find(R"(\ud83d\ude00)"), std::string::npos);
  EXPECT_EQ(request.header("X-Hub-Signature-256"), stack::meta_signature(whatsapp_credentials().secret, request.body));
  const stack::DecodedWebhook decoded = wire_test::deliver(provider, stack_codec, events, whatsapp_credentials());
  ASSERT_EQ(decoded.inbound.size(), events.inbound.size());
  for (std::size_t i = 0; i < events.inbound.size(); ++i) {
    EXPECT_EQ(decoded.inbound[i].text, events.inbound[i].text);
    EXPECT_EQ(decoded.inbound[i].from_address, events.inbound[i].from_address);
    EXPECT_EQ(decoded.inbound[i].message_id, events.inbound[i].message_id);
    EXPECT_EQ(decoded.inbound[i].sent_at, events.inbound[i].sent_at);
  }
}

TEST(MetaWhatsappCodec, KeepsWholeSecondsOfTheSendTime) {
  const MetaWhatsappCodec provider;
  stack::WireInbound message;
  message.from_address = "16505551234";
  message.message_id = provider.message_id(1);
  message.sent_at = Time::from_ns(-1'500'000'000);
  stack::DecodedWebhook events;
  events.inbound.push_back(message);
  const stack::DecodedWebhook decoded =
      wire_test::deliver(provider, stack::WhatsappWireCodec(), events, whatsapp_credentials());
  ASSERT_EQ(decoded.inbound.size(), 1u);
  EXPECT_EQ(decoded.inbound[0].sent_at, Time::from_ns(-2'000'000'000));
}

TEST(MetaWhatsappCodec, DeliversEveryStatusWithItsErrorCode) {
  const MetaWhatsappCodec provider;
  stack::DecodedWebhook events;
  const std::pair<stack::DeliveryState, int> statuses[] = {{stack::DeliveryState::kSent, 0},
                                                           {stack::DeliveryState::kDelivered, 0},
                                                           {stack::DeliveryState::kRead, 0},
                                                           {stack::DeliveryState::kFailed, 131047},
                                                           {stack::DeliveryState::kFailed, 131026},
                                                           {stack::DeliveryState::kFailed, 0}};
  std::uint64_t number = 1000;
  for (const auto& [state, code] : statuses) {
    events.receipts.push_back(stack::WireReceipt{provider.message_id(number++), "16505551234", state, code});
  }
  const stack::DecodedWebhook decoded =
      wire_test::deliver(provider, stack::WhatsappWireCodec(), events, whatsapp_credentials());
  ASSERT_EQ(decoded.receipts.size(), events.receipts.size());
  for (std::size_t i = 0; i < events.receipts.size(); ++i) {
    EXPECT_EQ(decoded.receipts[i].message_id, events.receipts[i].message_id);
    EXPECT_EQ(decoded.receipts[i].state, events.receipts[i].state);
    const int expected = events.receipts[i].error_code != 0 || events.receipts[i].state != stack::DeliveryState::kFailed
                             ? events.receipts[i].error_code
                             : MetaWhatsappCodec::kSomethingWentWrong;
    EXPECT_EQ(decoded.receipts[i].error_code, expected);
  }
}

TEST(MetaWhatsappCodec, ReadsTextAndTemplateSendsOfTheStack) {
  const MetaWhatsappCodec provider;
  const stack::WhatsappWireCodec stack_codec;
  for (const std::string& text : wire_test::tricky_texts()) {
    stack::WireSend send;
    send.to_address = "16505551234";
    send.text = text;
    auto read = wire_test::submit(provider, stack_codec, send, whatsapp_credentials());
    ASSERT_TRUE(read.is_ok()) << read.status().message();
    EXPECT_EQ(read.value().text, text);
    EXPECT_EQ(read.value().to_address, send.to_address);
    EXPECT_TRUE(read.value().options.template_name.empty());
    for (stack::TemplateCategory category : {stack::TemplateCategory::kMarketing, stack::TemplateCategory::kUtility,
                                             stack::TemplateCategory::kAuthentication, stack::TemplateCategory::kNone}) {
      send.options.template_name = "order_update";
      send.options.template_category = category;
      auto templated = wire_test::submit(provider, stack_codec, send, whatsapp_credentials());
      ASSERT_TRUE(templated.is_ok()) << templated.status().message();
      EXPECT_EQ(templated.value().options.template_name, "order_update");
      EXPECT_EQ(templated.value().options.template_category, category);
      EXPECT_EQ(templated.value().text, text);
    }
  }
}

TEST(MetaWhatsappCodec, AnswersAcceptedSendsAndCloudApiErrors) {
  const MetaWhatsappCodec provider;
  const stack::WhatsappWireCodec stack_codec;
  stack::WireSendAnswer accepted;
  accepted.outcome.accepted = true;
  accepted.message_id = provider.message_id(99);
  const stack::WireSendAnswer read = wire_test::answer(provider, stack_codec, accepted);
  EXPECT_TRUE(read.outcome.accepted);
  EXPECT_EQ(read.message_id, accepted.message_id);
  for (int code : {131047, 130429, 131056, 131016, 131026, 132001, 555555}) {
    stack::WireSendAnswer refused;
    refused.outcome.error_code = code;
    const stack::HttpResponse response = provider.encode_send_response(refused);
    EXPECT_GE(response.status, 400);
    const nlohmann::json error = nlohmann::json::parse(response.body).at("error");
    EXPECT_EQ(error.at("code"), code);
    EXPECT_EQ(error.at("type"), "OAuthException");
    EXPECT_TRUE(error.contains("fbtrace_id") && error.contains("message"));
    const stack::WireSendAnswer back = wire_test::answer(provider, stack_codec, refused);
    EXPECT_FALSE(back.outcome.accepted);
    EXPECT_EQ(back.outcome.error_code, code);
  }
}

TEST(MetaWhatsappCodec, RefusesSendCallsWithAWrongTokenPathOrBody) {
  const MetaWhatsappCodec provider;
  stack::WireSend send;
  send.to_address = "16505551234";
  send.text = "hi";
  const stack::HttpRequest good = stack::WhatsappWireCodec().encode_send(send, whatsapp_credentials());
  auto expect_refused = [&](const stack::HttpRequest& request, StatusCode code, std::string_view mentions) {
    auto read = provider.decode_send(request, whatsapp_credentials());
    ASSERT_FALSE(read.is_ok()) << request.target << " " << request.body;
    EXPECT_EQ(read.status().code(), code) << read.status().message();
    EXPECT_NE(read.status().message().find(mentions), std::string::npos) << read.status().message();
  };
  stack::HttpRequest no_token = good;
  no_token.headers.clear();
  expect_refused(no_token, StatusCode::kUnauthenticated, "no access token");
  stack::HttpRequest wrong_token = good;
  wrong_token.set_header("Authorization", "Bearer guess");
  expect_refused(wrong_token, StatusCode::kUnauthenticated, "invalid OAuth access token");
  stack::HttpRequest query_token = good;
  query_token.headers.clear();
  query_token.target += "?access_token=" + whatsapp_credentials().secret;
  EXPECT_TRUE(provider.decode_send(query_token, whatsapp_credentials()).is_ok());
  stack::HttpRequest other_number = good;
  other_number.target = "/v19.0/999/messages";
  expect_refused(other_number, StatusCode::kInvalidInput, "unknown phone number id 999");
  stack::HttpRequest other_path = good;
  other_path.target = "/v19.0/106540352242922/media";
  expect_refused(other_path, StatusCode::kInvalidInput, "unknown path");
  for (std::size_t length = 0; length < good.body.size(); ++length) {
    stack::HttpRequest cut = good;
    cut.body.resize(length);
    expect_refused(cut, StatusCode::kInvalidInput, "invalid JSON at byte");
  }
  const std::pair<std::string, std::string_view> bodies[] = {
      {R"({"messaging_product":"sms","to":"1","type":"text","text":{"body":"x"}})", "messaging_product"},
      {R"({"messaging_product":"whatsapp","to":"abc","type":"text","text":{"body":"x"}})", "to: expected a phone number"},
      {R"({"messaging_product":"whatsapp","to":"16505551234","type":"image","image":{}})", "type \"image\""},
      {R"({"messaging_product":"whatsapp","to":"16505551234","type":"text","text":{"body":7}})", "text.body"},
      {R"({"messaging_product":"whatsapp","to":"16505551234","type":"template","template":{"name":"t",)"
       R"("language":{"code":"en_US"}},"biz_opaque_callback_data":"category=PROMO"})",
       "biz_opaque_callback_data"},
      {R"({"messaging_product":"whatsapp","to":"16505551234","type":"template","template":{"name":"t"}})",
       "template.language.code"},
      {"{\"messaging_product\":\"whatsapp\",\"to\":\"16505551234\",\"type\":\"text\",\"text\":{\"body\":\"\xFF\"}}",
       "invalid UTF-8"},
  };
  for (const auto& [body, mentions] : bodies) {
    stack::HttpRequest request = good;
    request.body = body;
    expect_refused(request, StatusCode::kInvalidInput, mentions);
  }
}

TEST(MetaWhatsappCodec, MakesWamidsThatEncodeTheirNumbersOneToOne) {
  const MetaWhatsappCodec provider;
  wire_test::expect_message_ids_invert(provider);
  wire_test::expect_altered_ids_refused(provider);
  const std::string id = provider.message_id(12345);
  ASSERT_TRUE(id.starts_with("wamid.HBgAFQIAEhgg"));
  const auto bytes = stack::base64_decode(id.substr(6), stack::Base64Alphabet::kStandardPadded);
  ASSERT_TRUE(bytes.has_value());
  EXPECT_EQ(bytes->size(), 42u);
  EXPECT_FALSE(provider.message_number("wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=").has_value());
  EXPECT_EQ(provider.opaque_address(7), "");
  EXPECT_FALSE(provider.opaque_number("16505551234").has_value());
}

TEST(MetaWhatsappCodec, StartsTheVerificationHandshakeTheStackAnswers) {
  const stack::HttpRequest get = meta_verification_request(whatsapp_credentials(), "1158201444");
  EXPECT_EQ(get.method, "GET");
  EXPECT_EQ(get.target, "/webhooks/channel-1?v=2&hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=1158201444");
  auto answer = stack::WhatsappWireCodec().answer_verification(get, whatsapp_credentials());
  ASSERT_TRUE(answer.has_value() && answer->is_ok());
  EXPECT_EQ(answer->value().body, "1158201444");
}

TEST(MetaWhatsappCodec, IsTheProviderCodecOfWhatsappChannels) {
  auto codec = make_provider_wire_codec(stack::ChannelType::kWhatsapp);
  ASSERT_NE(codec, nullptr);
  EXPECT_EQ(codec->type(), stack::ChannelType::kWhatsapp);
}

}  // namespace
}  // namespace msgsim::fakes
