// A read-only view of a JSON text for wire decoders: one pass validates the
// whole text (RFC 8259 syntax, strict UTF-8, escapes, surrogate pairs,
// nesting depth) and records every value as a small node pointing into the
// text, so reading fields afterwards cannot fail and strings are unescaped
// only when asked for. About ten times faster than building an nlohmann::json
// DOM for a webhook (see bench/wire_codec_bench.cpp), which matters because
// every simulated message crosses a decoder.
//
// A JsonDocument borrows its text: REQUIRES the text outlives the document
// and every JsonValue taken from it. Values are cheap handles. Pure; any
// thread may read a document.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/runtime/status.h"

namespace msgsim::stack {

// kMissing is the kind of a member or element that is not there.
enum class JsonKind : std::uint8_t { kMissing, kNull, kFalse, kTrue, kNumber, kString, kArray, kObject };

// "object", "string", ... for messages ("missing" for kMissing).
const char* json_kind_name(JsonKind kind);

class JsonDocument;

class JsonValue {
 public:
  JsonValue() = default;

  JsonKind kind() const;
  bool present() const { return kind() != JsonKind::kMissing; }

  // Objects: the first member called `key`, or a missing value.
  JsonValue member(std::string_view key) const;
  // Arrays and objects: the number of elements (members).
  std::size_t size() const;
  // Arrays and objects: the first element (member value), then each next one;
  // a missing value after the last.
  JsonValue first_child() const;
  JsonValue next_sibling() const;

  // Strings: the text with escapes resolved (always valid UTF-8), and its
  // length in bytes without allocating.
  std::string text() const;
  std::size_t text_bytes() const;
  // Strings: the text without a copy when it has no escapes (a view of the
  // document's text); otherwise it is unescaped into `storage` and the view
  // is of that. Valid while the document's text and `storage` are.
  std::string_view text_view(std::string& storage) const;
  // Strings: true iff the text equals `expected`.
  bool text_equals(std::string_view expected) const;
  // Numbers: the value iff it is written as an integer that fits in int64.
  std::optional<std::int64_t> integer() const;

 private:
  friend class JsonDocument;
  JsonValue(const JsonDocument* document, std::uint32_t index) : document_(document), index_(index) {}

  const JsonDocument* document_ = nullptr;
  std::uint32_t index_ = 0;
};

class JsonDocument {
 public:
  // Nesting deeper than this is refused (no platform nests half as deep).
  static constexpr std::size_t kDepthMax = 32;

  // Parses `text`; kInvalidInput "invalid JSON at byte N: <what>" otherwise.
  static runtime::Result<JsonDocument> parse(std::string_view text);

  JsonValue root() const { return JsonValue(this, 0); }

  // One value. Strings span the bytes between their quotes; numbers their
  // digits; members also record their key's bytes.
  struct Node {
    std::uint32_t begin = 0;
    std::uint32_t end = 0;
    std::uint32_t key_begin = 0;
    std::uint32_t key_end = 0;
    std::uint32_t next = 0;   // the next sibling's index; 0 = none (0 is the root)
    std::uint32_t count = 0;  // arrays, objects: children, the first at index + 1
    JsonKind kind = JsonKind::kNull;
    bool escaped = false;      // the string contains backslash escapes
    bool key_escaped = false;  // the member's key does
  };

 private:
  friend class JsonValue;
  friend class JsonViewParser;

  std::string_view text_;
  std::vector<Node> nodes_;
};

// Defined here, once a node's layout is known: decoders ask a value's kind
// for every field they read.
inline JsonKind JsonValue::kind() const {
  return document_ == nullptr ? JsonKind::kMissing : document_->nodes_[index_].kind;
}

// The text of a JSON string's bytes between the quotes, escapes resolved.
// REQUIRES: `raw` passed JsonDocument::parse.
std::string unescape_json_string(std::string_view raw);

}  // namespace msgsim::stack
