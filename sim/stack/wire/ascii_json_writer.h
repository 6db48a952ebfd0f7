// Writes compact JSON as Meta serialises the webhooks it signs: ASCII only,
// every non-ASCII character as a \uXXXX escape with lowercase hex (a
// surrogate pair above U+FFFF), '/' as "\/", and the short escapes for
// quote, backslash and control characters. A receiver must hash these exact
// bytes, so an encoder that wrote raw UTF-8 would sign a different body than
// the platform. Bytes that are not UTF-8 become U+FFFD: the writer never
// fails and never emits invalid JSON.
//
// Members are written in the order the encoder calls them (the platforms'
// documented order), and commas are placed automatically.
// Single-threaded per writer.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace msgsim::stack {

class AsciiJsonWriter {
 public:
  // Appends to `out`, which must outlive the writer.
  explicit AsciiJsonWriter(std::string& out) : out_(out) {}

  AsciiJsonWriter& begin_object();
  AsciiJsonWriter& end_object();
  AsciiJsonWriter& begin_array();
  AsciiJsonWriter& end_array();
  // The next member's name (REQUIRES: inside an object).
  AsciiJsonWriter& key(std::string_view name);
  AsciiJsonWriter& string(std::string_view utf8);
  AsciiJsonWriter& integer(std::int64_t value);
  AsciiJsonWriter& boolean(bool value);
  AsciiJsonWriter& null();

  // key(name) then the value.
  AsciiJsonWriter& member_text(std::string_view name, std::string_view utf8) { return key(name).string(utf8); }
  AsciiJsonWriter& member_integer(std::string_view name, std::int64_t value) { return key(name).integer(value); }

  // REQUIRES: every container was closed.
  bool complete() const { return depth_ == 0; }

 private:
  static constexpr int kDepthMax = 63;

  void before_value();
  void open(char bracket);
  void close(char bracket);

  std::string& out_;
  // Bit d set: the container at depth d already holds a value (needs a comma).
  std::uint64_t has_value_ = 0;
  int depth_ = 0;
  bool after_key_ = false;
};

// Appends `utf8` as a quoted JSON string escaped as above.
void append_ascii_json_string(std::string& out, std::string_view utf8);

}  // namespace msgsim::stack
