// Webhook signatures (Twilio, Meta, LINE) against every `signatures` vector of
// the shared channel vectors, plus verification and form decoding.
#include "sim/stack/channels/signatures.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace msgsim::stack {
namespace {

using nlohmann::json;

constexpr const char* kVectorsPath = MSGSIM_SOURCE_DIR "/../shared/vectors/channel_vectors.json";

const json& vectors() {
  static const json parsed = [] {
    std::ifstream in(kVectorsPath);
    if (!in) ADD_FAILURE() << "cannot open " << kVectorsPath;
    return in ? json::parse(in) : json::object();
  }();
  return parsed;
}

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
  return text;
}

// The signer a vector describes, found from the header it names.
std::optional<WebhookSigner> signer_of(const json& vector) {
  for (WebhookSigner signer : {WebhookSigner::kTwilio, WebhookSigner::kMeta, WebhookSigner::kLine}) {
    if (lower(vector.at("header").get<std::string>()) == lower(signature_header(signer))) return signer;
  }
  return std::nullopt;
}

std::string tampered(std::string text) {
  text.back() = text.back() == 'A' ? 'B' : 'A';
  return text;
}

// Parameters in reverse name order, so the signer's own sort is what is tested.
FormParams reversed_params(const json& params) {
  FormParams out;
  for (const auto& [name, value] : params.items()) out.emplace_back(name, value.get<std::string>());
  std::reverse(out.begin(), out.end());
  return out;
}

void expect_twilio_vector(const json& vector) {
  const std::string token = vector.at("auth_token").get<std::string>();
  const std::string url = vector.at("url").get<std::string>();
  const std::string expected = vector.at("expected").get<std::string>();
  const FormParams params = reversed_params(vector.at("params"));
  if (vector.contains("string_to_sign")) {
    EXPECT_EQ(twilio_string_to_sign(url, params), vector.at("string_to_sign").get<std::string>());
  }
  EXPECT_EQ(twilio_signature(token, url, params), expected);
  EXPECT_TRUE(verify_twilio_signature(token, url, params, expected));
  EXPECT_FALSE(verify_twilio_signature(token, url, params, tampered(expected)));
  EXPECT_FALSE(verify_twilio_signature(token + "x", url, params, expected));
  EXPECT_FALSE(verify_twilio_signature(token, url + "&baz=3", params, expected));
  if (vector.contains("form_body")) {
    // The wire body decodes to the signed parameters ('+' is a space, %2B a plus).
    runtime::Result<FormParams> decoded = decode_form_body(vector.at("form_body").get<std::string>());
    ASSERT_TRUE(decoded.is_ok()) << decoded.status().message();
    EXPECT_EQ(twilio_signature(token, url, decoded.value()), expected);
  }
}

void expect_body_vector(WebhookSigner signer, const json& vector) {
  const bool meta = signer == WebhookSigner::kMeta;
  const std::string secret = vector.at(meta ? "app_secret" : "channel_secret").get<std::string>();
  const std::string body = vector.at("raw_body").get<std::string>();
  const std::string expected = vector.at("expected").get<std::string>();
  if (vector.contains("raw_body_sha256_hex")) {
    EXPECT_EQ(sha256_hex(body), vector.at("raw_body_sha256_hex").get<std::string>());
  }
  EXPECT_EQ(meta ? meta_signature(secret, body) : line_signature(secret, body), expected);
  auto verify = meta ? verify_meta_signature : verify_line_signature;
  EXPECT_TRUE(verify(secret, body, expected));
  EXPECT_FALSE(verify(secret, body, tampered(expected)));
  EXPECT_FALSE(verify(secret, body + " ", expected));
  EXPECT_FALSE(verify(secret + "x", body, expected));
}

// Every signature vector: computed header values match, verify accepts them and rejects any change.
TEST(Signature, MatchesEverySignatureVector) {
  const json& cases = vectors().at("signatures");
  ASSERT_GE(cases.size(), 7u);
  std::map<WebhookSigner, int> checked;
  for (std::size_t i = 0; i < cases.size(); ++i) {
    SCOPED_TRACE("signatures[" + std::to_string(i) + "] " + cases[i].at("provider").get<std::string>());
    const std::optional<WebhookSigner> signer = signer_of(cases[i]);
    ASSERT_TRUE(signer.has_value()) << "no signer for header " << cases[i].at("header") << ": add one";
    if (*signer == WebhookSigner::kTwilio) expect_twilio_vector(cases[i]);
    else expect_body_vector(*signer, cases[i]);
    ++checked[*signer];
  }
  EXPECT_EQ(checked.size(), 3u) << "every signer has at least one vector";
}

