#include "sim/harness/expectations.h"

#include <cmath>

namespace msgsim::harness {

namespace {

const char* op_name(CompareOp op) {
  switch (op) {
    case CompareOp::kMin: return "min";
    case CompareOp::kMax: return "max";
    case CompareOp::kEquals: return "equals";
  }
  return "?";
}

bool holds(CompareOp op, double actual, double threshold) {
  switch (op) {
    case CompareOp::kMin: return actual >= threshold;
    case CompareOp::kMax: return actual <= threshold;
    case CompareOp::kEquals: return std::abs(actual - threshold) <= 1e-9 * std::max(1.0, std::abs(threshold));
  }
  return false;
}

ExpectationResult check_one(const Expectation& expectation, const nlohmann::ordered_json& root,
                            const std::string& relative, const std::string& shown) {
  ExpectationResult result;
  result.metric = shown;
  result.op = op_name(expectation.op);
  result.threshold = expectation.threshold;
  const nlohmann::ordered_json* node = find_metric(root, relative);
  if (node == nullptr) {
    result.detail = "the report has no metric " + shown;
  } else if (!node->is_number()) {
    result.detail = "metric " + shown + " is not a number";
  } else {
    result.actual = node->get<double>();
    result.passed = holds(expectation.op, *result.actual, expectation.threshold);
    if (!result.passed) {
      result.detail = shown + " = " + node->dump() + ", expected " + result.op + " " + nlohmann::json(expectation.threshold).dump();
    }
  }
  return result;
}

}  // namespace

const nlohmann::ordered_json* find_metric(const nlohmann::ordered_json& root, const std::string& path) {
  const nlohmann::ordered_json* node = &root;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t dot = path.find('.', start);
    std::string part = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (!node->is_object()) return nullptr;
    auto it = node->find(part);
    if (it == node->end()) return nullptr;
    node = &*it;
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return node;
}

std::vector<ExpectationResult> evaluate_expectations(const std::vector<Expectation>& expectations,
                                                     const nlohmann::ordered_json& metrics) {
  std::vector<ExpectationResult> results;
  for (const Expectation& expectation : expectations) {
    if (!expectation.each) {
      results.push_back(check_one(expectation, metrics, expectation.metric, expectation.metric));
      continue;
    }
    const std::string& each = *expectation.each;
    const std::size_t last_dot = each.rfind('.');
    const std::string parent = last_dot == std::string::npos ? "" : each.substr(0, last_dot + 1);
    std::string relative = expectation.metric;
    if (!parent.empty() && relative.rfind(parent, 0) == 0) relative = relative.substr(parent.size());
    const nlohmann::ordered_json* breakdown = find_metric(metrics, each);
    if (breakdown == nullptr || !breakdown->is_object()) {
      ExpectationResult missing;
      missing.metric = expectation.metric;
      missing.op = op_name(expectation.op);
      missing.threshold = expectation.threshold;
      missing.detail = "the report has no breakdown " + each;
      results.push_back(missing);
      continue;
    }
    for (auto it = breakdown->begin(); it != breakdown->end(); ++it) {
      results.push_back(check_one(expectation, it.value(), relative, each + "." + it.key() + "." + relative));
    }
  }
  return results;
}

}  // namespace msgsim::harness
