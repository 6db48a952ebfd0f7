#include "sim/harness/value_syntax.h"

#include <array>
#include <charconv>
#include <cmath>
#include <optional>
#include <vector>

namespace msgsim::harness {

using runtime::Distribution;
using runtime::DistributionKind;
using runtime::Duration;
using runtime::Result;
using runtime::Status;
using runtime::StatusCode;

namespace {

constexpr int kMaxErlangPhases = 1000;

Status invalid(std::string message) { return Status(StatusCode::kInvalidInput, std::move(message)); }

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Consumes a plain decimal number ("12", "0.5", ".5") from the front of
// `text`; nullopt (and nothing consumed) when there is none.
std::optional<double> take_number(std::string_view& text) {
  std::size_t end = 0;
  while (end < text.size() && is_digit(text[end])) ++end;
  if (end < text.size() && text[end] == '.') {
    std::size_t fraction_end = end + 1;
    while (fraction_end < text.size() && is_digit(text[fraction_end])) ++fraction_end;
    if (fraction_end == end + 1) return std::nullopt;  // "5." has no fraction digits
    end = fraction_end;
  }
  if (end == 0) return std::nullopt;
  double value = 0.0;
  const auto [ptr, error] = std::from_chars(text.data(), text.data() + end, value);
  if (error != std::errc() || ptr != text.data() + end || !std::isfinite(value)) return std::nullopt;
  text.remove_prefix(end);
  return value;
}

// The whole of `text` as a plain decimal number.
std::optional<double> whole_number(std::string_view text) {
  const std::optional<double> value = take_number(text);
  if (!value || !text.empty()) return std::nullopt;
  return value;
}

struct DurationUnit {
  std::string_view symbol;
  double seconds;
};
// Largest first: groups must follow this order. "ms" precedes "m" so the
// longer symbol wins when both match.
constexpr DurationUnit kDurationUnits[] = {{"d", 86400.0}, {"h", 3600.0}, {"ms", 0.001}, {"m", 60.0}, {"s", 1.0}};
constexpr int kUnitRank[] = {0, 1, 4, 2, 3};

std::optional<double> duration_groups_seconds(std::string_view text) {
  double total = 0.0;
  int last_rank = -1;
  while (!text.empty()) {
    const std::optional<double> amount = take_number(text);
    if (!amount) return std::nullopt;
    int unit = -1;
    for (int i = 0; i < 5 && unit < 0; ++i) {
      if (text.starts_with(kDurationUnits[i].symbol)) unit = i;
    }
    if (unit < 0 || kUnitRank[unit] <= last_rank) return std::nullopt;
    last_rank = kUnitRank[unit];
    text.remove_prefix(kDurationUnits[unit].symbol.size());
    total += *amount * kDurationUnits[unit].seconds;
  }
  return total;
}

constexpr std::string_view kValueParameter[] = {"value"};
constexpr std::string_view kMeanParameter[] = {"mean"};
constexpr std::string_view kMeanSdParameters[] = {"mean", "sd"};
constexpr std::string_view kLowHighParameters[] = {"low", "high"};
constexpr std::string_view kErlangParameters[] = {"k", "mean"};

constexpr DistributionForm kForms[] = {
    {DistributionKind::kConstant, "constant", kValueParameter, false},
    {DistributionKind::kExponential, "exp", kMeanParameter, false},
    {DistributionKind::kUniform, "uniform", kLowHighParameters, false},
    {DistributionKind::kNormal, "normal", kMeanSdParameters, false},
    {DistributionKind::kLogNormal, "lognormal", kMeanSdParameters, false},
    {DistributionKind::kGamma, "gamma", kMeanSdParameters, false},
    {DistributionKind::kErlang, "erlang", kErlangParameters, false},
    {DistributionKind::kGeometric, "geometric", kMeanParameter, true},
    {DistributionKind::kPoisson, "poisson", kMeanParameter, true},
};

std::string upper(std::string_view text) {
  std::string result(text);
  for (char& c : result) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return result;
}

// "lognormal(MEAN,SD)"
std::string signature(const DistributionForm& form) {
  std::string result = std::string(form.name) + "(";
  for (std::size_t i = 0; i < form.parameters.size(); ++i) {
    result += (i ? "," : "") + upper(form.parameters[i]);
  }
  return result + ")";
}

// "exp(MEAN), uniform(LOW,HIGH), ..." without the constant form.
std::string distribution_signatures(Quantity quantity) {
  std::string signatures;
  for (const DistributionForm& form : kForms) {
    if (form.kind == DistributionKind::kConstant || (form.counts_only && quantity != Quantity::kCount)) continue;
    signatures += (signatures.empty() ? "" : ", ") + signature(form);
  }
  return signatures;
}

std::string general_expectation(Quantity quantity) { return "expected " + distribution_syntax(quantity); }

// Why `parameters` do not suit `form`, or "" when they do.
std::string parameter_problem(const DistributionForm& form, std::span<const double> p, Quantity quantity) {
  for (const double value : p) {
    if (!std::isfinite(value) || value < 0.0) return "parameters that are non-negative numbers";
    if (quantity == Quantity::kCount && value > kMaxCountParameter) return "parameters of at most 1,000,000";
  }
  switch (form.kind) {
    case DistributionKind::kConstant:
      if (quantity == Quantity::kCount && p[0] != std::floor(p[0])) return "an integer VALUE";
      return "";
    case DistributionKind::kExponential: return p[0] > 0.0 ? "" : "MEAN > 0";
    case DistributionKind::kUniform: return p[0] <= p[1] ? "" : "LOW <= HIGH";
    case DistributionKind::kNormal: return "";
    case DistributionKind::kLogNormal:
    case DistributionKind::kGamma: return p[0] > 0.0 ? "" : "MEAN > 0";
    case DistributionKind::kErlang:
      if (p[0] < 1.0 || p[0] > kMaxErlangPhases || p[0] != std::floor(p[0])) return "an integer K in [1, 1000]";
      return p[1] > 0.0 ? "" : "MEAN > 0";
    case DistributionKind::kGeometric: return p[0] >= 1.0 ? "" : "MEAN >= 1";
    case DistributionKind::kPoisson: return "";
  }
  return "";
}

Distribution build(DistributionKind kind, std::span<const double> p) {
  switch (kind) {
    case DistributionKind::kConstant: return Distribution::constant(p[0]);
    case DistributionKind::kExponential: return Distribution::exponential(p[0]);
    case DistributionKind::kUniform: return Distribution::uniform(p[0], p[1]);
    case DistributionKind::kNormal: return Distribution::normal(p[0], p[1]);
    case DistributionKind::kLogNormal: return Distribution::lognormal(p[0], p[1]);
    case DistributionKind::kGamma: return Distribution::gamma(p[0], p[1]);
    case DistributionKind::kErlang: return Distribution::erlang(static_cast<int>(p[0]), p[1]);
    case DistributionKind::kGeometric: return Distribution::geometric(p[0]);
    case DistributionKind::kPoisson: return Distribution::poisson(p[0]);
  }
  return Distribution();
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return text;
}

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == separator) {
      parts.push_back(text.substr(start, i - start));
      start = i + 1;
    }
  }
  return parts;
}

