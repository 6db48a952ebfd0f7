// A strict, path-tracking reader of JSON for the scenario loader.
// `parse_json_document` turns text into a DOM that keeps document order and
// rejects malformed JSON (naming line and column), duplicate keys, nesting
// deeper than kMaxJsonDepth and objects with more than kMaxObjectKeys keys;
// it also lists the JSON path of every key. `Node` and `ObjectReader` then
// read the DOM: every accessor checks what it reads and, on a problem, throws
// InputError naming the JSON path. InputError never leaves the loader, which
// catches it at its boundary and turns it into one Status. A Node refers into
// the DOM it was made from; single-threaded use.
#pragma once

#include <cstddef>
#include <cstdint>
#include <exception>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/runtime/status.h"

namespace msgsim::harness {

// Objects keep their keys in document order.
using Json = nlohmann::ordered_json;

constexpr int kMaxJsonDepth = 64;
constexpr std::size_t kMaxObjectKeys = 10000;

// A problem with the input at a JSON path ("" = the top level). Thrown only
// inside the loader.
class InputError : public std::exception {
 public:
  InputError(std::string path, std::string problem) : path_(std::move(path)), problem_(std::move(problem)) {}
  const std::string& path() const { return path_; }
  const std::string& problem() const { return problem_; }
  const char* what() const noexcept override { return problem_.c_str(); }

 private:
  std::string path_;
  std::string problem_;
};

// "LABEL: at PATH: PROBLEM"; the top level reads "at top level".
std::string format_input_error(std::string_view label, const InputError& error);

// `text` as a JSON string literal, for quoting keys and ids in messages.
std::string json_string(std::string_view text);

// The JSON path of a member ("org.queues") or of an element ("org.queues[0]").
std::string member_path(std::string_view parent, std::string_view key);
std::string element_path(std::string_view parent, std::size_t index);

struct JsonDocument {
  Json root;
  std::vector<std::string> key_paths;  // every key's path, in document order
};

// Parses `text` (one JSON value, nothing after it). On failure returns
// kInvalidInput with "LABEL:LINE:COLUMN: malformed JSON: DETAIL" or, for a
// duplicate key or too deep nesting, "LABEL: at PATH: PROBLEM".
runtime::Result<JsonDocument> parse_json_document(std::string_view text, const std::string& label);

class ObjectReader;

// One JSON value and its path.
class Node {
 public:
  Node(const Json& value, std::string path) : value_(&value), path_(std::move(path)) {}

  const Json& json() const { return *value_; }
  const std::string& path() const { return path_; }

  // Throws InputError(path, problem).
  [[noreturn]] void fail(std::string problem) const;
  // Throws "expected EXPECTED, got VALUE".
  [[noreturn]] void fail_expected(std::string_view expected) const;
  // The value as messages show it: compact JSON, cut after 60 characters.
  std::string describe() const;

  const std::string& string() const;
  // A non-empty string without control characters, at most `max_size` bytes.
  const std::string& text(std::size_t max_size = 10000) const;
  bool boolean() const;
  // A finite number.
  double number() const;
  // A JSON integer (not 3.0) in [min, max].
  std::int64_t integer(std::int64_t min, std::int64_t max) const;
  // A JSON integer in [0, 2^64 - 1].
  std::uint64_t unsigned_integer() const;

  // The elements of an array.
  std::vector<Node> elements() const;
  // The members of an object whose keys are names chosen by the file (ids).
  std::vector<std::pair<std::string, Node>> members() const;
  // A reader of an object whose keys must all be in `allowed`.
  ObjectReader object(std::initializer_list<std::string_view> allowed) const;

 private:
  const Json* value_;
  std::string path_;
};

// An object whose keys were checked against a list of allowed keys.
class ObjectReader {
 public:
  ObjectReader(const Node& node, std::initializer_list<std::string_view> allowed);

  const Node& node() const { return node_; }
  const std::string& path() const { return node_.path(); }
  [[noreturn]] void fail(std::string problem) const { node_.fail(std::move(problem)); }

  bool has(std::string_view key) const;
  std::optional<Node> find(std::string_view key) const;
  // Throws `missing required key "KEY"` when absent.
  Node required(std::string_view key) const;

  // When `key` is present, sets `out` to `read(node)`; returns whether present.
  template <typename T, typename Read>
  bool read(std::string_view key, T& out, Read read_value) const {
    const std::optional<Node> node = find(key);
    if (node) out = read_value(*node);
    return node.has_value();
  }

  // The one of `keys` that is present; throws unless exactly one is.
  std::string_view exactly_one_of(std::initializer_list<std::string_view> keys) const;
  // The one of `keys` that is present, or "" for none; throws for several.
  std::string_view at_most_one_of(std::initializer_list<std::string_view> keys) const;

 private:
  Node node_;
};

}  // namespace msgsim::harness
