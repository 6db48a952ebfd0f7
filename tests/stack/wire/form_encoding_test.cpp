// Form encoding writes what Twilio's libraries write (the shared vector's
// form body byte for byte) and decode_form_body reads any text back
// exactly; a repeated parameter is refused rather than guessed at.
#include "sim/stack/wire/form_encoding.h"

#include <gtest/gtest.h>

#include "sim/stack/wire/address_syntax.h"
#include "tests/stack/wire/signature_vectors.h"

namespace msgsim::stack {
namespace {

TEST(FormEncoding, WritesTheSharedVectorsFormBodyExactly) {
  int checked = 0;
  for (const nlohmann::json& vector : wire_vectors::signature_vectors("X-Twilio-Signature")) {
    if (!vector.contains("form_body")) continue;
    std::string body;
    for (const auto& [name, value] : vector.at("params").items()) append_form_field(body, name, value.get<std::string>());
    EXPECT_EQ(body, vector.at("form_body").get<std::string>());
    ++checked;
  }
  EXPECT_GE(checked, 1);
}

TEST(FormEncoding, DecodesEveryTextBackExactly) {
  const std::string texts[] = {"", "a b+c&d=e%f", "emoji 😀 café", "new\nline\ttab", std::string("\0\x01\xff", 3),
                               "~-._*'()!"};
  for (const std::string& text : texts) {
    std::string body;
    append_form_field(body, "Body", text);
    append_form_field(body, "To", "+15551230000");
    auto params = decode_form_body(body);
    ASSERT_TRUE(params.is_ok()) << params.status().message();
    ASSERT_EQ(params.value().size(), 2u);
    EXPECT_EQ(params.value()[0].second, text);
    EXPECT_EQ(params.value()[1].second, "+15551230000");
  }
}

TEST(FormEncoding, RefusesARepeatedParameter) {
  auto params = decode_form_body("To=%2B1&Body=a&To=%2B2");
  ASSERT_TRUE(params.is_ok());
  auto to = find_form_param(params.value(), "To");
  ASSERT_FALSE(to.is_ok());
  EXPECT_NE(to.status().message().find("To appears more than once"), std::string::npos);
  auto body = find_form_param(params.value(), "Body");
  ASSERT_TRUE(body.is_ok());
  EXPECT_EQ(*body.value(), "a");
  auto absent = find_form_param(params.value(), "From");
  ASSERT_TRUE(absent.is_ok());
  EXPECT_EQ(absent.value(), nullptr);
}

TEST(FormEncoding, ReservesAtLeastWhatItWrites) {
  // Every byte value, escaped or not: the bound is never below the bytes
  // written, padding for the last escape's store included.
  std::string all_bytes;
  for (int byte = 0; byte < 256; ++byte) all_bytes.push_back(static_cast<char>(byte));
  const std::string texts[] = {"", " ", "plain", "a b&c=d", all_bytes, std::string(300, '%')};
  for (const std::string& value : texts) {
    const FormParamView params[] = {{"Body", value}, {"To", "+15551230000"}, {"", ""}};
    std::string body;
    for (const FormParamView& param : params) append_form_field(body, param.name, param.value);
    EXPECT_LE(body.size() + 1, form_body_bytes_max(params)) << value;
    auto decoded = decode_form_body(body);
    ASSERT_TRUE(decoded.is_ok());
    EXPECT_EQ(decoded.value()[0].second, value);
  }
}

// Through a BodyWriter sized by form_body_bytes_max, or too small, the
// body is the one appending to a string writes: every byte escaped as
// Twilio's libraries escape it.
TEST(FormEncoding, WritesTheSameBodyThroughABodyWriter) {
  std::string all_bytes;
  for (int byte = 0; byte < 256; ++byte) all_bytes.push_back(static_cast<char>(byte));
  const std::string texts[] = {"", " ", "plain", "a b&c=d", all_bytes, std::string(300, '%')};
  for (const std::string& value : texts) {
    const FormParamView params[] = {{"Body", value}, {"To", "+15551230000"}, {"", ""}};
    std::string expected;
    for (const FormParamView& param : params) append_form_field(expected, param.name, param.value);
    for (const std::size_t estimate : {form_body_bytes_max(params), std::size_t{1}}) {
      std::string body;
      BodyWriter writer(body, estimate);
      for (const FormParamView& param : params) append_form_field(writer, param.name, param.value);
      writer.finish();
      EXPECT_EQ(body, expected) << value;
    }
  }
  // Every byte value at every place of a text long enough to be read
  // sixteen bytes at a time, against the rule applied byte by byte.
  auto rule = [](char c) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    const auto byte = static_cast<unsigned char>(c);
    const bool plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                       c == '.' || c == '_' || c == '~';
    return plain ? std::string(1, c) : c == ' ' ? std::string("+") : std::string{'%', kHex[byte >> 4], kHex[byte & 0x0F]};
  };
  for (int byte = 0; byte < 256; ++byte) {
    for (std::size_t place = 0; place < 40; ++place) {
      std::string text = "0123456789abcdefghijKLMNOPQRST-._~uvwxyz";
      text[place] = static_cast<char>(byte);
      std::string expected = "k=";
      for (const char c : text) expected += rule(c);
      std::string encoded;
      append_form_field(encoded, "k", text);
      ASSERT_EQ(encoded, expected) << byte << " at " << place;
    }
  }
}

TEST(AddressSyntax, TellsPhoneNumbersAndDecimalFieldsApart) {
  EXPECT_TRUE(is_e164("+15551230000"));
  EXPECT_TRUE(is_e164("+442071838750"));
  EXPECT_FALSE(is_e164("15551230000"));
  EXPECT_FALSE(is_e164("+05551230000"));
  EXPECT_FALSE(is_e164("+1234567890123456"));
  EXPECT_FALSE(is_e164("+1555-123"));
  EXPECT_TRUE(is_wa_id("16505551234"));
  EXPECT_FALSE(is_wa_id("+16505551234"));
  EXPECT_TRUE(is_short_code("12345"));
  EXPECT_FALSE(is_short_code("12"));
  EXPECT_EQ(parse_unsigned_decimal("1749416383"), 1749416383);
  EXPECT_EQ(parse_unsigned_decimal("0"), 0);
  EXPECT_FALSE(parse_unsigned_decimal("007").has_value());
  EXPECT_FALSE(parse_unsigned_decimal("-1").has_value());
  EXPECT_FALSE(parse_unsigned_decimal("9223372036854775808").has_value());
  EXPECT_FALSE(parse_unsigned_decimal("").has_value());
}

}  // namespace
}  // namespace msgsim::stack
