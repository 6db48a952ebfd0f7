#include "sim/stack/wire/json_writing.h"

#include <charconv>

#include "sim/stack/wire/body_writer.h"

namespace msgsim::stack {

void append_json_string(std::string& out, std::string_view text) {
  const std::size_t start = out.size();
  out.resize(start + json_string_bytes_max(text.size()));
  const char* end = write_json_string(out.data() + start, text);
  out.resize(static_cast<std::size_t>(end - out.data()));
}

void append_json_member(std::string& out, std::string_view key, std::int64_t value) {
  append_json_key(out, key);
  char digits[24];
  const auto [end, error] = std::to_chars(digits, digits + sizeof digits, value);
  static_cast<void>(error);  // 24 characters hold every int64
  out.append(digits, end);
}

}  // namespace msgsim::stack
