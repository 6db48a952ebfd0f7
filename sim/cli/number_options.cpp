#include "sim/cli/number_options.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <sstream>
#include <string_view>
#include <utility>

namespace msgsim::cli {

namespace {

// `text` without its leading zeros ("0" for zeros alone). REQUIRES: not empty.
std::string_view significant_digits(std::string_view text) {
  return text.substr(std::min(text.find_first_not_of('0'), text.size() - 1));
}

}  // namespace

std::string decimal_text_problem(const std::string& text, const std::string& largest) {
  const bool digits = !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (digits) {
    const std::string_view significant = significant_digits(text);
    // Equal lengths compare as numbers when compared as text.
    if (significant.size() < largest.size() || (significant.size() == largest.size() && significant <= largest)) {
      return "";
    }
  }
  return "expected a whole number from 0 to " + largest + ", got \"" + text + "\"";
}

CLI::Validator decimal_whole_number(std::string largest) {
  auto check = [largest](std::string& text) {
    std::string problem = decimal_text_problem(text, largest);
    if (problem.empty()) text = std::string(significant_digits(text));
    return problem;
  };
  return CLI::Validator(std::move(check), "0.." + largest, "decimal whole number");
}

CLI::Validator finite_number(double low, std::optional<double> high) {
  auto check = [low, high](const std::string& text) -> std::string {
    double value = 0.0;
    const char* end = text.data() + text.size();
    const auto [stop, error] = std::from_chars(text.data(), end, value);
    const bool number = !text.empty() && error == std::errc() && stop == end && std::isfinite(value);
    if (number && value >= low && (!high || value <= *high)) return "";
    std::ostringstream expected;
    expected << "expected a number ";
    if (high) {
      expected << "from " << low << " to " << *high;
    } else {
      expected << ">= " << low;
    }
    expected << ", got \"" << text << "\"";
    return expected.str();
  };
  std::ostringstream shown;  // in --help, after the option's type
  if (high) {
    shown << "in [" << low << " - " << *high << "]";
  } else {
    shown << ">= " << low;
  }
  return CLI::Validator(std::move(check), shown.str(), "finite number");
}

CLI::Option* add_seed_option(CLI::App& command, std::optional<std::uint64_t>& seed) {
  return command.add_option("--seed", seed, "Root seed (overrides the scenario's)")
      ->transform(decimal_whole_number("18446744073709551615"));
}

}  // namespace msgsim::cli
