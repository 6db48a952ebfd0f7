#include "sim/stack/wire/json_writing.h"

#include <array>
#include <charconv>

namespace msgsim::stack {

namespace {

// True for the bytes JSON strings must escape: quote, backslash, controls.
constexpr std::array<bool, 256> kNeedsEscape = [] {
  std::array<bool, 256> needs{};
  for (int byte = 0; byte < 0x20; ++byte) needs[static_cast<std::size_t>(byte)] = true;
  needs['"'] = true;
  needs['\\'] = true;
  return needs;
}();

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.reserve(out.size() + text.size() + 2);
  out += '"';
  std::size_t plain_from = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (!kNeedsEscape[byte]) continue;
    out.append(text, plain_from, i - plain_from);  // the run of bytes that need no escape
    plain_from = i + 1;
    switch (byte) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        out += "\\u00";
        out += kHex[byte >> 4];
        out += kHex[byte & 0x0F];
    }
  }
  out.append(text, plain_from, text.size() - plain_from);
  out += '"';
}

void append_json_member(std::string& out, std::string_view key, std::int64_t value) {
  append_json_key(out, key);
  char digits[24];
  const auto [end, error] = std::to_chars(digits, digits + sizeof digits, value);
  static_cast<void>(error);  // 24 characters hold every int64
  out.append(digits, end);
}

}  // namespace msgsim::stack
