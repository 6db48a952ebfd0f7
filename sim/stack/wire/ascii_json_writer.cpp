#include "sim/stack/wire/ascii_json_writer.h"

#include <array>
#include <charconv>
#include <cstring>

#include "sim/runtime/check.h"
#include "sim/stack/wire/json_byte_runs.h"
#include "sim/stack/wire/wire_utf8.h"

namespace msgsim::stack {

namespace {

void append_unit_escape(std::string& out, char32_t unit) {
  static constexpr char kHex[] = "0123456789abcdef";
  const char escape[6] = {'\\', 'u', kHex[(unit >> 12) & 0xF], kHex[(unit >> 8) & 0xF], kHex[(unit >> 4) & 0xF],
                          kHex[unit & 0xF]};
  out.append(escape, sizeof escape);
}

void append_code_point_escape(std::string& out, char32_t code_point) {
  if (code_point < 0x10000) {
    append_unit_escape(out, code_point);
    return;
  }
  const char32_t offset = code_point - 0x10000;
  append_unit_escape(out, 0xD800 + (offset >> 10));
  append_unit_escape(out, 0xDC00 + (offset & 0x3FF));
}

}  // namespace

namespace {

constexpr JsonRunStops kAsciiStops{.non_ascii = true, .slash = true};

// The text from the first byte that needs an escape (at `from`) on.
void append_escaped_tail(std::string& out, std::string_view utf8, std::size_t from) {
  std::size_t i = from;
  while (i < utf8.size()) {
    const auto byte = static_cast<unsigned char>(utf8[i]);
    if (byte >= 0x80u) {
      const std::size_t length = utf8_sequence_length(utf8.substr(i));
      append_code_point_escape(out, length == 0 ? U'\uFFFD' : decode_utf8_sequence(utf8.substr(i, length)));
      i += length == 0 ? 1 : length;
    } else {
      ++i;
      switch (byte) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '/': out += "\\/"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default: append_unit_escape(out, byte); break;
      }
    }
    const std::size_t run = i + json_plain_run<kAsciiStops>(utf8.substr(i));
    out.append(utf8.substr(i, run - i));
    i = run;
  }
}

// `text` quoted, then `suffix` (":" after a member name). The common case,
// a short text that needs no escape, is assembled on the stack and
// appended at once: writers call this for every name and string.
void append_quoted(std::string& out, std::string_view text, std::string_view suffix) {
  constexpr std::size_t kShortMax = 64;
  const std::size_t run = json_plain_run<kAsciiStops>(text);
  if (run == text.size() && text.size() + suffix.size() <= kShortMax) {
    std::array<char, kShortMax + 2> piece;
    piece[0] = '"';
    std::memcpy(piece.data() + 1, text.data(), text.size());
    piece[text.size() + 1] = '"';
    std::memcpy(piece.data() + text.size() + 2, suffix.data(), suffix.size());
    out.append(piece.data(), text.size() + 2 + suffix.size());
    return;
  }
  out.push_back('"');
  out.append(text.substr(0, run));
  if (run < text.size()) append_escaped_tail(out, text, run);
  out.push_back('"');
  out.append(suffix);
}

}  // namespace

void append_ascii_json_string(std::string& out, std::string_view utf8) { append_quoted(out, utf8, {}); }

void AsciiJsonWriter::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (depth_ > 0) {
    const std::uint64_t bit = std::uint64_t{1} << depth_;
    if ((has_value_ & bit) != 0) out_.push_back(',');
    has_value_ |= bit;
  }
}

void AsciiJsonWriter::open(char bracket) {
  before_value();
  MSGSIM_CHECK_MSG(depth_ < kDepthMax, "JSON nested too deeply");
  out_.push_back(bracket);
  ++depth_;
  has_value_ &= ~(std::uint64_t{1} << depth_);
}

void AsciiJsonWriter::close(char bracket) {
  MSGSIM_CHECK_MSG(depth_ > 0 && !after_key_, "JSON container closed that was not open");
  out_.push_back(bracket);
  --depth_;
}

AsciiJsonWriter& AsciiJsonWriter::begin_object() {
  open('{');
  return *this;
}
AsciiJsonWriter& AsciiJsonWriter::end_object() {
  close('}');
  return *this;
}
AsciiJsonWriter& AsciiJsonWriter::begin_array() {
  open('[');
  return *this;
}
AsciiJsonWriter& AsciiJsonWriter::end_array() {
  close(']');
  return *this;
}

AsciiJsonWriter& AsciiJsonWriter::key(std::string_view name) {
  MSGSIM_CHECK_MSG(depth_ > 0 && !after_key_, "JSON member name outside an object");
  before_value();
  append_quoted(out_, name, ":");
  after_key_ = true;
  return *this;
}

AsciiJsonWriter& AsciiJsonWriter::string(std::string_view utf8) {
  before_value();
  append_ascii_json_string(out_, utf8);
  return *this;
}

AsciiJsonWriter& AsciiJsonWriter::integer(std::int64_t value) {
  before_value();
  char digits[24];
  const auto [end, error] = std::to_chars(digits, digits + sizeof digits, value);
  MSGSIM_CHECK(error == std::errc());
  out_.append(digits, static_cast<std::size_t>(end - digits));
  return *this;
}

AsciiJsonWriter& AsciiJsonWriter::boolean(bool value) {
  before_value();
  out_ += value ? "true" : "false";
  return *this;
}

AsciiJsonWriter& AsciiJsonWriter::null() {
  before_value();
  out_ += "null";
  return *this;
}

}  // namespace msgsim::stack