Result<Distribution> parse_function_form(std::string_view text, Quantity quantity) {
  const std::size_t open = text.find('(');
  const DistributionForm* form = find_distribution_form(text.substr(0, open), quantity);
  if (form == nullptr || form->kind == DistributionKind::kConstant || !text.ends_with(")")) {
    return invalid(general_expectation(quantity));
  }
  const std::vector<std::string_view> arguments = split(text.substr(open + 1, text.size() - open - 2), ',');
  if (arguments.size() != form->parameters.size()) {
    return invalid("expected " + signature(*form) + " with " + std::to_string(form->parameters.size()) +
                   (form->parameters.size() == 1 ? " parameter" : " parameters"));
  }
  std::array<double, 2> values{};
  for (std::size_t i = 0; i < arguments.size(); ++i) {
    Result<double> value = parse_distribution_parameter(trim(arguments[i]), form->parameters[i], quantity);
    if (!value.is_ok()) return invalid(value.status().message() + " in " + signature(*form));
    values[i] = value.value();
  }
  return make_distribution(*form, std::span<const double>(values.data(), arguments.size()), quantity);
}

// Two digits at `pos` of `text` as a number, or -1.
int two_digits(std::string_view text, std::size_t pos) {
  if (pos + 2 > text.size() || !is_digit(text[pos]) || !is_digit(text[pos + 1])) return -1;
  return (text[pos] - '0') * 10 + (text[pos + 1] - '0');
}

