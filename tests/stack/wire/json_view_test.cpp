// JsonDocument accepts exactly RFC 8259 JSON in strict UTF-8 and reads it
// back: every proper prefix of a document is refused with the byte where it
// broke, escapes (surrogate pairs included) decode to UTF-8, lone
// surrogates, bad UTF-8, control characters and deep nesting are refused,
// and integers read back only when they fit.
#include "sim/stack/wire/json_view.h"

#include <gtest/gtest.h>

#include <string>

#include "sim/stack/wire/json_cursor.h"

namespace msgsim::stack {
namespace {

using runtime::StatusCode;

constexpr std::string_view kDocument =
    R"({"object":"page","entry":[{"id":"123","time":1458692752478,"messaging":[{"message":)"
    R"({"mid":"m_1","text":"caf\u00e9 \ud83d\ude00 \"q\" \\ \/ \n","empty":"","n":null,"t":true,"f":false,)"
    R"("x":-0.5e+3,"list":[1, 2 ,3 ]}}]}]})";

TEST(JsonView, ReadsMembersElementsAndEscapedText) {
  auto parsed = JsonDocument::parse(kDocument);
  ASSERT_TRUE(parsed.is_ok()) << parsed.status().message();
  const JsonValue root = parsed.value().root();
  EXPECT_EQ(root.kind(), JsonKind::kObject);
  EXPECT_EQ(root.size(), 2u);
  EXPECT_TRUE(root.member("object").text_equals("page"));
  EXPECT_FALSE(root.member("absent").present());
  const JsonValue entry = root.member("entry").first_child();
  EXPECT_EQ(entry.member("time").integer(), 1458692752478);
  const JsonValue message = entry.member("messaging").first_child().member("message");
  EXPECT_EQ(message.member("text").text(), "caf\xC3\xA9 \xF0\x9F\x98\x80 \"q\" \\ / \n");
  EXPECT_EQ(message.member("text").text_bytes(), message.member("text").text().size());
  EXPECT_EQ(message.member("empty").text(), "");
  EXPECT_EQ(message.member("n").kind(), JsonKind::kNull);
  EXPECT_EQ(message.member("t").kind(), JsonKind::kTrue);
  EXPECT_EQ(message.member("f").kind(), JsonKind::kFalse);
  EXPECT_EQ(message.member("x").kind(), JsonKind::kNumber);
  EXPECT_FALSE(message.member("x").integer().has_value());
  std::int64_t sum = 0;
  for (JsonValue item = message.member("list").first_child(); item.present(); item = item.next_sibling()) {
    sum += item.integer().value_or(100);
  }
  EXPECT_EQ(sum, 6);
}

TEST(JsonView, RefusesEveryProperPrefixOfADocument) {
  for (std::size_t length = 0; length < kDocument.size(); ++length) {
    auto parsed = JsonDocument::parse(kDocument.substr(0, length));
    ASSERT_FALSE(parsed.is_ok()) << "prefix of " << length << " bytes parsed";
    EXPECT_EQ(parsed.status().code(), StatusCode::kInvalidInput);
    EXPECT_NE(parsed.status().message().find("at byte"), std::string::npos) << parsed.status().message();
  }
}

TEST(JsonView, RefusesMalformedTextNamingTheByte) {
  const std::string bad[] = {
      "",          "{",           "{\"a\"}",      "{\"a\":}",     "{\"a\":1,}",    "[1,]",       "[1 2]",
      "01",        "1.",          "-",            "1e",           "tru",           "nul",        "{a:1}",
      "\"x",       "\"\\x\"",     "\"\\u12\"",    "\"\\u12G4\"",  "{} {}",         "[]]",        "'a'",
      "\"\\ud800\"", "\"\\udc00\"", "\"\\ud800\\u0041\"", "\"\\ud800x\"", std::string("\"a\x01\""),
      std::string("\"\xff\""), std::string("\"\xc3\""), std::string("\"\xc0\xaf\""), std::string("\"\xed\xa0\x80\""),
      std::string("\"\xf4\x90\x80\x80\""), std::string("\"\xe2\x82\""),
  };
  for (const std::string& text : bad) {
    auto parsed = JsonDocument::parse(text);
    EXPECT_FALSE(parsed.is_ok()) << "accepted: " << text;
    if (!parsed.is_ok()) {
      EXPECT_NE(parsed.status().message().find("invalid JSON at byte"), std::string::npos);
    }
  }
}

TEST(JsonView, RefusesNestingDeeperThanTheLimit) {
  const std::string fits = std::string(JsonDocument::kDepthMax, '[') + std::string(JsonDocument::kDepthMax, ']');
  EXPECT_TRUE(JsonDocument::parse(fits).is_ok());
  const std::string deep(100000, '[');
  auto parsed = JsonDocument::parse(deep);
  ASSERT_FALSE(parsed.is_ok());
  EXPECT_NE(parsed.status().message().find("nested too deeply"), std::string::npos);
}

TEST(JsonView, ReadsIntegersOnlyWhenTheyFitIn64Bits) {
  auto value = [](const std::string& text) {
    auto parsed = JsonDocument::parse(text);
    EXPECT_TRUE(parsed.is_ok()) << text;
    return parsed.is_ok() ? parsed.value().root().integer() : std::nullopt;
  };
  EXPECT_EQ(value("0"), 0);
  EXPECT_EQ(value("-0"), 0);
  EXPECT_EQ(value("9223372036854775807"), INT64_MAX);
  EXPECT_EQ(value("-9223372036854775808"), INT64_MIN);
  EXPECT_FALSE(value("9223372036854775808").has_value());
  EXPECT_FALSE(value("-9223372036854775809").has_value());
  EXPECT_FALSE(value("1e3").has_value());
  EXPECT_FALSE(value("1.0").has_value());
}

TEST(JsonView, MatchesMemberNamesWrittenWithEscapes) {
  auto parsed = JsonDocument::parse(R"({"te\u0078t":"a","\/k":"b"})");
  ASSERT_TRUE(parsed.is_ok());
  EXPECT_EQ(parsed.value().root().member("text").text(), "a");
  EXPECT_EQ(parsed.value().root().member("/k").text(), "b");
}

TEST(JsonCursor, NamesThePathAndTheProblemInEveryRefusal) {
  auto parsed = JsonDocument::parse(R"({"entry":[{"id":5,"changes":[{"value":{}}]}],"long":"abcdefghij"})");
  ASSERT_TRUE(parsed.is_ok());
  const JsonCursor root(parsed.value().root());
  const JsonCursor entries = root.member("entry");
  const JsonCursor entry = entries.element(entries.value().first_child(), 0);
  const JsonCursor id = entry.member("id");
  EXPECT_EQ(id.string(64).status().message(), "entry[0].id: expected a string, got number");
  const JsonCursor changes = entry.member("changes");
  const JsonCursor change = changes.element(changes.value().first_child(), 0);
  const JsonCursor value = change.member("value");
  const JsonCursor messages = value.member("messages");
  EXPECT_EQ(messages.expect(JsonKind::kArray).message(), "entry[0].changes[0].value.messages: required field is missing");
  const JsonCursor long_text = root.member("long");
  EXPECT_EQ(long_text.string(4).status().message(), "long: string of 10 bytes is over the limit of 4");
  EXPECT_EQ(long_text.expect_text("x").message(), "long: expected \"x\", got \"abcdefghij\"");
  EXPECT_EQ(root.expect(JsonKind::kArray).message(), "(root): expected an array, got object");
}

TEST(JsonView, TextViewsBorrowTheDocumentUnlessEscaped) {
  // A string without escapes is read in place; an escaped one is unescaped
  // into the caller's storage. Either way the text equals text(), and a
  // cursor's string_view refuses what string() refuses, with its message.
  auto parsed = JsonDocument::parse(R"({"plain":"abc","escaped":"a\u00e9\n","n":1,"long":"0123456789"})");
  ASSERT_TRUE(parsed.is_ok());
  const JsonValue root = parsed.value().root();
  std::string storage;
  const std::string_view plain = root.member("plain").text_view(storage);
  EXPECT_EQ(plain, "abc");
  EXPECT_TRUE(storage.empty());
  const std::string_view escaped = root.member("escaped").text_view(storage);
  EXPECT_EQ(escaped, "a\xC3\xA9\n");
  EXPECT_EQ(escaped.data(), storage.data());
  EXPECT_EQ(root.member("n").text_view(storage), "");

  const JsonCursor cursor(root);
  for (std::string_view key : {"plain", "escaped", "n", "absent", "long"}) {
    const JsonCursor field = cursor.member(key);
    std::string field_storage;
    auto view = field.string_view(5, field_storage);
    auto copy = field.string(5);
    ASSERT_EQ(view.is_ok(), copy.is_ok()) << key;
    if (view.is_ok()) {
      EXPECT_EQ(view.value(), copy.value()) << key;
    } else {
      EXPECT_EQ(view.status().message(), copy.status().message()) << key;
    }
  }
}

}  // namespace
}  // namespace msgsim::stack