// Meta signs raw bytes: the same JSON with é escaped or raw has a different signature.
TEST(Signature, MetaHashesRawBytesNotReserialisedJson) {
  const std::string escaped = R"({"text":{"body":"caf\u00e9"}})";
  const std::string raw = "{\"text\":{\"body\":\"caf\xC3\xA9\"}}";
  EXPECT_NE(meta_signature("secret", escaped), meta_signature("secret", raw));
  EXPECT_FALSE(verify_meta_signature("secret", raw, meta_signature("secret", escaped)));
  EXPECT_EQ(meta_signature("secret", raw).rfind("sha256=", 0), 0u);
  EXPECT_EQ(meta_signature("secret", raw).size(), 7u + 64u);
}

// Twilio sorts parameters by name, and a repeated name contributes each value in value order.
TEST(Signature, TwilioSortsParametersByName) {
  const FormParams shuffled = {{"To", "+1"}, {"Body", "hi there"}, {"From", "+2"}};
  EXPECT_EQ(twilio_string_to_sign("https://x.test/sms", shuffled), "https://x.test/smsBodyhi thereFrom+2To+1");
  const FormParams repeated = {{"Media", "b"}, {"Media", "a"}};
  EXPECT_EQ(twilio_string_to_sign("u", repeated), "uMediaaMediab");
  EXPECT_EQ(twilio_string_to_sign("https://x.test/sms", {}), "https://x.test/sms");
}

// Form bodies decode '+' and %XX, keep empty values, and reject a broken escape with its offset.
TEST(Signature, FormBodyDecodingHandlesPlusAndPercent) {
  const FormParams decoded = decode_form_body("Body=STOP+please&From=%2B1555&Empty=&Flag&&x=%e2%82%ac").take();
  const FormParams expected = {{"Body", "STOP please"}, {"From", "+1555"}, {"Empty", ""}, {"Flag", ""},
                               {"x", "\xE2\x82\xAC"}};
  EXPECT_EQ(decoded, expected);
  EXPECT_TRUE(decode_form_body("").take().empty());
  runtime::Result<FormParams> bad = decode_form_body("a=1&b=%4");
  ASSERT_FALSE(bad.is_ok());
  EXPECT_NE(bad.status().message().find("byte 6"), std::string::npos) << bad.status().message();
  EXPECT_FALSE(decode_form_body("a=%zz").is_ok());
}

// The provider names the CLI accepts map to their signers, and others are invalid input.
TEST(Signature, SignerNamesMapToProviders) {
  EXPECT_EQ(webhook_signer_from_name("twilio").take(), WebhookSigner::kTwilio);
  EXPECT_EQ(webhook_signer_from_name("SMS").take(), WebhookSigner::kTwilio);
  EXPECT_EQ(webhook_signer_from_name("whatsapp").take(), WebhookSigner::kMeta);
  EXPECT_EQ(webhook_signer_from_name("meta").take(), WebhookSigner::kMeta);
  EXPECT_EQ(webhook_signer_from_name("messenger").take(), WebhookSigner::kMeta);
  EXPECT_EQ(webhook_signer_from_name("line").take(), WebhookSigner::kLine);
  runtime::Result<WebhookSigner> unknown = webhook_signer_from_name("telegram");
  ASSERT_FALSE(unknown.is_ok());
  EXPECT_NE(unknown.status().message().find("telegram"), std::string::npos);
}

// Constant-time equality is plain equality: whole strings, lengths included.
TEST(Signature, ConstantTimeEqualsComparesWholeStrings) {
  EXPECT_TRUE(constant_time_equals("", ""));
  EXPECT_TRUE(constant_time_equals("abc", "abc"));
  EXPECT_FALSE(constant_time_equals("abc", "abd"));
  EXPECT_FALSE(constant_time_equals("abc", "abcd"));
  EXPECT_FALSE(constant_time_equals("", "a"));
}

// An empty secret still signs (HMAC allows it), so only the CLI refuses it as a likely mistake.
TEST(Signature, EmptySecretStillSigns) {
  EXPECT_EQ(line_signature("", "{}").size(), 44u);
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

}  // namespace
}  // namespace msgsim::stack
