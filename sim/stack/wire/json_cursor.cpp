#include "sim/stack/wire/json_cursor.h"

#include <vector>

namespace msgsim::stack {

using runtime::Result;
using runtime::Status;
using runtime::StatusCode;

std::string JsonCursor::path() const {
  std::vector<const JsonCursor*> chain;
  for (const JsonCursor* step = this; step->parent_ != nullptr; step = step->parent_) chain.push_back(step);
  if (chain.empty()) return "(root)";
  std::string out;
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    const JsonCursor& step = **it;
    if (step.is_index_) {
      out += '[' + std::to_string(step.index_) + ']';
    } else {
      if (!out.empty()) out += '.';
      out += step.key_;
    }
  }
  return out;
}

Status JsonCursor::error(std::string_view what) const {
  return Status(StatusCode::kInvalidInput, path() + ": " + std::string(what));
}

namespace {

const char* with_article(JsonKind kind) {
  switch (kind) {
    case JsonKind::kArray: return "an array";
    case JsonKind::kObject: return "an object";
    case JsonKind::kString: return "a string";
    case JsonKind::kNumber: return "a number";
    case JsonKind::kNull: return "null";
    case JsonKind::kMissing: return "nothing";
    case JsonKind::kFalse:
    case JsonKind::kTrue: break;
  }
  return "a boolean";
}

}  // namespace

Status JsonCursor::kind_error(JsonKind kind) const {
  const JsonKind actual = value_.kind();
  if (actual == JsonKind::kMissing) return error("required field is missing");
  return error(std::string("expected ") + with_article(kind) + ", got " + json_kind_name(actual));
}

Result<std::string> JsonCursor::string(std::size_t bytes_max) const {
  if (value_.kind() != JsonKind::kString) return kind_error(JsonKind::kString);
  std::string storage;
  const std::string_view text = value_.text_view(storage);
  if (text.size() > bytes_max) return size_error(text.size(), bytes_max);
  if (text.data() == storage.data()) return storage;  // unescaped: already a copy (moved out)
  return std::string(text);
}

Result<std::string_view> JsonCursor::string_view(std::size_t bytes_max, std::string& storage) const {
  if (value_.kind() != JsonKind::kString) return kind_error(JsonKind::kString);
  const std::string_view text = value_.text_view(storage);
  if (text.size() > bytes_max) return size_error(text.size(), bytes_max);
  return text;
}

Status JsonCursor::size_error(std::size_t bytes, std::size_t bytes_max) const {
  return error("string of " + std::to_string(bytes) + " bytes is over the limit of " + std::to_string(bytes_max));
}

Result<std::int64_t> JsonCursor::integer() const {
  Status is_number = expect(JsonKind::kNumber);
  if (!is_number.is_ok()) return is_number;
  const std::optional<std::int64_t> value = value_.integer();
  if (!value) return error("expected an integer that fits in 64 bits");
  return *value;
}

Status JsonCursor::expect_text(std::string_view expected) const {
  Status is_string = expect(JsonKind::kString);
  if (!is_string.is_ok()) return is_string;
  if (value_.text_equals(expected)) return Status::ok();
  return error("expected \"" + std::string(expected) + "\", got \"" + text_excerpt(value_.text()) + "\"");
}

}  // namespace msgsim::stack
