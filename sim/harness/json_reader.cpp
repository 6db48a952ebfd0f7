#include "sim/harness/json_reader.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <unordered_set>

namespace msgsim::harness {

using runtime::Result;
using runtime::Status;
using runtime::StatusCode;

namespace {

constexpr std::size_t kDescribeMaxSize = 60;

// "\"a\", \"b\" and \"c\""
std::string quoted_list(const std::vector<std::string_view>& items, std::string_view last_joint) {
  std::string result;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) result += i + 1 == items.size() ? " " + std::string(last_joint) + " " : ", ";
    result += json_string(items[i]);
  }
  return result;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t substitution = diagonal + (a[i - 1] == b[j - 1] ? 0 : 1);
      diagonal = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, substitution});
    }
  }
  return row[b.size()];
}

std::string unknown_key_problem(std::string_view key, std::initializer_list<std::string_view> allowed) {
  std::string problem = "unknown key " + json_string(key) + " (";
  if (allowed.size() == 0) return problem + "expected no keys here)";
  std::string_view closest;
  std::size_t closest_distance = 3;  // suggest only near misses
  for (const std::string_view candidate : allowed) {
    const std::size_t distance = edit_distance(key, candidate);
    if (distance < closest_distance) {
      closest = candidate;
      closest_distance = distance;
    }
  }
  if (!closest.empty()) problem += "did you mean " + json_string(closest) + "? ";
  problem += "expected one of: ";
  for (const std::string_view candidate : allowed) {
    problem += std::string(candidate) + ", ";
  }
  problem.resize(problem.size() - 2);
  return problem + ")";
}

// Builds the DOM from SAX events, tracking the JSON path of the open
// containers. Pointers to open containers stay valid: each is the last value
// placed in its parent, and a parent receives nothing until it is closed.
class DocumentBuilder {
 public:
  explicit DocumentBuilder(JsonDocument& document) : document_(document) {}

  bool null() { return add(Json(nullptr)); }
  bool boolean(bool value) { return add(Json(value)); }
  bool number_integer(Json::number_integer_t value) { return add(Json(value)); }
  bool number_unsigned(Json::number_unsigned_t value) { return add(Json(value)); }
  bool number_float(Json::number_float_t value, const std::string& /*text*/) { return add(Json(value)); }
  bool string(std::string& value) { return add(Json(std::move(value))); }
  bool binary(Json::binary_t& /*value*/) { return false; }  // JSON text has no binary values
  bool start_object(std::size_t /*size*/) { return open(Json::object()); }
  bool start_array(std::size_t /*size*/) { return open(Json::array()); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }
  bool key(std::string& key);
  bool parse_error(std::size_t position, const std::string& /*token*/, const Json::exception& error) {
    parse_error_position_ = position;
    parse_error_detail_ = error.what();
    return false;
  }

  const std::optional<InputError>& structure_error() const { return structure_error_; }
  std::size_t parse_error_position() const { return parse_error_position_; }
  const std::string& parse_error_detail() const { return parse_error_detail_; }

 private:
  struct Frame {
    Json* value;
    std::string path;
    std::unordered_set<std::string> keys;
    std::string key;  // of the member being read
    std::size_t next_index = 0;
  };

  std::string child_path() const {
    if (frames_.empty()) return "";
    const Frame& top = frames_.back();
    return top.value->is_object() ? member_path(top.path, top.key) : element_path(top.path, top.next_index);
  }

  Json* place(Json value) {
    if (frames_.empty()) {
      document_.root = std::move(value);
      return &document_.root;
    }
    Frame& top = frames_.back();
    if (top.value->is_object()) {
      Json& slot = (*top.value)[top.key];
      slot = std::move(value);
      return &slot;
    }
    top.value->push_back(std::move(value));
    ++top.next_index;
    return &top.value->back();
  }

  bool add(Json value) {
    place(std::move(value));
    return true;
  }

  bool open(Json container) {
    std::string path = child_path();
    if (frames_.size() >= static_cast<std::size_t>(kMaxJsonDepth)) {
      return fail(std::move(path), "expected at most " + std::to_string(kMaxJsonDepth) + " levels of nesting");
    }
    frames_.push_back(Frame{place(std::move(container)), std::move(path), {}, {}, 0});
    return true;
  }

