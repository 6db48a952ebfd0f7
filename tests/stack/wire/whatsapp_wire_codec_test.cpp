// The stack's WhatsApp Cloud API codec verifies X-Hub-Signature-256 over the
// exact bytes (the shared vectors, raw and \u-escaped), decodes messages and
// statuses, refuses forged, oversized, truncated, wrong-typed and non-UTF-8
// webhooks with a reason and without yielding any event, skips the event
// types Meta documents besides text, answers the verification handshake,
// and reads the send API's answers and Graph API errors.
#include "sim/stack/wire/whatsapp_wire_codec.h"

#include <gtest/gtest.h>

#include <string>

#include "sim/stack/channels/signatures.h"
#include "sim/stack/wire/codecs.h"
#include "sim/stack/wire/json_view.h"
#include "sim/stack/wire/wire_time.h"
#include "tests/stack/wire/signature_vectors.h"

namespace msgsim::stack {
namespace {

using runtime::StatusCode;

constexpr std::string_view kPhoneNumberId = "106540352242922";

WireCredentials credentials() {
  WireCredentials out;
  out.secret = "test_app_secret";
  out.webhook_url = "https://stack.example/webhooks/whatsapp";
  out.business_address = std::string(kPhoneNumberId);
  out.verify_token = "verify-me";
  return out;
}

HttpRequest signed_request(std::string body, const std::string& secret = "test_app_secret") {
  HttpRequest request;
  request.target = "/webhooks/whatsapp";
  request.set_header("X-Hub-Signature-256", meta_signature(secret, body));
  request.body = std::move(body);
  return request;
}

// The first vector's body: one inbound text message.
std::string vector_body() {
  const auto vectors = wire_vectors::signature_vectors("X-Hub-Signature-256");
  for (const nlohmann::json& vector : vectors) {
    const std::string body = vector.at("raw_body").get<std::string>();
    if (body.find("whatsapp_business_account") != std::string::npos) return body;
  }
  ADD_FAILURE() << "no WhatsApp signature vector";
  return "{}";
}

std::string replaced(std::string text, std::string_view from, std::string_view to) {
  const std::size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

runtime::Result<DecodedWebhook> decode(const HttpRequest& request) {
  return WhatsappWireCodec().decode_webhook(request, credentials());
}

void expect_refused(const HttpRequest& request, StatusCode code, std::string_view mentions) {
  auto decoded = decode(request);
  ASSERT_FALSE(decoded.is_ok()) << "accepted: " << request.body;
  EXPECT_EQ(decoded.status().code(), code) << decoded.status().message();
  EXPECT_NE(decoded.status().message().find(mentions), std::string::npos) << decoded.status().message();
}

TEST(WhatsappWireCodec, AcceptsEverySharedVectorSignedOverItsRawBytes) {
  int checked = 0;
  for (const nlohmann::json& vector : wire_vectors::signature_vectors("X-Hub-Signature-256")) {
    const std::string body = vector.at("raw_body").get<std::string>();
    if (body.find("whatsapp_business_account") == std::string::npos) continue;
    HttpRequest request;
    request.set_header("X-Hub-Signature-256", vector.at("expected").get<std::string>());
    request.body = body;
    auto decoded = decode(request);
    ASSERT_TRUE(decoded.is_ok()) << decoded.status().message();
    ASSERT_EQ(decoded.value().inbound.size(), 1u);
    const WireInbound& message = decoded.value().inbound[0];
    EXPECT_EQ(message.from_address, "16505551234");
    EXPECT_EQ(message.message_id, "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=");
    EXPECT_EQ(message.sent_at, from_unix_seconds(1749416383).value());
    const nlohmann::json parsed = nlohmann::json::parse(body);
    EXPECT_EQ(message.text, parsed["entry"][0]["changes"][0]["value"]["messages"][0]["text"]["body"].get<std::string>());
    ++checked;
  }
  EXPECT_EQ(checked, 2);
}

TEST(WhatsappWireCodec, DecodesEscapedAndRawUtf8ToTheSameTextButSignsThemApart) {
  const std::string raw = replaced(vector_body(), "Does it come in another color?", "caf\xC3\xA9 \xF0\x9F\x98\x80");
  const std::string escaped = replaced(vector_body(), "Does it come in another color?", R"(caf\u00e9 \ud83d\ude00)");
  auto from_raw = decode(signed_request(raw));
  auto from_escaped = decode(signed_request(escaped));
  ASSERT_TRUE(from_raw.is_ok() && from_escaped.is_ok());
  EXPECT_EQ(from_raw.value().inbound[0].text, "caf\xC3\xA9 \xF0\x9F\x98\x80");
  EXPECT_EQ(from_escaped.value().inbound[0].text, from_raw.value().inbound[0].text);
  HttpRequest swapped = signed_request(raw);
  swapped.body = escaped;
  expect_refused(swapped, StatusCode::kUnauthenticated, "X-Hub-Signature-256 does not match");
}

TEST(WhatsappWireCodec, RefusesForgedOrMissingSignatures) {
  expect_refused(signed_request(vector_body(), "another secret"), StatusCode::kUnauthenticated, "X-Hub-Signature-256");
  HttpRequest unsigned_request = signed_request(vector_body());
  unsigned_request.headers.clear();
  expect_refused(unsigned_request, StatusCode::kUnauthenticated, "missing X-Hub-Signature-256");
  HttpRequest tampered = signed_request(vector_body());
  tampered.body = replaced(tampered.body, "another color", "another colour");
  expect_refused(tampered, StatusCode::kUnauthenticated, "X-Hub-Signature-256");
}

TEST(WhatsappWireCodec, ChecksTheSignatureBeforeTheSize) {
  const std::string huge = replaced(vector_body(), "Does it come", std::string(kMaxWebhookBytes, 'x'));
  expect_refused(signed_request(huge), StatusCode::kTooLarge, "over the limit");
  HttpRequest forged = signed_request(huge);
  forged.body.back() = ' ';
  expect_refused(forged, StatusCode::kUnauthenticated, "X-Hub-Signature-256");
}

TEST(WhatsappWireCodec, RefusesEveryTruncationOfAValidBody) {
  const std::string body = vector_body();
  for (std::size_t length = 0; length < body.size(); ++length) {
    auto decoded = decode(signed_request(body.substr(0, length)));
    ASSERT_FALSE(decoded.is_ok()) << length;
    EXPECT_EQ(decoded.status().code(), StatusCode::kInvalidInput);
    EXPECT_NE(decoded.status().message().find("whatsapp webhook: invalid JSON at byte"), std::string::npos);
  }
}

TEST(WhatsappWireCodec, NamesTheFieldOfEveryWrongTypeOrMissingField) {
  const std::pair<std::string_view, std::string_view> mutations[] = {
      {R"("object":"whatsapp_business_account")", R"("object":"page")"},
      {R"("entry":[)", R"("entries":[)"},
      {R"("id":"102290129340398")", R"("id":102290129340398)"},
      {R"("messaging_product":"whatsapp")", R"("messaging_product":"sms")"},
      {R"("phone_number_id":"106540352242922")", R"("phone_number_id":"999")"},
      {R"("contacts":[)", R"("contacts":"none","x":[)"},
      {R"("from":"16505551234")", R"("from":"+1 650")"},
      {R"("id":"wamid.)", R"("id":"mid.)"},
      {R"("timestamp":"1749416383")", R"("timestamp":1749416383)"},
      {R"("timestamp":"1749416383")", R"("timestamp":"-5")"},
      {R"("timestamp":"1749416383")", R"("timestamp":"99999999999999999999")"},
      {R"("type":"text")", R"("type":"hologram")"},
      {R"("text":{"body":"Does it come in another color?"})", R"("text":"Does it come")"},
      {R"("body":"Does it come in another color?")", R"("body":null)"},
      {R"("field":"messages")", R"("field":7)"},
  };
  const std::string_view fields[] = {"object",    "entry",      "entry[0].id",   "messaging_product",
                                     "phone_number_id", "contacts",  "messages[0].from", "messages[0].id",
                                     "timestamp", "timestamp",  "timestamp",     "messages[0].type",
                                     "messages[0].text", "text.body", "field"};
  for (std::size_t i = 0; i < std::size(mutations); ++i) {
    SCOPED_TRACE(mutations[i].second);
    const std::string body = replaced(vector_body(), mutations[i].first, mutations[i].second);
    expect_refused(signed_request(body), StatusCode::kInvalidInput, fields[i]);
  }
}

TEST(WhatsappWireCodec, RefusesHugeStringsInsideABodyOfAcceptableSize) {
  expect_refused(signed_request(replaced(vector_body(), "Does it come", std::string(70'000, 'x'))),
                 StatusCode::kInvalidInput, "text.body: string of 70018 bytes is over the limit of 65536");
  expect_refused(signed_request(replaced(vector_body(), "wamid.", "wamid." + std::string(1000, 'A'))),
                 StatusCode::kInvalidInput, "messages[0].id: string of");
}

TEST(WhatsappWireCodec, RefusesTextThatIsNotUtf8OrHasLoneSurrogates) {
  expect_refused(signed_request(replaced(vector_body(), "another", "an\xFFother")), StatusCode::kInvalidInput,
                 "invalid UTF-8");
  expect_refused(signed_request(replaced(vector_body(), "another", "an\xC0\xAFother")), StatusCode::kInvalidInput,
                 "invalid UTF-8");
  expect_refused(signed_request(replaced(vector_body(), "another", R"(an\ud83dother)")), StatusCode::kInvalidInput,
                 "surrogate");
  expect_refused(signed_request(replaced(vector_body(), "another", R"(an\ude00other)")), StatusCode::kInvalidInput,
                 "surrogate");
}

TEST(WhatsappWireCodec, SkipsDocumentedOtherMessageTypesAndFields) {
  const std::string reaction = replaced(replaced(vector_body(), R"("type":"text")", R"("type":"reaction")"),
                                        R"("text":{"body":"Does it come in another color?"})",
                                        R"("reaction":{"message_id":"wamid.X","emoji":"\ud83d\udc4d"})");
  auto skipped = decode(signed_request(reaction));
  ASSERT_TRUE(skipped.is_ok()) << skipped.status().message();
  EXPECT_TRUE(skipped.value().inbound.empty());
  const std::string template_update = replaced(vector_body(), R"("field":"messages")", R"("field":"account_update")");
  auto other_field = decode(signed_request(template_update));
  ASSERT_TRUE(other_field.is_ok()) << other_field.status().message();
  EXPECT_TRUE(other_field.value().inbound.empty());
}

std::string statuses_body(std::string_view statuses) {
  return std::string(R"({"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"value":{)"
                     R"("messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881",)"
                     R"("phone_number_id":"106540352242922"},"statuses":)") +
         std::string(statuses) + R"(},"field":"messages"}]}]})";
}

TEST(WhatsappWireCodec, DecodesStatusesWithTheirErrorCodes) {
  const std::string body = statuses_body(
      R"([{"id":"wamid.A","status":"delivered","timestamp":"1767225700","recipient_id":"16505551234"},)"
      R"({"id":"wamid.B","status":"failed","timestamp":"1767225700","recipient_id":"16505551234",)"
      R"("errors":[{"code":131047,"title":"Re-engagement message"}]},)"
      R"({"id":"wamid.C","status":"warning","timestamp":"1767225700","recipient_id":"16505551234"}])");
  auto decoded = decode(signed_request(body));
  ASSERT_TRUE(decoded.is_ok()) << decoded.status().message();
  ASSERT_EQ(decoded.value().receipts.size(), 2u);
  EXPECT_EQ(decoded.value().receipts[0].message_id, "wamid.A");
  EXPECT_EQ(decoded.value().receipts[0].state, DeliveryState::kDelivered);
  EXPECT_EQ(decoded.value().receipts[0].recipient_address, "16505551234");
  EXPECT_EQ(decoded.value().receipts[1].state, DeliveryState::kFailed);
  EXPECT_EQ(decoded.value().receipts[1].error_code, 131047);
}

TEST(WhatsappWireCodec, YieldsNothingWhenOneEventOfManyIsBad) {
  const std::string body = statuses_body(
      R"([{"id":"wamid.A","status":"read","timestamp":"1767225700","recipient_id":"16505551234"},)"
      R"({"id":"wamid.B","status":"failed","timestamp":"1767225700","recipient_id":"16505551234"}])");
  expect_refused(signed_request(body), StatusCode::kInvalidInput, "statuses[1].errors: required field is missing");
  const std::string unknown = statuses_body(
      R"([{"id":"wamid.A","status":"read","timestamp":"1767225700","recipient_id":"16505551234"},)"
      R"({"id":"wamid.B","status":"vanished","timestamp":"1767225700","recipient_id":"16505551234"}])");
  expect_refused(signed_request(unknown), StatusCode::kInvalidInput, "statuses[1].status: unknown status");
}

TEST(WhatsappWireCodec, AnswersTheVerificationHandshake) {
  const WhatsappWireCodec codec;
  HttpRequest get;
  get.method = "GET";
  get.target = "/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=1158201444";
  auto answer = codec.answer_verification(get, credentials());
  ASSERT_TRUE(answer.has_value() && answer->is_ok());
  EXPECT_EQ(answer->value().status, 200);
  EXPECT_EQ(answer->value().body, "1158201444");
  get.target = "/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1158201444";
  auto wrong_token = codec.answer_verification(get, credentials());
  ASSERT_TRUE(wrong_token.has_value());
  ASSERT_FALSE(wrong_token->is_ok());
  EXPECT_EQ(wrong_token->status().code(), StatusCode::kUnauthenticated);
  get.target = "/webhooks/whatsapp?hub.mode=unsubscribe&hub.verify_token=verify-me&hub.challenge=1";
  auto wrong_mode = codec.answer_verification(get, credentials());
  ASSERT_TRUE(wrong_mode.has_value() && !wrong_mode->is_ok());
  EXPECT_EQ(wrong_mode->status().code(), StatusCode::kInvalidInput);
  get.target = "/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=%3Cscript%3E";
  auto echoed_markup = codec.answer_verification(get, credentials());
  ASSERT_TRUE(echoed_markup.has_value() && !echoed_markup->is_ok());
  EXPECT_NE(echoed_markup->status().message().find("hub.challenge"), std::string::npos);
  HttpRequest post = signed_request(vector_body());
  EXPECT_FALSE(codec.answer_verification(post, credentials()).has_value());
}

TEST(WhatsappWireCodec, EncodesTextAndTemplateSendsForTheCloudApi) {
  const WhatsappWireCodec codec;
  WireSend text;
  text.to_address = "16505551234";
  text.text = "caf\xC3\xA9";
  const HttpRequest text_call = codec.encode_send(text, credentials());
  EXPECT_EQ(text_call.method, "POST");
  EXPECT_EQ(text_call.target, "/v19.0/106540352242922/messages");
  EXPECT_EQ(text_call.header("Authorization"), "Bearer test_app_secret");
  EXPECT_EQ(text_call.body, R"({"messaging_product":"whatsapp","recipient_type":"individual","to":"16505551234",)"
                            R"("type":"text","text":{"preview_url":false,"body":"caf\u00e9"}})");
  WireSend templated = text;
  templated.options.template_name = "order_update";
  templated.options.template_category = TemplateCategory::kUtility;
  const nlohmann::json call = nlohmann::json::parse(codec.encode_send(templated, credentials()).body);
  EXPECT_EQ(call["type"], "template");
  EXPECT_EQ(call["template"]["name"], "order_update");
  EXPECT_EQ(call["template"]["language"]["code"], "en_US");
  EXPECT_EQ(call["template"]["components"][0]["parameters"][0]["text"], "caf\xC3\xA9");
  EXPECT_EQ(call["biz_opaque_callback_data"], "category=UTILITY");
}

TEST(WhatsappWireCodec, ReadsAcceptedAnswersAndGraphApiErrors) {
  const WhatsappWireCodec codec;
  auto accepted = codec.decode_send_response(HttpResponse{
      200, "application/json",
      R"({"messaging_product":"whatsapp","contacts":[{"input":"16505551234","wa_id":"16505551234"}],)"
      R"("messages":[{"id":"wamid.HBgLMTY1MDUwNzY1MjAVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA"}]})"});
  ASSERT_TRUE(accepted.is_ok()) << accepted.status().message();
  EXPECT_TRUE(accepted.value().outcome.accepted);
  EXPECT_EQ(accepted.value().message_id, "wamid.HBgLMTY1MDUwNzY1MjAVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA");
  for (int code : {131047, 130429, 131056}) {
    auto refused = codec.decode_send_response(HttpResponse{
        400, "application/json",
        R"({"error":{"message":"(#)" + std::to_string(code) + R"() x","type":"OAuthException","code":)" +
            std::to_string(code) + R"(,"fbtrace_id":"Az8or2yhqkZfEZ-_4Qn_Bam"}})"});
    ASSERT_TRUE(refused.is_ok()) << refused.status().message();
    EXPECT_FALSE(refused.value().outcome.accepted);
    EXPECT_EQ(refused.value().outcome.error_code, code);
  }
  auto outage = codec.decode_send_response(HttpResponse{503, "text/html", "<html>Service Unavailable</html>"});
  ASSERT_FALSE(outage.is_ok());
  EXPECT_EQ(outage.status().code(), StatusCode::kUnavailable);
  auto garbage = codec.decode_send_response(HttpResponse{200, "application/json", R"({"messages":[]})"});
  ASSERT_FALSE(garbage.is_ok());
  EXPECT_NE(garbage.status().message().find("messages"), std::string::npos);
}

TEST(WhatsappWireCodec, IsTheStackCodecOfWhatsappChannels) {
  auto codec = make_stack_wire_codec(ChannelType::kWhatsapp);
  ASSERT_NE(codec, nullptr);
  EXPECT_EQ(codec->type(), ChannelType::kWhatsapp);
}

}  // namespace
}  // namespace msgsim::stack
