// Writes a request or answer body into a string made long enough for it
// up front: the encoder says how many bytes it expects, the writer resizes
// the string once and then copies each piece to a cursor, and finish()
// cuts the string to what was written. Appending piece by piece to a
// std::string checks and updates its size for every piece, which cost more
// than the bytes themselves for bodies made of dozens of short pieces. An
// estimate that is too small costs a reallocation, never an overflow: each
// piece checks its room (one comparison) and grows the string if needed.
//
// The JSON strings are escaped exactly as json_writing.h (append_json_string)
// and ascii_json_writer.h (Meta's ASCII form) escape them; both use the
// escaping functions below, so the bytes are the same whichever way a body
// is written. Single-threaded per writer.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "sim/stack/wire/json_byte_runs.h"

namespace msgsim::stack {

// The most bytes an escaped, quoted JSON string of `text_bytes` bytes takes
// (a byte becomes at most a six-character \u escape).
constexpr std::size_t json_string_bytes_max(std::size_t text_bytes) { return 6 * text_bytes + 2; }

// Writes `text` quoted and escaped as append_json_string does (quote,
// backslash and control characters escaped, other bytes as they are) at
// `out`, which has room for json_string_bytes_max(text.size()) bytes;
// returns the end of what was written.
char* write_json_string(char* out, std::string_view text);

// The same escaped as Meta signs its bodies (append_ascii_json_string:
// ASCII only, '/' as "\/", bytes that are not UTF-8 as U+FFFD).
char* write_ascii_json_string(char* out, std::string_view utf8);

class BodyWriter {
 public:
  // Appends to `out` (which must outlive the writer), making room for
  // `bytes_expected` bytes at once.
  BodyWriter(std::string& out, std::size_t bytes_expected);
  BodyWriter(const BodyWriter&) = delete;
  BodyWriter& operator=(const BodyWriter&) = delete;
  // Finishes if finish() was not called.
  ~BodyWriter() { finish(); }

  // Cuts the string to what was written. Nothing may be written after.
  void finish();

  // `bytes` as they are (literal JSON punctuation and names).
  void raw(std::string_view bytes) {
    char* at = room(bytes.size());
    if (!bytes.empty()) std::memcpy(at, bytes.data(), bytes.size());  // an empty view may have no data
    at_ += bytes.size();
  }
  void byte(char c) {
    *room(1) = c;
    ++at_;
  }
  void integer(std::int64_t value);
  // A quoted JSON string, escaped as write_json_string does.
  void json_string(std::string_view text) {
    if (json_plain_run<JsonRunStops{.non_ascii = false}>(text) == text.size()) return quoted(text);
    at_ = write_json_string(room(json_string_bytes_max(text.size())), text);
  }
  // A quoted JSON string, escaped as write_ascii_json_string does.
  void ascii_json_string(std::string_view utf8) {
    if (json_plain_run<JsonRunStops{.non_ascii = true, .slash = true}>(utf8) == utf8.size()) return quoted(utf8);
    at_ = write_ascii_json_string(room(json_string_bytes_max(utf8.size())), utf8);
  }
  // "\"key\":" then the string, as append_json_member writes them
  // (REQUIRES: `key` needs no escaping).
  void json_member(std::string_view key, std::string_view text) {
    key_of(key);
    json_string(text);
  }
  void json_member(std::string_view key, std::int64_t value) {
    key_of(key);
    integer(value);
  }
  void ascii_json_member(std::string_view key, std::string_view utf8) {
    key_of(key);
    ascii_json_string(utf8);
  }
  // "\"key\":" (REQUIRES: `key` needs no escaping).
  void key_of(std::string_view key) {
    char* at = room(key.size() + 3);
    at[0] = '"';
    std::memcpy(at + 1, key.data(), key.size());
    at[key.size() + 1] = '"';
    at[key.size() + 2] = ':';
    at_ = at + key.size() + 3;
  }

  // Bytes written so far.
  std::size_t size() const { return static_cast<std::size_t>(at_ - begin()); }

  // For encoders of other formats: where `bytes` bytes may be written, then
  // advance() by how many were.
  char* room_for(std::size_t bytes) { return room(bytes); }
  // REQUIRES: `bytes` is at most what the last room_for() made room for.
  void advance(std::size_t bytes) { at_ += bytes; }

 private:
  // Where `bytes` more bytes may be written.
  char* room(std::size_t bytes) {
    if (static_cast<std::size_t>(end_ - at_) < bytes) grow(bytes);
    return at_;
  }
  [[gnu::noinline]] void grow(std::size_t bytes);
  // `text` between quotes (REQUIRES: it needs no escape).
  void quoted(std::string_view text) {
    char* at = room(text.size() + 2);
    at[0] = '"';
    if (!text.empty()) std::memcpy(at + 1, text.data(), text.size());  // an empty view may have no data
    at[text.size() + 1] = '"';
    at_ = at + text.size() + 2;
  }
  char* begin() const { return out_.data() + start_; }

  std::string& out_;
  std::size_t start_;  // out_'s size before the writer
  char* at_;
  char* end_;
  bool finished_ = false;
};

}  // namespace msgsim::stack
