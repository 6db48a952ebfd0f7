// Writing provider JSON bodies by hand, field by field, in the order each
// platform documents: faster than building a DOM, and the bytes are exactly
// what the encoder meant. Strings are escaped as JSON requires (quote,
// backslash, control characters); other bytes, UTF-8 included, pass through
// unchanged, so an encoder never fails and a bad byte it is given reaches
// the decoder, which must refuse it. Pure functions; any thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace msgsim::stack {

// Appends `text` as a quoted JSON string.
void append_json_string(std::string& out, std::string_view text);

// Appends "\"key\":" (REQUIRES: key needs no escaping).
inline void append_json_key(std::string& out, std::string_view key) {
  out += '"';
  out += key;
  out += "\":";
}

// Appends "\"key\":\"<escaped value>\"".
inline void append_json_member(std::string& out, std::string_view key, std::string_view value) {
  append_json_key(out, key);
  append_json_string(out, value);
}

// Appends "\"key\":<integer>".
void append_json_member(std::string& out, std::string_view key, std::int64_t value);

}  // namespace msgsim::stack
