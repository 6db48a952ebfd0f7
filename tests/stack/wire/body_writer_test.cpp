// BodyWriter writes the bytes that appending piece by piece writes: its
// strings, and those of append_json_string and Meta's ASCII form
// (append_ascii_json_string), are escaped exactly as the rules say, for every byte value and for
// UTF-8 of every length, valid or not; an estimate that is too small only
// grows the string; finish() cuts it to what was written, after whatever it
// held before.
#include "sim/stack/wire/body_writer.h"

#include <gtest/gtest.h>

#include <limits>
#include <string>
#include <vector>

#include "sim/stack/wire/ascii_json_writer.h"
#include "sim/stack/wire/json_writing.h"
#include "sim/stack/wire/wire_utf8.h"

namespace msgsim::stack {
namespace {

// The escapes from their rules, a byte at a time.
std::string reference_escape(std::string_view text, bool ascii) {
  static constexpr char kHex[] = "0123456789abcdef";
  auto unit = [](std::string& out, char32_t value) {
    out += "\\u";
    for (int shift = 12; shift >= 0; shift -= 4) out += kHex[(value >> shift) & 0xF];
  };
  std::string out = "\"";
  for (std::size_t i = 0; i < text.size();) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte >= 0x80 && ascii) {
      const std::size_t length = utf8_sequence_length(text.substr(i));
      const char32_t code_point = length == 0 ? U'\uFFFD' : decode_utf8_sequence(text.substr(i, length));
      if (code_point >= 0x10000) {
        unit(out, 0xD800 + ((code_point - 0x10000) >> 10));
        unit(out, 0xDC00 + ((code_point - 0x10000) & 0x3FF));
      } else {
        unit(out, code_point);
      }
      i += length == 0 ? 1 : length;
      continue;
    }
    ++i;
    switch (byte) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (byte < 0x20) {
          unit(out, byte);
        } else if (byte == '/' && ascii) {
          out += "\\/";
        } else {
          out += static_cast<char>(byte);
        }
    }
  }
  return out + "\"";
}

std::vector<std::string> texts() {
  std::vector<std::string> out{"",
                               "plain",
                               "a slash / and </script>",
                               "quotes \" and \\ backslashes",
                               "emoji 😀👍🏽 👨‍👩‍👧 🇯🇵 and 日本語 Ελληνικά",
                               "bad UTF-8 \xFF \xC3 \xED\xA0\x80 \xF4\x90\x80\x80 end",
                               std::string("nul \0 byte", 10),
                               std::string(100, 'x') + "\n" + std::string(40, 'y')};
  for (int byte = 0; byte < 256; ++byte) {
    // Each byte alone, inside a word, and at every place of a 16-byte block.
    const char c = static_cast<char>(byte);
    out.push_back(std::string(1, c));
    out.push_back("ab" + std::string(1, c) + "cd");
    std::string block(37, 'k');
    block[static_cast<std::size_t>(byte) % block.size()] = c;
    out.push_back(block);
  }
  return out;
}

TEST(BodyWriter, EscapesStringsAsTheAppendingWritersDo) {
  for (const std::string& text : texts()) {
    const std::string plain_expected = reference_escape(text, false);
    const std::string ascii_expected = reference_escape(text, true);
    std::string appended;
    append_json_string(appended, text);
    EXPECT_EQ(appended, plain_expected) << text;
    appended.clear();
    append_ascii_json_string(appended, text);
    EXPECT_EQ(appended, ascii_expected) << text;
    for (const std::size_t estimate : {std::size_t{0}, std::size_t{4}, std::size_t{4096}}) {
      std::string plain;
      BodyWriter plain_writer(plain, estimate);
      plain_writer.json_string(text);
      plain_writer.finish();
      EXPECT_EQ(plain, plain_expected) << text;
      std::string ascii;
      BodyWriter ascii_writer(ascii, estimate);
      ascii_writer.ascii_json_string(text);
      ascii_writer.finish();
      EXPECT_EQ(ascii, ascii_expected) << text;
    }
  }
}

TEST(BodyWriter, WritesMembersAfterWhatTheStringHeld) {
  const std::string expected = "prefix:{\"text\":\"a\\\"b\",\"n\":-9223372036854775808,\"m\":9223372036854775807,"
                               "\"é\":\"\\u00e9\\/\"}";
  std::string body = "prefix:";
  {
    BodyWriter writer(body, 3);  // far too small: it grows
    writer.byte('{');
    writer.json_member("text", "a\"b");
    writer.raw(",");
    writer.json_member("n", std::numeric_limits<std::int64_t>::min());
    writer.raw(",");
    writer.json_member("m", std::numeric_limits<std::int64_t>::max());
    writer.raw(",");
    writer.ascii_json_member("é", "é/");
    writer.byte('}');
    EXPECT_EQ(writer.size(), expected.size() - 7);
  }  // the destructor finishes
  EXPECT_EQ(body, expected);
}

TEST(BodyWriter, FinishCutsTheStringToWhatWasWritten) {
  std::string body;
  BodyWriter writer(body, 1000);
  EXPECT_EQ(body.size(), 1000u);
  writer.raw("abc");
  EXPECT_EQ(writer.size(), 3u);
  writer.finish();
  writer.finish();
  EXPECT_EQ(body, "abc");
}

}  // namespace
}  // namespace msgsim::stack
