// The value syntax of the scenario format (spec/scenario-format.md, "Value
// syntax"): durations, rates, distributions, ISO dates and opening hours, read
// from text. Pure functions, any thread. A failure is a kInvalidInput Status
// whose message says only what was expected ("expected a duration such as
// ..."); the caller adds where the value was and what it got.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include "sim/harness/scenario.h"
#include "sim/runtime/distribution.h"
#include "sim/runtime/status.h"
#include "sim/runtime/time.h"

namespace msgsim::harness {

// Limits that keep every value representable and every run finite.
constexpr double kMaxDurationSeconds = 100.0 * 365.0 * 86400.0;  // 100 years
constexpr double kMaxCountParameter = 1e6;                         // count distributions
constexpr double kMaxRatePerSecond = 1e6;

// What a value of each syntax looks like, for "expected ..." messages.
constexpr std::string_view kDurationSyntax = R"(a duration such as "90s", "1h30m", "250ms" or a number of seconds)";
constexpr std::string_view kRateSyntax = R"(a rate > 0 such as "120/h", "2/m" or "0.5/s")";

// Parses a duration: number+unit groups with units d, h, m, s, ms, each at
// most once and largest first ("90s", "1h30m", "250ms", "1.5h"), or a bare
// non-negative number of seconds ("90", "0.25"). No spaces, no sign.
runtime::Result<runtime::Duration> parse_duration(std::string_view text);
// The same, in seconds (not rounded to nanoseconds).
runtime::Result<double> parse_duration_seconds(std::string_view text);
// A duration from a number of seconds: finite, >= 0 and at most 100 years.
runtime::Result<runtime::Duration> duration_from_seconds(double seconds);

// Parses "120/h", "2/m", "0.5/s", "3/d"; the rate must be > 0.
runtime::Result<Rate> parse_rate(std::string_view text);

// What a distribution's values measure: durations (parameters in seconds,
// written as durations) or counts (parameters are plain numbers).
enum class Quantity { kDuration, kCount };

// One written form of a distribution: "NAME(P1,P2)" and the object form
// {"dist": NAME, P1: .., P2: ..}. Parameter names are lowercase ("mean").
struct DistributionForm {
  runtime::DistributionKind kind;
  std::string_view name;
  std::span<const std::string_view> parameters;
  bool counts_only;
};

// The form called `name` usable for `quantity` ("constant" included), or null.
const DistributionForm* find_distribution_form(std::string_view name, Quantity quantity);
// The names of every form usable for `quantity` ("constant, exp, ..."), for messages.
std::string distribution_form_names(Quantity quantity);
// What a distribution of `quantity` looks like, for "expected ..." messages.
std::string distribution_syntax(Quantity quantity);
// One parameter written as text: "k" is an integer >= 1; the others are
// durations for kDuration and non-negative plain numbers for kCount.
runtime::Result<double> parse_distribution_parameter(std::string_view text, std::string_view parameter,
                                                     Quantity quantity);
// Checks the parameters (in the form's order) and builds the distribution:
// means > 0 (geometric >= 1, poisson >= 0), sd >= 0, low <= high, k >= 1.
runtime::Result<runtime::Distribution> make_distribution(const DistributionForm& form,
                                                         std::span<const double> parameters,
                                                         Quantity quantity);
// Parses the text form: a constant ("30s", "3") or "NAME(P1,P2)" with optional
// spaces around parameters.
runtime::Result<runtime::Distribution> parse_distribution(std::string_view text, Quantity quantity);
// A constant written as a JSON number: seconds for kDuration, a non-negative
// integer for kCount.
runtime::Result<runtime::Distribution> constant_distribution(double value, Quantity quantity);

// Days since 1970-01-01 of a proleptic Gregorian date (any year).
std::int64_t days_from_civil(std::int64_t year, int month, int day);
// Parses an ISO 8601 date "YYYY-MM-DD"; returns days since 1970-01-01.
runtime::Result<std::int64_t> parse_iso_date(std::string_view text);
// Parses "YYYY-MM-DDTHH:MM[:SS]" followed by "Z" or "+HH:MM" / "-HH:MM";
// returns Unix seconds (UTC).
runtime::Result<std::int64_t> parse_iso_date_time(std::string_view text);

// Parses a business-hours week key: a day ("mon" .. "sun") or a range of days
// in week order ("mon-fri"). Returns the first and last day, 0 = Monday.
runtime::Result<std::pair<int, int>> parse_day_range(std::string_view text);
// The short name of weekday `index` ("mon" for 0 .. "sun" for 6).
std::string_view day_name(int index);
// Parses opening hours "HH:MM-HH:MM" (close after open; "24:00" allowed as
// close) or "closed".
runtime::Result<DayHours> parse_day_hours(std::string_view text);
// True iff `text` is shaped like an IANA zone name ("Area/City", "UTC").
bool is_time_zone_name(std::string_view text);

}  // namespace msgsim::harness