  bool close() {
    frames_.pop_back();
    return true;
  }

  bool fail(std::string path, std::string problem) {
    structure_error_.emplace(std::move(path), std::move(problem));
    return false;
  }

  JsonDocument& document_;
  std::vector<Frame> frames_;
  std::optional<InputError> structure_error_;
  std::size_t parse_error_position_ = 0;
  std::string parse_error_detail_;
};

bool DocumentBuilder::key(std::string& key) {
  Frame& top = frames_.back();
  if (top.keys.size() >= kMaxObjectKeys) {
    return fail(top.path, "expected at most " + std::to_string(kMaxObjectKeys) + " keys in one object");
  }
  if (!top.keys.insert(key).second) return fail(top.path, "duplicate key " + json_string(key));
  top.key = key;
  document_.key_paths.push_back(member_path(top.path, key));
  return true;
}

// "LABEL:LINE:COLUMN: malformed JSON: DETAIL" for a parse error after
// `position` bytes (the count the parser reports, the bad byte included).
std::string malformed_message(std::string_view text, const std::string& label, std::size_t position,
                              const std::string& detail) {
  const std::string_view read = text.substr(0, std::min(position, text.size()));
  const std::size_t line = 1 + static_cast<std::size_t>(std::count(read.begin(), read.end(), '\n'));
  const std::size_t line_start = read.rfind('\n') == std::string_view::npos ? 0 : read.rfind('\n') + 1;
  const std::size_t column = std::max<std::size_t>(1, read.size() - line_start);
  // nlohmann's text reads "[json.exception.parse_error.101] parse error at
  // line L, column C: DETAIL"; keep DETAIL, we give the position ourselves.
  // Other errors (number overflow) read "[json.exception.out_of_range.406] DETAIL".
  std::string_view reason = detail;
  const std::size_t column_word = reason.find("column ");
  const std::size_t colon = column_word == std::string_view::npos ? std::string_view::npos
                                                                    : reason.find(": ", column_word);
  if (colon != std::string_view::npos) {
    reason.remove_prefix(colon + 2);
  } else if (reason.starts_with("[json.exception.") && reason.find("] ") != std::string_view::npos) {
    reason.remove_prefix(reason.find("] ") + 2);
  }
  return label + ":" + std::to_string(line) + ":" + std::to_string(column) + ": malformed JSON: " +
         std::string(reason);
}

}  // namespace

