// The value readers of scenario_value_readers.h: each checks one JSON value
// and converts it with the parsers of value_syntax.h, failing at the value's
// path with what was expected and what it got.
#include "sim/harness/scenario_value_readers.h"

#include <algorithm>
#include <cmath>
#include <regex>

namespace msgsim::harness::loading {

namespace {

constexpr std::size_t kMaxIdSize = 100;
constexpr std::size_t kMaxRegexSize = 500;

double read_distribution_parameter(const Node& node, std::string_view parameter, Quantity quantity) {
  if (parameter == "k") return static_cast<double>(node.integer(1, 1000));
  if (quantity == Quantity::kDuration) return read_duration(node).to_seconds();
  return node.number();
}

Distribution read_distribution_object(const Node& node, Quantity quantity) {
  const ObjectReader object = node.object({"dist", "value", "mean", "sd", "low", "high", "k"});
  const Node name = object.required("dist");
  const DistributionForm* form =
      name.json().is_string() ? find_distribution_form(name.string(), quantity) : nullptr;
  if (form == nullptr) name.fail_expected("one of: " + distribution_form_names(quantity));
  for (const auto& [key, value] : node.members()) {
    const auto& parameters = form->parameters;
    if (key != "dist" && std::find(parameters.begin(), parameters.end(), key) == parameters.end()) {
      value.fail("expected no " + json_string(key) + " in a " + json_string(form->name) + " distribution");
    }
  }
  std::vector<double> values;
  for (const std::string_view parameter : form->parameters) {
    values.push_back(read_distribution_parameter(object.required(parameter), parameter, quantity));
  }
  return or_fail(node, make_distribution(*form, values, quantity));
}

}  // namespace

[[noreturn]] void fail_at(std::string path, std::string problem) {
  throw InputError(std::move(path), std::move(problem));
}

const std::string& string_of(const Node& node, std::string_view expected) {
  if (!node.json().is_string()) node.fail_expected(expected);
  return node.json().get_ref<const std::string&>();
}

std::string read_string(const Node& node) { return node.string(); }
std::string read_text(const Node& node) { return node.text(); }
bool read_bool(const Node& node) { return node.boolean(); }

int read_int(const Node& node, int min, int max) { return static_cast<int>(node.integer(min, max)); }

std::string read_id(const Node& node) {
  constexpr std::string_view kExpected = "an id: a non-empty string of at most 100 bytes without spaces";
  const std::string& id = string_of(node, kExpected);
  bool plain = !id.empty() && id.size() <= kMaxIdSize;
  for (const char c : id) plain = plain && static_cast<unsigned char>(c) > ' ';
  if (!plain) node.fail_expected(kExpected);
  return id;
}

std::vector<std::string> read_ids(const Node& node) { return read_list(node, read_id); }
std::vector<std::string> read_texts(const Node& node) { return read_list(node, read_text); }

Duration read_duration(const Node& node) {
  if (node.json().is_number()) return or_fail(node, duration_from_seconds(node.json().get<double>()));
  return or_fail(node, parse_duration(string_of(node, kDurationSyntax)));
}

Duration read_positive_duration(const Node& node) {
  const Duration duration = read_duration(node);
  if (duration <= Duration::zero()) node.fail_expected("a duration > 0");
  return duration;
}

double read_probability(const Node& node) {
  const double p = node.json().is_number() ? node.json().get<double>() : -1.0;
  if (!(p >= 0.0 && p <= 1.0)) node.fail_expected("a probability in [0, 1]");
  return p;
}

double read_positive_number(const Node& node) {
  const double value = node.number();
  if (value <= 0.0) node.fail_expected("a number > 0");
  return value;
}

Rate read_rate(const Node& node) { return or_fail(node, parse_rate(string_of(node, kRateSyntax))); }

Distribution read_distribution(const Node& node, Quantity quantity) {
  const Json& json = node.json();
  if (json.is_number()) return or_fail(node, constant_distribution(json.get<double>(), quantity));
  if (json.is_object()) return read_distribution_object(node, quantity);
  return or_fail(node, parse_distribution(string_of(node, distribution_syntax(quantity)), quantity));
}

Distribution read_duration_distribution(const Node& node) { return read_distribution(node, Quantity::kDuration); }
Distribution read_count_distribution(const Node& node) { return read_distribution(node, Quantity::kCount); }

std::vector<std::pair<std::string, double>> read_weights(const Node& node) {
  std::vector<std::pair<std::string, double>> weights;
  double sum = 0.0;
  for (const auto& [key, value] : node.members()) {
    const double weight = value.number();
    if (weight < 0.0) value.fail_expected("a weight >= 0");
    weights.emplace_back(key, weight);
    sum += weight;
  }
  if (!(sum > 0.0 && std::isfinite(sum))) node.fail_expected("weights >= 0 with a sum > 0");
  return weights;
}

std::string read_dotted_path(const Node& node) {
  static const std::regex kDotted("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");
  constexpr std::string_view kExpected = R"(a dotted path such as "routing.latency_s.p95")";
  const std::string& path = string_of(node, kExpected);
  if (path.size() > 200 || !std::regex_match(path, kDotted)) node.fail_expected(kExpected);
  return path;
}

std::string read_regex(const Node& node) {
  constexpr std::string_view kExpected = R"x(an ECMAScript regular expression, optionally after "(?i)")x";
  const std::string& pattern = string_of(node, kExpected);
  if (pattern.size() > kMaxRegexSize) node.fail_expected("a regular expression of at most 500 bytes");
  const bool ignore_case = pattern.starts_with("(?i)");
  const std::string body = pattern.substr(ignore_case ? 4 : 0);
  try {
    const std::regex compiled(body, ignore_case ? std::regex::ECMAScript | std::regex::icase : std::regex::ECMAScript);
  } catch (const std::regex_error& error) {
    node.fail("expected " + std::string(kExpected) + ", got " + node.describe() + " (" + error.what() + ")");
  }
  return pattern;
}

RouteTarget read_route_target(const Node& node) {
  const ObjectReader object = node.object({"queue", "skills", "flow", "agent"});
  const std::string_view kind = object.exactly_one_of({"queue", "flow", "agent"});
  RouteTarget target;
  target.source_path = node.path();
  if (kind != "queue" && object.has("skills")) object.required("skills").fail("expected \"skills\" only with \"queue\"");
  if (kind == "queue") {
    target.queue = read_id(object.required("queue"));
    object.read("skills", target.skills, read_ids);
  } else if (kind == "flow") {
    target.flow = read_id(object.required("flow"));
  } else {
    target.agent = read_id(object.required("agent"));
  }
  return target;
}

void require_when_likely(const ObjectReader& object, double probability, std::string_view probability_key,
                         std::string_view dependent) {
  if (probability > 0.0 && !object.has(dependent)) {
    object.fail("missing key " + json_string(dependent) + " (required when " + std::string(probability_key) + " > 0)");
  }
}

std::string with_thousands(std::uint64_t value) {
  std::string digits = std::to_string(value);
  for (std::size_t i = digits.size(); i > 3; i -= 3) digits.insert(i - 3, ",");
  return digits;
}

}  // namespace msgsim::harness::loading
