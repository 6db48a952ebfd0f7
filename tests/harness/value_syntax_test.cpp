#include "sim/harness/value_syntax.h"

#include <gtest/gtest.h>

#include <string>

namespace msgsim::harness {
namespace {

using runtime::DistributionKind;
using runtime::Duration;

double seconds_of(std::string_view text) {
  const runtime::Result<Duration> duration = parse_duration(text);
  EXPECT_TRUE(duration.is_ok()) << text << ": " << (duration.is_ok() ? "" : duration.status().message());
  return duration.is_ok() ? duration.value().to_seconds() : -1.0;
}

bool duration_rejected(std::string_view text) {
  const runtime::Result<Duration> duration = parse_duration(text);
  if (duration.is_ok()) return false;
  EXPECT_NE(duration.status().message().find("duration"), std::string::npos) << duration.status().message();
  return true;
}

runtime::Distribution distribution(std::string_view text, Quantity quantity) {
  runtime::Result<runtime::Distribution> parsed = parse_distribution(text, quantity);
  EXPECT_TRUE(parsed.is_ok()) << text << ": " << (parsed.is_ok() ? "" : parsed.status().message());
  return parsed.is_ok() ? parsed.value() : runtime::Distribution();
}

// The message of a rejected distribution text; "" when it was accepted.
std::string distribution_problem(std::string_view text, Quantity quantity) {
  const runtime::Result<runtime::Distribution> parsed = parse_distribution(text, quantity);
  return parsed.is_ok() ? "" : parsed.status().message();
}

// Durations are number+unit groups, largest unit first, or bare seconds.
TEST(ValueSyntax, DurationsAreUnitGroupsOrBareSeconds) {
  EXPECT_DOUBLE_EQ(seconds_of("90s"), 90.0);
  EXPECT_DOUBLE_EQ(seconds_of("1h30m"), 5400.0);
  EXPECT_DOUBLE_EQ(seconds_of("250ms"), 0.25);
  EXPECT_DOUBLE_EQ(seconds_of("2d"), 172800.0);
  EXPECT_DOUBLE_EQ(seconds_of("1.5h"), 5400.0);
  EXPECT_DOUBLE_EQ(seconds_of("1d2h3m4s5ms"), 93784.005);
  EXPECT_DOUBLE_EQ(seconds_of("0"), 0.0);
  EXPECT_DOUBLE_EQ(seconds_of("0.25"), 0.25);
  EXPECT_EQ(parse_duration("1m").value(), Duration::minutes(1));
}

// Anything else is refused with a message that says a duration was expected.
TEST(ValueSyntax, MalformedDurationsAreRefusedNamingDurations) {
  for (const char* text : {"1 hour", "", "-5s", "30m1h", "1m30m", "1h 30m", "5.s", "h", "1e3s", "90S", "nan",
                           "inf", "1sec", "0x10s"}) {
    EXPECT_TRUE(duration_rejected(text)) << text;
  }
}

// Durations stay representable: at most 100 years, finite and non-negative.
TEST(ValueSyntax, DurationsAreBoundedToOneHundredYears) {
  EXPECT_TRUE(parse_duration("36500d").is_ok());
  EXPECT_FALSE(parse_duration("36501d").is_ok());
  EXPECT_FALSE(parse_duration("99999999999999999999999999999s").is_ok());
  EXPECT_TRUE(duration_from_seconds(1.5).is_ok());
  EXPECT_FALSE(duration_from_seconds(-1.0).is_ok());
  EXPECT_FALSE(duration_from_seconds(std::numeric_limits<double>::quiet_NaN()).is_ok());
  EXPECT_FALSE(duration_from_seconds(std::numeric_limits<double>::infinity()).is_ok());
  EXPECT_FALSE(duration_from_seconds(1e300).is_ok());
}

// Rates are a positive count per second, minute, hour or day.
TEST(ValueSyntax, RatesAreCountsPerUnitOfTime) {
  EXPECT_DOUBLE_EQ(parse_rate("120/h").value().per_second, 120.0 / 3600.0);
  EXPECT_DOUBLE_EQ(parse_rate("2/m").value().per_second, 2.0 / 60.0);
  EXPECT_DOUBLE_EQ(parse_rate("0.5/s").value().per_second, 0.5);
  EXPECT_DOUBLE_EQ(parse_rate("3/d").value().per_second, 3.0 / 86400.0);
  for (const char* text : {"0/h", "120/hour", "120", "/h", "-1/s", "1/ms", "120 /h", "10 per hour", "2000000/s"}) {
    EXPECT_FALSE(parse_rate(text).is_ok()) << text;
  }
}

// Every distribution form reads its natural parameters, durations in seconds.
TEST(ValueSyntax, DistributionsReadTheirNaturalParameters) {
  const runtime::Distribution exp = distribution("exp(5m)", Quantity::kDuration);
  EXPECT_EQ(exp.kind(), DistributionKind::kExponential);
  EXPECT_DOUBLE_EQ(exp.a(), 300.0);
  const runtime::Distribution lognormal = distribution("lognormal(40s, 20s)", Quantity::kDuration);
  EXPECT_EQ(lognormal.kind(), DistributionKind::kLogNormal);
  EXPECT_DOUBLE_EQ(lognormal.a(), 40.0);
  EXPECT_DOUBLE_EQ(lognormal.b(), 20.0);
  const runtime::Distribution erlang = distribution("erlang(3,30s)", Quantity::kDuration);
  EXPECT_EQ(erlang.kind(), DistributionKind::kErlang);
  EXPECT_EQ(erlang.k(), 3);
  EXPECT_DOUBLE_EQ(erlang.a(), 30.0);
  EXPECT_EQ(distribution("uniform(1s,2s)", Quantity::kDuration).kind(), DistributionKind::kUniform);
  EXPECT_EQ(distribution("normal(1m,0s)", Quantity::kDuration).kind(), DistributionKind::kNormal);
  EXPECT_EQ(distribution("gamma(5m,2m)", Quantity::kDuration).kind(), DistributionKind::kGamma);
  EXPECT_EQ(distribution("exp(300)", Quantity::kDuration).a(), 300.0);
  const runtime::Distribution constant = distribution("30s", Quantity::kDuration);
  EXPECT_EQ(constant.kind(), DistributionKind::kConstant);
  EXPECT_DOUBLE_EQ(constant.a(), 30.0);
}

// Counts take plain numbers, integer constants and the count-only forms.
TEST(ValueSyntax, CountDistributionsTakePlainNumbers) {
  EXPECT_EQ(distribution("geometric(4)", Quantity::kCount).kind(), DistributionKind::kGeometric);
  EXPECT_EQ(distribution("poisson(0)", Quantity::kCount).kind(), DistributionKind::kPoisson);
  EXPECT_DOUBLE_EQ(distribution("3", Quantity::kCount).a(), 3.0);
  EXPECT_DOUBLE_EQ(distribution("exp(2.5)", Quantity::kCount).a(), 2.5);
  EXPECT_NE(distribution_problem("2.5", Quantity::kCount), "");
  EXPECT_NE(distribution_problem("exp(5m)", Quantity::kCount), "");
  EXPECT_NE(distribution_problem("geometric(4)", Quantity::kDuration), "");
  EXPECT_NE(distribution_problem("poisson(2000000)", Quantity::kCount), "");
  EXPECT_TRUE(constant_distribution(1.0, Quantity::kCount).is_ok());
  EXPECT_FALSE(constant_distribution(1.5, Quantity::kCount).is_ok());
  EXPECT_FALSE(constant_distribution(-1.0, Quantity::kDuration).is_ok());
}

// Parameters outside a distribution's domain are refused, naming the rule.
TEST(ValueSyntax, DistributionParametersAreChecked) {
  EXPECT_NE(distribution_problem("exp(0s)", Quantity::kDuration).find("MEAN > 0"), std::string::npos);
  EXPECT_NE(distribution_problem("uniform(2s,1s)", Quantity::kDuration).find("LOW <= HIGH"), std::string::npos);
  EXPECT_NE(distribution_problem("erlang(0,1s)", Quantity::kDuration).find("K"), std::string::npos);
  EXPECT_NE(distribution_problem("erlang(1.5,1s)", Quantity::kDuration), "");
  EXPECT_NE(distribution_problem("lognormal(0s,1s)", Quantity::kDuration).find("MEAN > 0"), std::string::npos);
  EXPECT_NE(distribution_problem("geometric(0.5)", Quantity::kCount).find("MEAN >= 1"), std::string::npos);
  EXPECT_NE(distribution_problem("exp(1s,2s)", Quantity::kDuration).find("1 parameter"), std::string::npos);
  EXPECT_NE(distribution_problem("exp(5 min)", Quantity::kDuration).find("duration"), std::string::npos);
  for (const char* text : {"exp(5m", "weibull(1s,2s)", "(5s)", "exp()", "exp(5m))", "5 min"}) {
    EXPECT_NE(distribution_problem(text, Quantity::kDuration).find("duration"), std::string::npos) << text;
  }
}

// The object form's parameters are checked by the same rules as the text form.
TEST(ValueSyntax, ObjectFormSharesTheTextFormsRules) {
  const DistributionForm* form = find_distribution_form("lognormal", Quantity::kDuration);
  ASSERT_NE(form, nullptr);
  ASSERT_EQ(form->parameters.size(), 2u);
  EXPECT_EQ(form->parameters[1], "sd");
  const double good[] = {30.0, 10.0};
  EXPECT_TRUE(make_distribution(*form, good, Quantity::kDuration).is_ok());
  const double bad[] = {30.0, -1.0};
  EXPECT_FALSE(make_distribution(*form, bad, Quantity::kDuration).is_ok());
  EXPECT_EQ(find_distribution_form("poisson", Quantity::kDuration), nullptr);
  EXPECT_NE(find_distribution_form("poisson", Quantity::kCount), nullptr);
}

// Civil dates map to the same day numbers as Unix time.
TEST(ValueSyntax, CivilDatesCountDaysFromTheUnixEpoch) {
  EXPECT_EQ(days_from_civil(1970, 1, 1), 0);
  EXPECT_EQ(days_from_civil(2000, 3, 1), 11017);
  EXPECT_EQ(days_from_civil(1969, 12, 31), -1);
  EXPECT_EQ(days_from_civil(2026, 1, 5), 20458);
  EXPECT_EQ(parse_iso_date("2024-02-29").value(), days_from_civil(2024, 2, 29));
  for (const char* text : {"2023-02-29", "2026-13-01", "2026-00-10", "2026-1-5", "2026-01-32", "20260105"}) {
    EXPECT_FALSE(parse_iso_date(text).is_ok()) << text;
  }
}

// Date-times need an offset and convert to UTC Unix seconds.
TEST(ValueSyntax, DateTimesWithOffsetsBecomeUnixSeconds) {
  EXPECT_EQ(parse_iso_date_time("2026-01-05T09:00:00Z").value(), 1767603600);
  EXPECT_EQ(parse_iso_date_time("2026-01-05T09:00Z").value(), 1767603600);
  EXPECT_EQ(parse_iso_date_time("2026-01-05T04:00:00-05:00").value(), 1767603600);
  EXPECT_EQ(parse_iso_date_time("2026-01-05T14:30:00+05:30").value(), 1767603600);
  EXPECT_EQ(parse_iso_date_time("1970-01-01T00:00:01Z").value(), 1);
  for (const char* text : {"2026-01-05T09:00:00", "2026-01-05 09:00:00Z", "2026-01-05T24:00:00Z",
                           "2026-01-05T09:60:00Z", "2026-01-05T09:00:00+5:00", "2026-02-30T09:00:00Z", "today"}) {
    EXPECT_FALSE(parse_iso_date_time(text).is_ok()) << text;
  }
}

// Week keys are days or ranges in week order; Monday is day 0.
TEST(ValueSyntax, WeekKeysAreDaysOrRangesInWeekOrder) {
  EXPECT_EQ(parse_day_range("mon-fri").value(), std::make_pair(0, 4));
  EXPECT_EQ(parse_day_range("sat-sun").value(), std::make_pair(5, 6));
  EXPECT_EQ(parse_day_range("sun").value(), std::make_pair(6, 6));
  for (const char* text : {"fri-mon", "monday", "Mon", "mon-", "-fri", "mon-tue-wed"}) {
    EXPECT_FALSE(parse_day_range(text).is_ok()) << text;
  }
  EXPECT_EQ(day_name(0), "mon");
  EXPECT_EQ(day_name(6), "sun");
}

// Opening hours are one interval that closes after it opens, or "closed".
TEST(ValueSyntax, OpeningHoursAreOneIntervalOrClosed) {
  const DayHours hours = parse_day_hours("08:00-20:00").value();
  EXPECT_TRUE(hours.open);
  EXPECT_EQ(hours.open_minute, 480);
  EXPECT_EQ(hours.close_minute, 1200);
  EXPECT_EQ(parse_day_hours("00:00-24:00").value().close_minute, 1440);
  EXPECT_FALSE(parse_day_hours("closed").value().open);
  for (const char* text : {"20:00-08:00", "8:00-20:00", "08:00-08:00", "24:00-24:00", "08:00", "open", "08:00-25:00"}) {
    EXPECT_FALSE(parse_day_hours(text).is_ok()) << text;
  }
}

// Time zones are shaped like IANA names; no database is consulted.
TEST(ValueSyntax, TimeZonesAreShapedLikeIanaNames) {
  for (const char* zone : {"America/New_York", "UTC", "America/Argentina/Buenos_Aires", "Etc/GMT+5", "Europe/Paris"}) {
    EXPECT_TRUE(is_time_zone_name(zone)) << zone;
  }
  for (const char* zone : {"", "New York", "America/", "/Paris", "Mars", "America//X", "1/2"}) {
    EXPECT_FALSE(is_time_zone_name(zone)) << zone;
  }
}

}  // namespace
}  // namespace msgsim::harness
