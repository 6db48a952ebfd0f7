// The stack's Twilio codec verifies X-Twilio-Signature over the URL and the
// decoded parameters (every shared Twilio vector), decodes inbound messages
// and status callbacks (undelivered and failed as kFailed with their
// ErrorCode, the other documented stages skipped), refuses forged,
// oversized, truncated, malformed and non-UTF-8 requests with a reason and
// nothing decoded, and reads the Messages resource's answers and Twilio
// error bodies (21610, 21617).
#include "sim/stack/wire/sms_wire_codec.h"

#include <gtest/gtest.h>

#include <string>

#include "sim/stack/channels/signatures.h"
#include "sim/stack/wire/codecs.h"
#include "sim/stack/wire/form_encoding.h"
#include "tests/stack/wire/signature_vectors.h"

namespace msgsim::stack {
namespace {

using runtime::StatusCode;

constexpr std::string_view kAccount = "AC00000000000000000000000000000001";
constexpr std::string_view kUrl = "https://harness.example/sms/inbound";

WireCredentials credentials() {
  WireCredentials out;
  out.secret = "test_auth_token";
  out.webhook_url = std::string(kUrl);
  out.business_address = "+15551230000";
  out.account_id = std::string(kAccount);
  return out;
}

FormParams inbound_params() {
  return FormParams{{"AccountSid", std::string(kAccount)},
                    {"ApiVersion", "2010-04-01"},
                    {"Body", "STOP please"},
                    {"From", "+15558675310"},
                    {"MessageSid", "SM0123456789abcdef0123456789abcdef"},
                    {"NumMedia", "0"},
                    {"NumSegments", "1"},
                    {"SmsStatus", "received"},
                    {"To", "+15551230000"}};
}

FormParams status_params(std::string status) {
  return FormParams{{"AccountSid", std::string(kAccount)}, {"From", "+15551230000"},
                    {"MessageSid", "SM0123456789abcdef0123456789abcdef"}, {"MessageStatus", std::move(status)},
                    {"To", "+15558675310"}};
}

HttpRequest signed_request(const FormParams& params, const std::string& token = "test_auth_token") {
  HttpRequest request;
  request.target = "/sms/inbound";
  for (const auto& [name, value] : params) append_form_field(request.body, name, value);
  request.set_header("X-Twilio-Signature", twilio_signature(token, kUrl, params));
  return request;
}

FormParams with(FormParams params, const std::string& name, std::string value) {
  for (auto& [key, old] : params) {
    if (key == name) {
      old = std::move(value);
      return params;
    }
  }
  params.emplace_back(name, std::move(value));
  return params;
}

FormParams without(FormParams params, const std::string& name) {
  std::erase_if(params, [&](const auto& param) { return param.first == name; });
  return params;
}

runtime::Result<DecodedWebhook> decode(const HttpRequest& request) {
  return SmsWireCodec().decode_webhook(request, credentials());
}

void expect_refused(const HttpRequest& request, StatusCode code, std::string_view mentions) {
  auto decoded = decode(request);
  ASSERT_FALSE(decoded.is_ok()) << "accepted: " << request.body;
  EXPECT_EQ(decoded.status().code(), code) << decoded.status().message();
  EXPECT_NE(decoded.status().message().find(mentions), std::string::npos) << decoded.status().message();
}

TEST(SmsWireCodec, VerifiesEverySharedTwilioVector) {
  int checked = 0;
  for (const nlohmann::json& vector : wire_vectors::signature_vectors("X-Twilio-Signature")) {
    WireCredentials vector_credentials = credentials();
    vector_credentials.secret = vector.at("auth_token").get<std::string>();
    vector_credentials.webhook_url = vector.at("url").get<std::string>();
    HttpRequest request;
    for (const auto& [name, value] : vector.at("params").items()) append_form_field(request.body, name, value.get<std::string>());
    request.set_header("X-Twilio-Signature", vector.at("expected").get<std::string>());
    auto decoded = SmsWireCodec().decode_webhook(request, vector_credentials);
    if (vector.at("params").contains("MessageSid")) {
      ASSERT_TRUE(decoded.is_ok()) << decoded.status().message();
      ASSERT_EQ(decoded.value().inbound.size(), 1u);
      EXPECT_EQ(decoded.value().inbound[0].text, vector.at("params").at("Body").get<std::string>());
      EXPECT_EQ(decoded.value().inbound[0].from_address, "+15558675310");
      EXPECT_EQ(decoded.value().inbound[0].message_id, "SM00000000000000000000000000000001");
    } else {
      // A voice call's parameters: signed correctly, then refused as no message.
      ASSERT_FALSE(decoded.is_ok());
      EXPECT_EQ(decoded.status().code(), StatusCode::kInvalidInput) << decoded.status().message();
    }
    request.set_header("X-Twilio-Signature", "0/KCTR6DLpKmkAf8muzZqo1nDgA=");
    auto forged = SmsWireCodec().decode_webhook(request, vector_credentials);
    ASSERT_FALSE(forged.is_ok());
    EXPECT_EQ(forged.status().code(), StatusCode::kUnauthenticated);
    ++checked;
  }
  EXPECT_EQ(checked, 3);
}

TEST(SmsWireCodec, DecodesAnInboundMessage) {
  auto decoded = decode(signed_request(with(inbound_params(), "Body", "caf\xC3\xA9 \xF0\x9F\x98\x80 \"&=+%\n")));
  ASSERT_TRUE(decoded.is_ok()) << decoded.status().message();
  ASSERT_EQ(decoded.value().inbound.size(), 1u);
  EXPECT_EQ(decoded.value().inbound[0].text, "caf\xC3\xA9 \xF0\x9F\x98\x80 \"&=+%\n");
  EXPECT_EQ(decoded.value().inbound[0].sent_at, runtime::Time::zero());
  EXPECT_TRUE(decoded.value().receipts.empty());
}

TEST(SmsWireCodec, DecodesStatusCallbacks) {
  const std::pair<std::string, DeliveryState> states[] = {{"queued", DeliveryState::kQueued},
                                                          {"sent", DeliveryState::kSent},
                                                          {"delivered", DeliveryState::kDelivered},
                                                          {"read", DeliveryState::kRead},
                                                          {"failed", DeliveryState::kFailed},
                                                          {"undelivered", DeliveryState::kFailed}};
  for (const auto& [name, state] : states) {
    FormParams params = status_params(name);
    if (state == DeliveryState::kFailed) params.emplace_back("ErrorCode", "30003");
    auto decoded = decode(signed_request(params));
    ASSERT_TRUE(decoded.is_ok()) << decoded.status().message();
    ASSERT_EQ(decoded.value().receipts.size(), 1u) << name;
    EXPECT_EQ(decoded.value().receipts[0].state, state);
    EXPECT_EQ(decoded.value().receipts[0].recipient_address, "+15558675310");
    EXPECT_EQ(decoded.value().receipts[0].error_code, state == DeliveryState::kFailed ? 30003 : 0);
  }
  auto sending = decode(signed_request(status_params("sending")));
  ASSERT_TRUE(sending.is_ok());
  EXPECT_TRUE(sending.value().receipts.empty());
  expect_refused(signed_request(status_params("teleported")), StatusCode::kInvalidInput, "MessageStatus");
}

TEST(SmsWireCodec, RefusesForgedSignaturesBeforeLookingAtTheSize) {
  expect_refused(signed_request(inbound_params(), "guess"), StatusCode::kUnauthenticated, "X-Twilio-Signature");
  HttpRequest unsigned_request = signed_request(inbound_params());
  unsigned_request.headers.clear();
  expect_refused(unsigned_request, StatusCode::kUnauthenticated, "missing X-Twilio-Signature header");
  HttpRequest tampered = signed_request(inbound_params());
  tampered.body += "&Extra=1";
  expect_refused(tampered, StatusCode::kUnauthenticated, "X-Twilio-Signature does not match");
  const FormParams huge = with(inbound_params(), "Body", std::string(kMaxWebhookBytes, 'a'));
  expect_refused(signed_request(huge), StatusCode::kTooLarge, "over the limit");
  HttpRequest huge_forged = signed_request(huge, "guess");
  expect_refused(huge_forged, StatusCode::kUnauthenticated, "X-Twilio-Signature");
}

TEST(SmsWireCodec, RefusesEveryTruncationOfASignedBody) {
  const HttpRequest whole = signed_request(inbound_params());
  for (std::size_t length = 0; length < whole.body.size(); ++length) {
    HttpRequest truncated = whole;
    truncated.body.resize(length);
    auto decoded = decode(truncated);
    ASSERT_FALSE(decoded.is_ok()) << length;
    EXPECT_EQ(decoded.status().code(), StatusCode::kUnauthenticated);
  }
}

TEST(SmsWireCodec, RefusesEveryTruncationReSignedThatLosesAField) {
  // Re-signed, a truncation is what a hostile signer could send: every cut
  // that loses or shortens To (the last field) or any other is refused.
  const HttpRequest whole = signed_request(inbound_params());
  for (std::size_t length = 0; length < whole.body.size(); ++length) {
    auto params = decode_form_body(whole.body.substr(0, length));
    if (!params.is_ok()) continue;
    auto decoded = decode(signed_request(params.value()));
    ASSERT_FALSE(decoded.is_ok()) << length;
    EXPECT_EQ(decoded.status().code(), StatusCode::kInvalidInput);
    EXPECT_NE(decoded.status().message().find("parameter "), std::string::npos);
  }
}

TEST(SmsWireCodec, NamesTheParameterOfEveryMalformedField) {
  const std::pair<FormParams, std::string_view> cases[] = {
      {without(inbound_params(), "MessageSid"), "MessageSid is missing"},
      {with(inbound_params(), "MessageSid", "SM123"), "MessageSid \"SM123\" is not SM or MM + 32 hex"},
      {with(inbound_params(), "MessageSid", "SM0123456789ABCDEF0123456789abcdef"), "MessageSid"},
      {with(inbound_params(), "AccountSid", "AC11111111111111111111111111111111"), "not this channel's account"},
      {with(inbound_params(), "From", "5558675310"), "From \"5558675310\" is not an E.164 number"},
      {with(inbound_params(), "To", "+15550000000"), "To \"+15550000000\" is not this channel's number"},
      {with(inbound_params(), "NumMedia", "many"), "NumMedia"},
      {without(inbound_params(), "NumSegments"), "NumSegments is missing"},
      {without(inbound_params(), "Body"), "Body is missing"},
      {with(inbound_params(), "Body", "bad \xFF byte"), "Body: invalid UTF-8 at byte 4"},
      {with(inbound_params(), "From", std::string(1000, '1')), "From"},
      {with(inbound_params(), "Body", std::string(100'000, 'b')), "Body of 100000 bytes is over the limit of 65536"},
      {with(status_params("failed"), "ErrorCode", "x1"), "ErrorCode"},
      {with(inbound_params(), "From", "+15558675310&From=+15550000001"), "From"},
  };
  for (const auto& [params, mentions] : cases) {
    SCOPED_TRACE(std::string(mentions));
    expect_refused(signed_request(params), StatusCode::kInvalidInput, mentions);
  }
  FormParams repeated = inbound_params();
  repeated.emplace_back("Body", "second");
  expect_refused(signed_request(repeated), StatusCode::kInvalidInput, "Body appears more than once");
  HttpRequest bad_escape = signed_request(inbound_params());
  bad_escape.body += "&x=%G1";
  expect_refused(bad_escape, StatusCode::kUnauthenticated, "bad percent escape");
}

TEST(SmsWireCodec, EncodesACallToTheMessagesResource) {
  WireSend send;
  send.to_address = "+15558675310";
  send.text = "Your order #42 ships today & arrives soon 😀";
  const HttpRequest call = SmsWireCodec().encode_send(send, credentials());
  EXPECT_EQ(call.method, "POST");
  EXPECT_EQ(call.target, "/2010-04-01/Accounts/AC00000000000000000000000000000001/Messages.json");
  EXPECT_EQ(call.header("Authorization"), "Basic QUMwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMTp0ZXN0X2F1dGhfdG9rZW4=");
  EXPECT_EQ(call.header("Content-Type"), "application/x-www-form-urlencoded");
  auto params = decode_form_body(call.body);
  ASSERT_TRUE(params.is_ok());
  EXPECT_EQ(params.value(), (FormParams{{"To", "+15558675310"}, {"From", "+15551230000"}, {"Body", send.text}}));
}

TEST(SmsWireCodec, ReadsCreatedMessagesAndTwilioErrors) {
  const SmsWireCodec codec;
  auto created = codec.decode_send_response(HttpResponse{
      201, "application/json",
      R"({"account_sid":"AC00000000000000000000000000000001","sid":"SM0123456789abcdef0123456789abcdef",)"
      R"("status":"queued","error_code":null})"});
  ASSERT_TRUE(created.is_ok()) << created.status().message();
  EXPECT_TRUE(created.value().outcome.accepted);
  EXPECT_EQ(created.value().message_id, "SM0123456789abcdef0123456789abcdef");
  for (int code : {21610, 21617}) {
    auto refused = codec.decode_send_response(HttpResponse{
        400, "application/json",
        R"({"code":)" + std::to_string(code) + R"(,"message":"x","more_info":"https://www.twilio.com/docs/errors/)" +
            std::to_string(code) + R"(","status":400})"});
    ASSERT_TRUE(refused.is_ok()) << refused.status().message();
    EXPECT_FALSE(refused.value().outcome.accepted);
    EXPECT_EQ(refused.value().outcome.error_code, code);
  }
  auto gateway = codec.decode_send_response(HttpResponse{502, "text/html", "<html>Bad Gateway</html>"});
  ASSERT_FALSE(gateway.is_ok());
  EXPECT_EQ(gateway.status().code(), StatusCode::kUnavailable);
  auto no_sid = codec.decode_send_response(HttpResponse{201, "application/json", R"({"sid":"XX1"})"});
  ASSERT_FALSE(no_sid.is_ok());
  EXPECT_NE(no_sid.status().message().find("sid"), std::string::npos);
}

TEST(SmsWireCodec, IsTheStackCodecOfSmsChannelsAndHasNoHandshake) {
  auto codec = make_stack_wire_codec(ChannelType::kSms);
  ASSERT_NE(codec, nullptr);
  EXPECT_EQ(codec->type(), ChannelType::kSms);
  HttpRequest get;
  get.method = "GET";
  EXPECT_FALSE(codec->answer_verification(get, credentials()).has_value());
}

// A sid is its prefix and exactly 32 lowercase hex digits: any other byte
// at any place, an uppercase digit, another length or prefix is refused.
TEST(SmsWire, SidsAreThePrefixAndThirtyTwoLowercaseHexDigits) {
  const std::string sid = "SM0123456789abcdef0123456789abcdef";
  EXPECT_TRUE(is_twilio_sid(sid, "SM"));
  EXPECT_FALSE(is_twilio_sid(sid, "MM"));
  EXPECT_FALSE(is_twilio_sid(sid.substr(0, 33), "SM"));
  EXPECT_FALSE(is_twilio_sid(sid + "0", "SM"));
  for (std::size_t place = 2; place < sid.size(); ++place) {
    for (int value = 0; value < 256; ++value) {
      std::string altered = sid;
      altered[place] = static_cast<char>(value);
      const bool hex = (value >= '0' && value <= '9') || (value >= 'a' && value <= 'f');
      EXPECT_EQ(is_twilio_sid(altered, "SM"), hex) << value << " at " << place;
    }
  }
}

}  // namespace
}  // namespace msgsim::stack
