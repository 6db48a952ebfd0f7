#include "sim/stack/wire/json_view.h"

#include <cstring>
#include <limits>

#include "sim/stack/wire/json_byte_runs.h"
#include "sim/stack/wire/wire_utf8.h"

namespace msgsim::stack {

using runtime::Result;
using runtime::Status;
using runtime::StatusCode;

namespace {

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The four hex digits at text[at..at+4) (REQUIRES: validated).
char32_t read_hex4(std::string_view text, std::size_t at) {
  char32_t value = 0;
  for (std::size_t i = 0; i < 4; ++i) value = (value << 4) | static_cast<char32_t>(hex_digit(text[at + i]));
  return value;
}

// True iff the `size` bytes at `a` and `b` are equal: names are short, so
// comparing them here, a word at a time, beats calling memcmp.
bool same_bytes(const char* a, const char* b, std::size_t size) {
  std::size_t i = 0;
  for (; i + 8 <= size; i += 8) {
    std::uint64_t x = 0;
    std::uint64_t y = 0;
    std::memcpy(&x, a + i, 8);
    std::memcpy(&y, b + i, 8);
    if (x != y) return false;
  }
  for (; i < size; ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

bool is_high_surrogate(char32_t unit) { return unit >= 0xD800 && unit <= 0xDBFF; }
bool is_low_surrogate(char32_t unit) { return unit >= 0xDC00 && unit <= 0xDFFF; }

}  // namespace

// Recursive descent over the text, appending one node per value. Nodes are
// addressed by index because the vector grows while children are parsed.
class JsonViewParser {
 public:
  explicit JsonViewParser(JsonDocument& document) : document_(document), text_(document.text_) {}

  Status run() {
    if (text_.size() >= std::numeric_limits<std::uint32_t>::max()) return fail("text too long");
    document_.nodes_.reserve(16 + text_.size() / 16);
    skip_space();
    if (!parse_value(0)) return error_;
    skip_space();
    if (at_ != text_.size()) return fail("unexpected data after the JSON value");
    return Status::ok();
  }

 private:
  bool fail_bool(std::string_view what) {
    error_ = fail(what);
    return false;
  }
  Status fail(std::string_view what) const {
    return Status(StatusCode::kInvalidInput, "invalid JSON at byte " + std::to_string(at_) + ": " + std::string(what));
  }

  void skip_space() {
    while (at_ < text_.size()) {
      const char c = text_[at_];
      if (c > ' ' || (c != ' ' && c != '\n' && c != '\r' && c != '\t')) return;  // compact JSON: the first test
      ++at_;
    }
  }

  // Built in place: a node assembled on the stack and copied in would be
  // read back in wider loads than it was written with, which stalls.
  std::uint32_t add_node(JsonKind kind) {
    JsonDocument::Node& node = document_.nodes_.emplace_back();
    node.kind = kind;
    node.begin = static_cast<std::uint32_t>(at_);
    return static_cast<std::uint32_t>(document_.nodes_.size() - 1);
  }

  bool parse_value(std::size_t depth) {
    if (at_ >= text_.size()) return fail_bool("unexpected end of text, expected a value");
    switch (text_[at_]) {
      case '{': return parse_container(depth, JsonKind::kObject);
      case '[': return parse_container(depth, JsonKind::kArray);
      case '"': {
        const std::uint32_t index = add_node(JsonKind::kString);
        bool escaped = false;
        std::uint32_t begin = 0;
        std::uint32_t end = 0;
        if (!scan_string(begin, end, escaped)) return false;
        JsonDocument::Node& node = document_.nodes_[index];
        node.begin = begin;
        node.end = end;
        node.escaped = escaped;
        return true;
      }
      case 't': return parse_literal("true", JsonKind::kTrue);
      case 'f': return parse_literal("false", JsonKind::kFalse);
      case 'n': return parse_literal("null", JsonKind::kNull);
      default: return parse_number();
    }
  }

  bool parse_literal(std::string_view word, JsonKind kind) {
    if (text_.substr(at_, word.size()) != word) return fail_bool("expected a value");
    const std::uint32_t index = add_node(kind);
    at_ += word.size();
    document_.nodes_[index].end = static_cast<std::uint32_t>(at_);
    return true;
  }

  bool digits() {
    const std::size_t start = at_;
    while (at_ < text_.size() && text_[at_] >= '0' && text_[at_] <= '9') ++at_;
    return at_ > start;
  }

  bool parse_number() {
    const std::uint32_t index = add_node(JsonKind::kNumber);
    if (at_ < text_.size() && text_[at_] == '-') ++at_;
    if (at_ < text_.size() && text_[at_] == '0') {
      ++at_;
    } else if (!digits()) {
      return fail_bool("expected a value");
    }
    if (at_ < text_.size() && text_[at_] == '.') {
      ++at_;
      if (!digits()) return fail_bool("expected a digit after the decimal point");
    }
    if (at_ < text_.size() && (text_[at_] == 'e' || text_[at_] == 'E')) {
      ++at_;
      if (at_ < text_.size() && (text_[at_] == '+' || text_[at_] == '-')) ++at_;
      if (!digits()) return fail_bool("expected a digit in the exponent");
    }
    document_.nodes_[index].end = static_cast<std::uint32_t>(at_);
    return true;
  }

  // A \u escape at at_ (pointing at the backslash); a high surrogate must be
  // followed by an escaped low surrogate: lone surrogates are not text.
  bool scan_unicode_escape() {
    auto read_unit = [this](char32_t& unit) {
      if (at_ + 6 > text_.size()) return fail_bool("truncated \\u escape");
      for (std::size_t i = 2; i < 6; ++i) {
        if (hex_digit(text_[at_ + i]) < 0) return fail_bool("\\u escape needs four hex digits");
      }
      unit = read_hex4(text_, at_ + 2);
      at_ += 6;
      return true;
    };
    char32_t unit = 0;
    if (!read_unit(unit)) return false;
    if (is_low_surrogate(unit)) return fail_bool("unpaired low surrogate in \\u escape");
    if (!is_high_surrogate(unit)) return true;
    if (at_ + 1 >= text_.size() || text_[at_] != '\\' || text_[at_ + 1] != 'u') {
      return fail_bool("high surrogate escape not followed by a low surrogate escape");
    }
    char32_t low = 0;
    if (!read_unit(low)) return false;
    if (!is_low_surrogate(low)) return fail_bool("high surrogate escape not followed by a low surrogate escape");
    return true;
  }

  // A string at at_ (the opening quote); sets the span between the quotes.
  // Most strings are plain ASCII: they are done here, and anything else
  // (escapes, UTF-8, errors) is left to scan_string_rest, kept out of line
  // so this path stays a few instructions.
  bool scan_string(std::uint32_t& begin, std::uint32_t& end, bool& escaped) {
    const std::size_t start = at_ + 1;
    const std::size_t stop = start + json_plain_run<JsonRunStops{}>(rest_from(start));
    begin = static_cast<std::uint32_t>(start);
    escaped = false;
    if (stop < text_.size() && text_[stop] == '"') {
      end = static_cast<std::uint32_t>(stop);
      at_ = stop + 1;
      return true;
    }
    at_ = stop;
    return scan_string_rest(end, escaped);
  }

  // The text from `at` on (REQUIRES: at <= text_.size()).
  std::string_view rest_from(std::size_t at) const { return std::string_view(text_.data() + at, text_.size() - at); }

  // A string from at_ (inside it, at a byte that needs attention) to its
  // closing quote.
  [[gnu::noinline]] bool scan_string_rest(std::uint32_t& end, bool& escaped) {
    while (true) {
      if (at_ >= text_.size()) return fail_bool("unterminated string");
      const auto byte = static_cast<unsigned char>(text_[at_]);
      if (byte == '"') break;
      if (byte < 0x20u) return fail_bool("control character in string (must be escaped)");
      if (byte >= 0x80u) {
        const std::size_t length = utf8_sequence_length(rest_from(at_));
        if (length == 0) return fail_bool("invalid UTF-8 in string");
        at_ += length;
      } else {
        escaped = true;
        if (at_ + 1 >= text_.size()) return fail_bool("unterminated string");
        const char kind = text_[at_ + 1];
        if (kind == 'u') {
          if (!scan_unicode_escape()) return false;
        } else if (kind == '"' || kind == '\\' || kind == '/' || kind == 'b' || kind == 'f' || kind == 'n' ||
                   kind == 'r' || kind == 't') {
          at_ += 2;
        } else {
          return fail_bool("invalid escape in string");
        }
      }
      // Plain runs between the bytes that need attention: eight at a time.
      at_ += json_plain_run<JsonRunStops{}>(rest_from(at_));
    }
    end = static_cast<std::uint32_t>(at_);
    ++at_;
    return true;
  }

  bool parse_container(std::size_t depth, JsonKind kind) {
    if (depth >= JsonDocument::kDepthMax) return fail_bool("nested too deeply");
    const std::uint32_t index = add_node(kind);
    const char close = kind == JsonKind::kObject ? '}' : ']';
    ++at_;
    skip_space();
    if (at_ < text_.size() && text_[at_] == close) {
      ++at_;
      return true;
    }
    std::uint32_t count = 0;
    std::uint32_t previous = 0;
    while (true) {
      std::uint32_t key_begin = 0;
      std::uint32_t key_end = 0;
      bool key_escaped = false;
      if (kind == JsonKind::kObject) {
        if (at_ >= text_.size() || text_[at_] != '"') return fail_bool("expected a member name in quotes");
        if (!scan_string(key_begin, key_end, key_escaped)) return false;
        skip_space();
        if (at_ >= text_.size() || text_[at_] != ':') return fail_bool("expected ':' after the member name");
        ++at_;
        skip_space();
      }
      const auto child = static_cast<std::uint32_t>(document_.nodes_.size());
      if (!parse_value(depth + 1)) return false;
      JsonDocument::Node& node = document_.nodes_[child];
      node.key_begin = key_begin;
      node.key_end = key_end;
      node.key_escaped = key_escaped;
      if (count > 0) document_.nodes_[previous].next = child;
      previous = child;
      ++count;
      skip_space();
      if (at_ < text_.size() && text_[at_] == ',') {
        ++at_;
        skip_space();
        continue;
      }
      if (at_ < text_.size() && text_[at_] == close) break;
      return fail_bool(kind == JsonKind::kObject ? "expected ',' or '}'" : "expected ',' or ']'");
    }
    ++at_;
    document_.nodes_[index].count = count;
    document_.nodes_[index].end = static_cast<std::uint32_t>(at_);
    return true;
  }

  JsonDocument& document_;
  std::string_view text_;
  std::size_t at_ = 0;
  Status error_;
};

const char* json_kind_name(JsonKind kind) {
  switch (kind) {
    case JsonKind::kMissing: return "missing";
    case JsonKind::kNull: return "null";
    case JsonKind::kFalse:
    case JsonKind::kTrue: return "boolean";
    case JsonKind::kNumber: return "number";
    case JsonKind::kString: return "string";
    case JsonKind::kArray: return "array";
    case JsonKind::kObject: break;
  }
  return "object";
}

Result<JsonDocument> JsonDocument::parse(std::string_view text) {
  JsonDocument document;
  document.text_ = text;
  JsonViewParser parser(document);
  Status parsed = parser.run();
  if (!parsed.is_ok()) return parsed;
  return document;
}

std::string unescape_json_string(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  std::size_t i = 0;
  while (i < raw.size()) {
    const std::size_t backslash = raw.find('\\', i);
    if (backslash == std::string_view::npos) {
      out.append(raw.substr(i));
      break;
    }
    out.append(raw.substr(i, backslash - i));
    const char kind = raw[backslash + 1];
    i = backslash + 2;
    switch (kind) {
      case 'b': out.push_back('\b'); break;
      case 'f': out.push_back('\f'); break;
      case 'n': out.push_back('\n'); break;
      case 'r': out.push_back('\r'); break;
      case 't': out.push_back('\t'); break;
      case 'u': {
        char32_t unit = read_hex4(raw, i);
        i += 4;
        if (is_high_surrogate(unit)) {
          const char32_t low = read_hex4(raw, i + 2);  // validated: "\uDCxx" follows
          i += 6;
          unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
        }
        append_utf8(out, unit);
        break;
      }
      default: out.push_back(kind); break;  // '"', '\\', '/'
    }
  }
  return out;
}

// ---- JsonValue ---------------------------------------------------------------

JsonValue JsonValue::member(std::string_view key) const {
  if (document_ == nullptr) return {};
  // Walks the members' nodes directly, with the document's arrays in
  // locals: decoders look up every field they read, so this loop runs for
  // each one.
  const JsonDocument::Node* nodes = document_->nodes_.data();
  if (nodes[index_].kind != JsonKind::kObject) return {};
  const char* text = document_->text_.data();
  const std::uint32_t count = nodes[index_].count;
  std::uint32_t child = index_ + 1;
  for (std::uint32_t i = 0; i < count; ++i, child = nodes[child].next) {
    const JsonDocument::Node& node = nodes[child];
    if (node.key_escaped) {
      const std::string_view raw(text + node.key_begin, node.key_end - node.key_begin);
      if (unescape_json_string(raw) == key) return JsonValue(document_, child);
    } else if (node.key_end - node.key_begin == key.size() && same_bytes(text + node.key_begin, key.data(), key.size())) {
      return JsonValue(document_, child);
    }
  }
  return {};
}

std::size_t JsonValue::size() const {
  const JsonKind own = kind();
  return own == JsonKind::kObject || own == JsonKind::kArray ? document_->nodes_[index_].count : 0;
}

JsonValue JsonValue::first_child() const { return size() == 0 ? JsonValue() : JsonValue(document_, index_ + 1); }

JsonValue JsonValue::next_sibling() const {
  if (document_ == nullptr) return {};
  const std::uint32_t next = document_->nodes_[index_].next;
  return next == 0 ? JsonValue() : JsonValue(document_, next);
}

std::string JsonValue::text() const {
  if (kind() != JsonKind::kString) return {};
  const JsonDocument::Node& node = document_->nodes_[index_];
  const std::string_view raw = document_->text_.substr(node.begin, node.end - node.begin);
  return node.escaped ? unescape_json_string(raw) : std::string(raw);
}

std::string_view JsonValue::text_view(std::string& storage) const {
  if (kind() != JsonKind::kString) return {};
  const JsonDocument::Node& node = document_->nodes_[index_];
  const std::string_view raw = document_->text_.substr(node.begin, node.end - node.begin);
  if (!node.escaped) return raw;
  storage = unescape_json_string(raw);
  return storage;
}

std::size_t JsonValue::text_bytes() const {
  if (kind() != JsonKind::kString) return 0;
  const JsonDocument::Node& node = document_->nodes_[index_];
  return node.escaped ? text().size() : node.end - node.begin;
}

bool JsonValue::text_equals(std::string_view expected) const {
  if (kind() != JsonKind::kString) return false;
  const JsonDocument::Node& node = document_->nodes_[index_];
  const std::string_view raw = document_->text_.substr(node.begin, node.end - node.begin);
  return node.escaped ? unescape_json_string(raw) == expected : raw == expected;
}

std::optional<std::int64_t> JsonValue::integer() const {
  if (kind() != JsonKind::kNumber) return std::nullopt;
  const JsonDocument::Node& node = document_->nodes_[index_];
  std::string_view digits = document_->text_.substr(node.begin, node.end - node.begin);
  const bool negative = digits.front() == '-';
  if (negative) digits.remove_prefix(1);
  // Magnitudes up to 2^63 (the most negative int64) are representable.
  constexpr std::uint64_t kLimit = std::uint64_t{1} << 63;
  std::uint64_t magnitude = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;  // a fraction or an exponent
    const auto digit = static_cast<std::uint64_t>(c - '0');
    if (magnitude > (kLimit - digit) / 10) return std::nullopt;
    magnitude = magnitude * 10 + digit;
  }
  if (!negative && magnitude == kLimit) return std::nullopt;
  return negative ? static_cast<std::int64_t>(0 - magnitude) : static_cast<std::int64_t>(magnitude);
}

}  // namespace msgsim::stack
