// The scenario loader's readers of single values, shared by its parts
// (scenario_loader.cpp, org_loader, channels_loader, providers_loader,
// customers_loader). Each reads one JSON value written in the format's value
// syntax (value_syntax.h) into the model, or throws InputError (json_reader.h)
// with the value's JSON path and "expected ..., got ...". Internal to the
// loader, which catches every InputError at its boundary; nothing else should
// include this header.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/harness/json_reader.h"
#include "sim/harness/scenario.h"
#include "sim/harness/value_syntax.h"
#include "sim/runtime/status.h"

namespace msgsim::harness::loading {

// The upper bound of Node::integer when only a lower bound applies.
constexpr std::int64_t kNoMax = std::numeric_limits<std::int64_t>::max();

// Throws InputError(path, problem), for problems found away from a Node.
[[noreturn]] void fail_at(std::string path, std::string problem);

// The result's value, or a failure at `node`: the result's message, ", got VALUE".
template <typename T>
T or_fail(const Node& node, runtime::Result<T> result) {
  if (!result.is_ok()) node.fail(result.status().message() + ", got " + node.describe());
  return result.take();
}

// The node's string, or "expected EXPECTED, got ..." for any other type.
const std::string& string_of(const Node& node, std::string_view expected);

std::string read_string(const Node& node);
// A non-empty string of at most 10,000 bytes.
std::string read_text(const Node& node);
bool read_bool(const Node& node);
int read_int(const Node& node, int min, int max);

// A reader of integers in [min, max], for ObjectReader::read.
inline auto int_in(int min, int max) {
  return [min, max](const Node& node) { return read_int(node, min, max); };
}

// An id: a non-empty string of at most 100 bytes without spaces or control characters.
std::string read_id(const Node& node);

// An array, each element read by `read`.
template <typename Read>
auto read_list(const Node& node, Read read) {
  std::vector<decltype(read(node))> items;
  for (const Node& element : node.elements()) items.push_back(read(element));
  return items;
}

std::vector<std::string> read_ids(const Node& node);
std::vector<std::string> read_texts(const Node& node);

// One of E's spellings (scenario.cpp); the message lists them all.
template <typename E>
E read_enum(const Node& node) {
  std::string names;
  for (const EnumName<E>& entry : enum_names<E>()) names += (names.empty() ? "" : ", ") + std::string(entry.name);
  if (node.json().is_string()) {
    if (const std::optional<E> value = enum_from_name<E>(node.string())) return *value;
  }
  node.fail_expected("one of: " + names);
}

// A duration string ("1h30m") or a number of seconds; 0 allowed.
Duration read_duration(const Node& node);
Duration read_positive_duration(const Node& node);
double read_probability(const Node& node);
double read_positive_number(const Node& node);
Rate read_rate(const Node& node);

// A distribution in any of its forms: a constant number, the text form
// "NAME(P1,P2)" or the object form {"dist": NAME, P1: .., P2: ..}.
Distribution read_distribution(const Node& node, Quantity quantity);
Distribution read_duration_distribution(const Node& node);
Distribution read_count_distribution(const Node& node);

// An object of names chosen by the file -> weights >= 0 with a sum > 0, in file order.
std::vector<std::pair<std::string, double>> read_weights(const Node& node);

// A dotted path into the report's metrics ("routing.latency_s.p95").
std::string read_dotted_path(const Node& node);

// An ECMAScript regular expression, optionally after "(?i)"; checked to compile.
std::string read_regex(const Node& node);

// Where work goes: exactly one of {"queue": Q} (optionally with "skills"),
// {"flow": F} or {"agent": A}. The ids are checked by scenario_references.
RouteTarget read_route_target(const Node& node);

// Fails unless `dependent` is present whenever `probability` is above 0.
void require_when_likely(const ObjectReader& object, double probability, std::string_view probability_key,
                         std::string_view dependent);

// "2,001" for 2001, for messages.
std::string with_thousands(std::uint64_t value);

}  // namespace msgsim::harness::loading
