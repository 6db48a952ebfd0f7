#include "sim/stack/wire/json_writing.h"

#include <charconv>

#include "sim/stack/wire/json_byte_runs.h"

namespace msgsim::stack {

void append_json_string(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.reserve(out.size() + text.size() + 2);
  out += '"';
  std::size_t i = 0;
  while (true) {
    // Runs of bytes that need no escape (quote, backslash and controls do).
    const std::size_t run = i + json_plain_run<JsonRunStops{.non_ascii = false}>(text.substr(i));
    out.append(text.substr(i, run - i));
    if (run == text.size()) break;
    const auto byte = static_cast<unsigned char>(text[run]);
    i = run + 1;
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