int days_in_month(std::int64_t year, int month) {
  constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

// "HH:MM" at the front of `text` as minutes after midnight (up to 24:00), or -1.
int take_clock_minutes(std::string_view text) {
  const int hours = two_digits(text, 0);
  const int minutes = two_digits(text, 3);
  if (text.size() < 5 || text[2] != ':' || hours < 0 || minutes < 0 || minutes > 59) return -1;
  if (hours > 24 || (hours == 24 && minutes != 0)) return -1;
  return hours * 60 + minutes;
}

constexpr std::string_view kDayNames[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

int day_index(std::string_view name) {
  for (int i = 0; i < 7; ++i) {
    if (name == kDayNames[i]) return i;
  }
  return -1;
}

}  // namespace

Result<double> parse_duration_seconds(std::string_view text) {
  std::optional<double> seconds = whole_number(text);
  if (!seconds) seconds = text.empty() ? std::nullopt : duration_groups_seconds(text);
  if (!seconds) return invalid("expected " + std::string(kDurationSyntax));
  if (*seconds > kMaxDurationSeconds) return invalid("expected a duration of at most 100 years (36500d)");
  return *seconds;
}

Result<Duration> parse_duration(std::string_view text) {
  Result<double> seconds = parse_duration_seconds(text);
  if (!seconds.is_ok()) return seconds.status();
  return Duration::from_seconds(seconds.value());
}

Result<Duration> duration_from_seconds(double seconds) {
  if (!std::isfinite(seconds) || seconds < 0.0) return invalid("expected " + std::string(kDurationSyntax));
  if (seconds > kMaxDurationSeconds) return invalid("expected a duration of at most 100 years (36500d)");
  return Duration::from_seconds(seconds);
}

Result<Rate> parse_rate(std::string_view text) {
  const std::size_t slash = text.find('/');
  if (slash == std::string_view::npos) return invalid("expected " + std::string(kRateSyntax));
  const std::optional<double> amount = whole_number(text.substr(0, slash));
  const std::string_view unit = text.substr(slash + 1);
  double unit_seconds = 0.0;
  for (const DurationUnit& candidate : kDurationUnits) {
    if (unit == candidate.symbol && candidate.symbol != "ms") unit_seconds = candidate.seconds;
  }
  if (!amount || unit_seconds == 0.0 || *amount <= 0.0) return invalid("expected " + std::string(kRateSyntax));
  const double per_second = *amount / unit_seconds;
  if (per_second > kMaxRatePerSecond) return invalid("expected a rate of at most 1,000,000/s");
  return Rate{per_second};
}

const DistributionForm* find_distribution_form(std::string_view name, Quantity quantity) {
  for (const DistributionForm& form : kForms) {
    if (form.name == name && (!form.counts_only || quantity == Quantity::kCount)) return &form;
  }
  return nullptr;
}

std::string distribution_form_names(Quantity quantity) {
  std::string names;
  for (const DistributionForm& form : kForms) {
    if (form.counts_only && quantity != Quantity::kCount) continue;
    names += (names.empty() ? "" : ", ") + std::string(form.name);
  }
  return names;
}

std::string distribution_syntax(Quantity quantity) {
  if (quantity == Quantity::kCount) {
    return "a count distribution: an integer such as 3, or " + distribution_signatures(quantity);
  }
  return "a duration distribution: " + std::string(kDurationSyntax) + ", or " + distribution_signatures(quantity) +
         " with durations as parameters";
}

Result<double> parse_distribution_parameter(std::string_view text, std::string_view parameter, Quantity quantity) {
  if (parameter == "k") {
    const std::optional<double> k = whole_number(text);
    if (!k || *k != std::floor(*k) || *k < 1.0) return invalid("expected an integer K >= 1");
    return *k;
  }
  if (quantity == Quantity::kDuration) {
    Result<double> seconds = parse_duration_seconds(text);
    if (!seconds.is_ok()) return invalid("expected a duration for " + upper(parameter));
    return seconds.value();
  }
  const std::optional<double> number = whole_number(text);
  if (!number) return invalid("expected a non-negative number for " + upper(parameter));
  return *number;
}

Result<Distribution> make_distribution(const DistributionForm& form, std::span<const double> parameters,
                                       Quantity quantity) {
  if (parameters.size() != form.parameters.size()) {
    return invalid("expected " + signature(form) + " with " + std::to_string(form.parameters.size()) + " parameters");
  }
  const std::string problem = parameter_problem(form, parameters, quantity);
  if (!problem.empty()) {
    if (form.kind == DistributionKind::kConstant) return invalid(general_expectation(quantity));
    return invalid("expected " + signature(form) + " with " + problem);
  }
  return build(form.kind, parameters);
}

Result<Distribution> parse_distribution(std::string_view text, Quantity quantity) {
  if (text.find('(') != std::string_view::npos) return parse_function_form(text, quantity);
  if (quantity == Quantity::kCount) {
    const std::optional<double> value = whole_number(text);
    if (!value) return invalid(general_expectation(quantity));
    return constant_distribution(*value, quantity);
  }
  Result<double> seconds = parse_duration_seconds(text);
  if (!seconds.is_ok()) return invalid(general_expectation(quantity));
  return Distribution::constant(seconds.value());
}

Result<Distribution> constant_distribution(double value, Quantity quantity) {
  const double parameters[] = {value};
  if (quantity == Quantity::kDuration) {
    Result<Duration> duration = duration_from_seconds(value);
    if (!duration.is_ok()) return invalid(general_expectation(quantity));
  }
  return make_distribution(kForms[0], parameters, quantity);
}

std::int64_t days_from_civil(std::int64_t year, int month, int day) {
  // Howard Hinnant's days_from_civil: eras of 400 years, years from March.
  year -= month <= 2 ? 1 : 0;
  const std::int64_t era = (year >= 0 ? year : year - 399) / 400;
  const std::int64_t year_of_era = year - era * 400;
  const std::int64_t day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const std::int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

Result<std::int64_t> parse_iso_date(std::string_view text) {
  const int century = two_digits(text, 0);
  const int year_in_century = two_digits(text, 2);
  const int month = two_digits(text, 5);
  const int day = two_digits(text, 8);
  const bool shaped = text.size() == 10 && text[4] == '-' && text[7] == '-' && century >= 0 &&
                      year_in_century >= 0 && month >= 1 && month <= 12 && day >= 1;
  const std::int64_t year = century * 100 + year_in_century;
  if (!shaped || day > days_in_month(year, month)) return invalid(R"(expected an ISO 8601 date such as "2026-12-25")");
  return days_from_civil(year, month, day);
}

Result<std::int64_t> parse_iso_date_time(std::string_view text) {
  const Status expected = invalid(R"(expected an ISO 8601 date-time with offset such as "2026-01-05T09:00:00Z")");
  if (text.size() < 17 || text[10] != 'T') return expected;
  Result<std::int64_t> days = parse_iso_date(text.substr(0, 10));
  const int minute_of_day = take_clock_minutes(text.substr(11));
  if (!days.is_ok() || minute_of_day < 0 || minute_of_day >= 24 * 60) return expected;
  std::string_view rest = text.substr(16);
  int second = 0;
  if (rest.starts_with(":")) {
    second = two_digits(rest, 1);
    if (second < 0 || second > 59) return expected;
    rest.remove_prefix(3);
  }
  int offset_minutes = 0;
  if (rest != "Z") {
    const int offset = rest.size() == 6 ? take_clock_minutes(rest.substr(1)) : -1;
    if (offset < 0 || offset >= 24 * 60 || (rest[0] != '+' && rest[0] != '-')) return expected;
    offset_minutes = rest[0] == '+' ? offset : -offset;
  }
  return days.value() * 86400 + (minute_of_day - offset_minutes) * 60 + second;
}

Result<std::pair<int, int>> parse_day_range(std::string_view text) {
  const std::size_t dash = text.find('-');
  const int first = day_index(text.substr(0, dash));
  const int last = dash == std::string_view::npos ? first : day_index(text.substr(dash + 1));
  if (first < 0 || last < first) {
    return invalid(R"(expected a day "mon" .. "sun" or a range of days in week order such as "mon-fri")");
  }
  return std::pair<int, int>(first, last);
}

std::string_view day_name(int index) { return index >= 0 && index < 7 ? kDayNames[index] : "?"; }

Result<DayHours> parse_day_hours(std::string_view text) {
  if (text == "closed") return DayHours{};
  const int open = text.size() == 11 && text[5] == '-' ? take_clock_minutes(text) : -1;
  const int close = open >= 0 ? take_clock_minutes(text.substr(6)) : -1;
  if (open < 0 || close <= open) {
    return invalid(R"(expected opening hours "HH:MM-HH:MM" (closing after opening) or "closed")");
  }
  return DayHours{true, open, close};
}

bool is_time_zone_name(std::string_view text) {
  if (text == "UTC") return true;
  const std::vector<std::string_view> parts = split(text, '/');
  if (parts.size() < 2 || text.size() > 64) return false;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (parts[i].empty()) return false;
    for (const char c : parts[i]) {
      const bool letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
      const bool other = is_digit(c) || c == '-' || c == '+';
      if (!letter && (i == 0 || !other)) return false;
    }
  }
  return true;
}

}  // namespace msgsim::harness
