// A JsonValue together with the path that reached it, so a decoder's every
// refusal names where the input is wrong ("entry[0].changes[1].value.
// messages[0].timestamp: expected a string, got number"). The path is a
// chain of parent pointers rendered only for a message, so reading valid
// input allocates nothing for it. A cursor refers to its parent: REQUIRES the
// parent outlives it, which is why children are taken only from named
// cursors (member() on a temporary does not compile).
// Value type; any thread may use its own cursors.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "sim/runtime/status.h"
#include "sim/stack/wire/json_view.h"
#include "sim/stack/wire/wire_utf8.h"

namespace msgsim::stack {

class JsonCursor {
 public:
  // The document's root; its path reads "(root)".
  explicit JsonCursor(JsonValue root) : value_(root) {}

  JsonCursor member(std::string_view key) const& { return JsonCursor(value_.member(key), this, key, 0, false); }
  JsonCursor member(std::string_view key) const&& = delete;
  // Element `index` of this array, already found as `element`.
  JsonCursor element(JsonValue element, std::size_t index) const& { return JsonCursor(element, this, {}, index, true); }
  JsonCursor element(JsonValue element, std::size_t index) const&& = delete;

  const JsonValue& value() const { return value_; }
  bool present() const { return value_.present(); }
  std::string path() const;

  // kInvalidInput "<path>: <what>".
  runtime::Status error(std::string_view what) const;

  // The required reads: a missing value, another kind, or a string over
  // `bytes_max` bytes is kInvalidInput naming the path.
  runtime::Status expect(JsonKind kind) const {
    return value_.kind() == kind ? runtime::Status::ok() : kind_error(kind);
  }
  runtime::Result<std::string> string(std::size_t bytes_max) const;
  // As string(), without copying text that has no escapes: see
  // JsonValue::text_view for what the view borrows.
  runtime::Result<std::string_view> string_view(std::size_t bytes_max, std::string& storage) const;
  runtime::Result<std::int64_t> integer() const;
  // A string equal to `expected` ("object: expected "page", got "user"").
  runtime::Status expect_text(std::string_view expected) const;

 private:
  // expect()'s refusal: missing, or another kind.
  runtime::Status kind_error(JsonKind kind) const;
  // A string over its limit.
  runtime::Status size_error(std::size_t bytes, std::size_t bytes_max) const;

  JsonCursor(JsonValue value, const JsonCursor* parent, std::string_view key, std::size_t index, bool is_index)
      : value_(value), parent_(parent), key_(key), index_(index), is_index_(is_index) {}

  JsonValue value_;
  const JsonCursor* parent_ = nullptr;
  std::string_view key_;
  std::size_t index_ = 0;
  bool is_index_ = false;
};

// Calls visit(element_cursor) for each element of the array at `array`,
// stopping at the first refusal. kInvalidInput when `array` is not an array.
template <typename Visit>
runtime::Status for_each_element(const JsonCursor& array, Visit&& visit) {
  runtime::Status is_array = array.expect(JsonKind::kArray);
  if (!is_array.is_ok()) return is_array;
  std::size_t index = 0;
  for (JsonValue item = array.value().first_child(); item.present(); item = item.next_sibling(), ++index) {
    const JsonCursor element = array.element(item, index);
    runtime::Status visited = visit(element);
    if (!visited.is_ok()) return visited;
  }
  return runtime::Status::ok();
}

}  // namespace msgsim::stack
