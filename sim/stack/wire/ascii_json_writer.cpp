#include "sim/stack/wire/ascii_json_writer.h"

#include <charconv>
#include <cstring>

#include "sim/runtime/check.h"
#include "sim/stack/wire/body_writer.h"

namespace msgsim::stack {

namespace {

// `text` quoted and escaped, then `suffix` (":" after a member name), in
// one resize of `out`.
void append_quoted(std::string& out, std::string_view text, std::string_view suffix) {
  const std::size_t start = out.size();
  out.resize(start + json_string_bytes_max(text.size()) + suffix.size());
  char* end = write_ascii_json_string(out.data() + start, text);
  std::memcpy(end, suffix.data(), suffix.size());
  out.resize(static_cast<std::size_t>(end - out.data()) + suffix.size());
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
