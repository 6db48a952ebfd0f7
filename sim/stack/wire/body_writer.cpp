#include "sim/stack/wire/body_writer.h"

#include <algorithm>
#include <charconv>

#include "sim/runtime/check.h"
#include "sim/stack/wire/json_byte_runs.h"
#include "sim/stack/wire/wire_utf8.h"

namespace msgsim::stack {

namespace {

constexpr char kHex[] = "0123456789abcdef";
constexpr JsonRunStops kPlainStops{.non_ascii = false};
constexpr JsonRunStops kAsciiStops{.non_ascii = true, .slash = true};

char* write_pair(char* out, char first, char second) {
  out[0] = first;
  out[1] = second;
  return out + 2;
}

// "\uXXXX" with lowercase hex.
char* write_unit_escape(char* out, char32_t unit) {
  out[0] = '\\';
  out[1] = 'u';
  out[2] = kHex[(unit >> 12) & 0xF];
  out[3] = kHex[(unit >> 8) & 0xF];
  out[4] = kHex[(unit >> 4) & 0xF];
  out[5] = kHex[unit & 0xF];
  return out + 6;
}

// A code point as one \u escape, or a surrogate pair above U+FFFF.
char* write_code_point_escape(char* out, char32_t code_point) {
  if (code_point < 0x10000) return write_unit_escape(out, code_point);
  const char32_t offset = code_point - 0x10000;
  out = write_unit_escape(out, 0xD800 + (offset >> 10));
  return write_unit_escape(out, 0xDC00 + (offset & 0x3FF));
}

// The escape of an ASCII byte that needs one; `slash` escapes '/' too.
char* write_ascii_escape(char* out, unsigned char byte, bool slash) {
  switch (byte) {
    case '"': return write_pair(out, '\\', '"');
    case '\\': return write_pair(out, '\\', '\\');
    case '\b': return write_pair(out, '\\', 'b');
    case '\f': return write_pair(out, '\\', 'f');
    case '\n': return write_pair(out, '\\', 'n');
    case '\r': return write_pair(out, '\\', 'r');
    case '\t': return write_pair(out, '\\', 't');
    default: break;
  }
  if (slash && byte == '/') return write_pair(out, '\\', '/');
  return write_unit_escape(out, byte);
}

// Copies the run of bytes at `at` that need no escape; returns its length.
template <JsonRunStops kStops>
std::size_t copy_plain_run(char*& out, std::string_view text, std::size_t at) {
  if (at == text.size()) return 0;  // an empty view may have no data
  const std::size_t run = json_plain_run<kStops>(std::string_view(text.data() + at, text.size() - at));
  std::memcpy(out, text.data() + at, run);
  out += run;
  return run;
}

}  // namespace

char* write_json_string(char* out, std::string_view text) {
  *out++ = '"';
  std::size_t i = copy_plain_run<kPlainStops>(out, text, 0);
  while (i < text.size()) {
    out = write_ascii_escape(out, static_cast<unsigned char>(text[i]), false);
    ++i;
    i += copy_plain_run<kPlainStops>(out, text, i);
  }
  *out++ = '"';
  return out;
}

char* write_ascii_json_string(char* out, std::string_view utf8) {
  *out++ = '"';
  std::size_t i = copy_plain_run<kAsciiStops>(out, utf8, 0);
  while (i < utf8.size()) {
    const auto byte = static_cast<unsigned char>(utf8[i]);
    if (byte >= 0x80u) {
      const std::string_view rest = utf8.substr(i);
      const std::size_t length = utf8_sequence_length(rest);
      out = write_code_point_escape(out, length == 0 ? U'\uFFFD' : decode_utf8_sequence(rest.substr(0, length)));
      i += length == 0 ? 1 : length;
    } else {
      out = write_ascii_escape(out, byte, true);
      ++i;
    }
    i += copy_plain_run<kAsciiStops>(out, utf8, i);
  }
  *out++ = '"';
  return out;
}

BodyWriter::BodyWriter(std::string& out, std::size_t bytes_expected) : out_(out), start_(out.size()) {
  out_.resize(start_ + bytes_expected);
  at_ = out_.data() + start_;
  end_ = out_.data() + out_.size();
}

void BodyWriter::finish() {
  if (finished_) return;
  finished_ = true;
  out_.resize(static_cast<std::size_t>(at_ - out_.data()));
}

void BodyWriter::grow(std::size_t bytes) {
  MSGSIM_CHECK_MSG(!finished_, "BodyWriter written after finish()");
  const auto used = static_cast<std::size_t>(at_ - out_.data());
  out_.resize(std::max(2 * out_.size(), used + bytes));
  at_ = out_.data() + used;
  end_ = out_.data() + out_.size();
}

void BodyWriter::integer(std::int64_t value) {
  constexpr std::size_t kDigitsMax = 20;  // "-9223372036854775808"
  char* at = room(kDigitsMax);
  const auto [end, error] = std::to_chars(at, at + kDigitsMax, value);
  MSGSIM_CHECK(error == std::errc());
  at_ = end;
}

}  // namespace msgsim::stack