std::string json_string(std::string_view text) {
  return Json(std::string(text)).dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string format_input_error(std::string_view label, const InputError& error) {
  return std::string(label) + ": at " + (error.path().empty() ? std::string("top level") : error.path()) + ": " +
         error.problem();
}

std::string member_path(std::string_view parent, std::string_view key) {
  return parent.empty() ? std::string(key) : std::string(parent) + "." + std::string(key);
}

std::string element_path(std::string_view parent, std::size_t index) {
  return std::string(parent) + "[" + std::to_string(index) + "]";
}

Result<JsonDocument> parse_json_document(std::string_view text, const std::string& label) {
  JsonDocument document;
  DocumentBuilder builder(document);
  if (Json::sax_parse(text, &builder)) return document;
  if (builder.structure_error()) {
    return Status(StatusCode::kInvalidInput, format_input_error(label, *builder.structure_error()));
  }
  return Status(StatusCode::kInvalidInput,
                malformed_message(text, label, builder.parse_error_position(), builder.parse_error_detail()));
}

void Node::fail(std::string problem) const { throw InputError(path_, std::move(problem)); }

void Node::fail_expected(std::string_view expected) const {
  fail("expected " + std::string(expected) + ", got " + describe());
}

std::string Node::describe() const {
  if (value_->is_number_float() && !std::isfinite(value_->get<double>())) return "a number too large to represent";
  std::string text = value_->dump(-1, ' ', false, Json::error_handler_t::replace);
  if (text.size() <= kDescribeMaxSize) return text;
  std::size_t cut = kDescribeMaxSize - 3;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // keep UTF-8 whole
  return text.substr(0, cut) + "...";
}

const std::string& Node::string() const {
  if (!value_->is_string()) fail_expected("a string");
  return value_->get_ref<const std::string&>();
}

const std::string& Node::text(std::size_t max_size) const {
  const std::string expected = "a non-empty string of at most " + std::to_string(max_size) + " bytes";
  if (!value_->is_string()) fail_expected(expected);
  const std::string& value = value_->get_ref<const std::string&>();
  if (value.empty() || value.size() > max_size) fail_expected(expected);
  return value;
}

bool Node::boolean() const {
  if (!value_->is_boolean()) fail_expected("true or false");
  return value_->get<bool>();
}

double Node::number() const {
  if (!value_->is_number() || !std::isfinite(value_->get<double>())) fail_expected("a number");
  return value_->get<double>();
}

std::int64_t Node::integer(std::int64_t min, std::int64_t max) const {
  const std::string expected = max == std::numeric_limits<std::int64_t>::max()
                                   ? "an integer >= " + std::to_string(min)
                                   : "an integer in [" + std::to_string(min) + ", " + std::to_string(max) + "]";
  if (!value_->is_number_integer()) fail_expected(expected);
  if (value_->is_number_unsigned() &&
      value_->get<std::uint64_t>() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
    fail_expected(expected);
  }
  const std::int64_t value = value_->get<std::int64_t>();
  if (value < min || value > max) fail_expected(expected);
  return value;
}

std::uint64_t Node::unsigned_integer() const {
  if (!value_->is_number_unsigned()) fail_expected("an integer in [0, 18446744073709551615]");
  return value_->get<std::uint64_t>();
}

std::vector<Node> Node::elements() const {
  if (!value_->is_array()) fail_expected("an array");
  std::vector<Node> elements;
  elements.reserve(value_->size());
  for (std::size_t i = 0; i < value_->size(); ++i) elements.emplace_back((*value_)[i], element_path(path_, i));
  return elements;
}

std::vector<std::pair<std::string, Node>> Node::members() const {
  if (!value_->is_object()) fail_expected("an object");
  std::vector<std::pair<std::string, Node>> members;
  members.reserve(value_->size());
  for (const auto& [key, value] : value_->items()) members.emplace_back(key, Node(value, member_path(path_, key)));
  return members;
}

ObjectReader Node::object(std::initializer_list<std::string_view> allowed) const {
  return ObjectReader(*this, allowed);
}

ObjectReader::ObjectReader(const Node& node, std::initializer_list<std::string_view> allowed) : node_(node) {
  if (!node.json().is_object()) node.fail_expected("an object");
  for (const auto& [key, value] : node.json().items()) {
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      node.fail(unknown_key_problem(key, allowed));
    }
  }
}

bool ObjectReader::has(std::string_view key) const { return node_.json().contains(key); }

std::optional<Node> ObjectReader::find(std::string_view key) const {
  const auto it = node_.json().find(key);
  if (it == node_.json().end()) return std::nullopt;
  return Node(*it, member_path(node_.path(), key));
}

Node ObjectReader::required(std::string_view key) const {
  std::optional<Node> node = find(key);
  if (!node) fail("missing required key " + json_string(key));
  return *node;
}

std::string_view ObjectReader::exactly_one_of(std::initializer_list<std::string_view> keys) const {
  std::vector<std::string_view> present;
  for (const std::string_view key : keys) {
    if (has(key)) present.push_back(key);
  }
  if (present.size() == 1) return present[0];
  fail("expected exactly one of " + quoted_list(std::vector<std::string_view>(keys), "or") + ", got " +
       (present.empty() ? std::string("none") : quoted_list(present, "and")));
}

std::string_view ObjectReader::at_most_one_of(std::initializer_list<std::string_view> keys) const {
  std::vector<std::string_view> present;
  for (const std::string_view key : keys) {
    if (has(key)) present.push_back(key);
  }
  if (present.size() > 1) {
    fail("expected at most one of " + quoted_list(std::vector<std::string_view>(keys), "or") + ", got " +
         quoted_list(present, "and"));
  }
  return present.empty() ? std::string_view() : present[0];
}

}  // namespace msgsim::harness
