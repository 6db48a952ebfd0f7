// AsciiJsonWriter writes what Meta signs: only ASCII bytes, non-ASCII as
// lowercase \uXXXX (surrogate pairs above U+FFFF), '/' as "\/", and text
// that JsonDocument reads back byte for byte; bytes that are not UTF-8 turn
// into U+FFFD instead of breaking the JSON.
#include "sim/stack/wire/ascii_json_writer.h"

#include <gtest/gtest.h>

#include <string>

#include "sim/stack/wire/json_view.h"

namespace msgsim::stack {
namespace {

std::string written(std::string_view text) {
  std::string out;
  append_ascii_json_string(out, text);
  return out;
}

TEST(AsciiJsonWriter, EscapesAsMetaSerialisesItsWebhooks) {
  EXPECT_EQ(written("caf\xC3\xA9"), R"("caf\u00e9")");
  EXPECT_EQ(written("\xF0\x9F\x98\x80"), R"("\ud83d\ude00")");
  EXPECT_EQ(written("a/b \"q\" \\"), R"("a\/b \"q\" \\")");
  EXPECT_EQ(written("\n\r\t\b\f"), R"("\n\r\t\b\f")");
  EXPECT_EQ(written(std::string("\x01\x1f\x7f", 3)), "\"\\u0001\\u001f\x7f\"");
  EXPECT_EQ(written("\xE2\x82\xAC"), R"("\u20ac")");
}

TEST(AsciiJsonWriter, ReplacesBytesThatAreNotUtf8) {
  EXPECT_EQ(written("a\xFF" "b"), R"("a\ufffdb")");
  EXPECT_EQ(written("\xC3"), R"("\ufffd")");
  EXPECT_EQ(written("\xED\xA0\x80"), R"("\ufffd\ufffd\ufffd")");
}

TEST(AsciiJsonWriter, WritesOnlyAsciiThatReadsBackExactly) {
  const std::string texts[] = {"", "plain", "emoji 😀👍🏽 👨‍👩‍👧 🇯🇵", "日本語 Ελληνικά עברית",
                               "quotes \"\" \\ / </script>", "lines\n\r\n\ttab", std::string("nul \0 byte", 10)};
  for (const std::string& text : texts) {
    std::string body;
    AsciiJsonWriter json(body);
    json.begin_object().member_text("text", text).member_integer("n", -42).key("list").begin_array();
    json.string(text).boolean(true).null().integer(7).end_array().end_object();
    ASSERT_TRUE(json.complete());
    for (char c : body) ASSERT_LT(static_cast<unsigned char>(c), 0x80u) << body;
    auto parsed = JsonDocument::parse(body);
    ASSERT_TRUE(parsed.is_ok()) << parsed.status().message() << ": " << body;
    const JsonValue root = parsed.value().root();
    EXPECT_EQ(root.member("text").text(), text);
    EXPECT_EQ(root.member("n").integer(), -42);
    EXPECT_EQ(root.member("list").size(), 4u);
    EXPECT_EQ(root.member("list").first_child().text(), text);
  }
}

TEST(AsciiJsonWriter, PlacesCommasBetweenMembersAndElements) {
  std::string body;
  AsciiJsonWriter json(body);
  json.begin_object().member_text("a", "1").key("b").begin_array().begin_object().end_object();
  json.begin_array().end_array().integer(2).end_array().key("c").begin_object().member_integer("d", 3);
  json.end_object().end_object();
  EXPECT_EQ(body, R"({"a":"1","b":[{},[],2],"c":{"d":3}})");
}

}  // namespace
}  // namespace msgsim::stack
