#include "sim/stack/channels/business_hours.h"

#include <gtest/gtest.h>

namespace msgsim::stack {
namespace {

using runtime::Duration;
using runtime::Time;

constexpr std::int64_t kMonday2026_01_05_0900Z = 1767603600;

BusinessHoursSettings new_york_weekdays() {
  BusinessHoursSettings settings;
  settings.id = "us-east";
  settings.time_zone = "America/New_York";
  for (int day = 0; day < 5; ++day) settings.week[day] = OpeningHours{true, 8 * 60, 20 * 60};
  settings.week[5] = OpeningHours{true, 10 * 60, 16 * 60};
  return settings;
}

Time at_hours(double h) { return Time::at(Duration::from_seconds(h * 3600.0)); }

// Local time follows the zone: 09:00Z on a winter Monday is 04:00 in New York, before opening at 08:00.
TEST(BusinessHours, LocalTimeFollowsTheTimeZone) {
  auto made = BusinessHours::create(new_york_weekdays(), kMonday2026_01_05_0900Z);
  ASSERT_TRUE(made.is_ok());
  const BusinessHours& hours = made.value();
  EXPECT_FALSE(hours.is_open(Time::zero()));
  EXPECT_EQ(hours.next_open(Time::zero()), at_hours(4.0));
  EXPECT_TRUE(hours.is_open(at_hours(4.0)));
  EXPECT_TRUE(hours.is_open(at_hours(15.99)));
  EXPECT_FALSE(hours.is_open(at_hours(16.0)));  // 20:00 local
}

// Saturday has short hours and Sunday is closed: Saturday 16:00 local next opens Monday 08:00.
TEST(BusinessHours, ClosedDaysAreSkipped) {
  auto made = BusinessHours::create(new_york_weekdays(), kMonday2026_01_05_0900Z);
  ASSERT_TRUE(made.is_ok());
  // Saturday 2026-01-10 16:00 EST = 21:00Z, 5 days and 12 hours after t = 0.
  const Time saturday_close = at_hours(5 * 24 + 12);
  EXPECT_FALSE(made.value().is_open(saturday_close));
  EXPECT_EQ(made.value().next_open(saturday_close), at_hours(7 * 24 + 4));  // Monday 08:00 EST
}

// Opening follows local time across the daylight-saving change (2026-03-08 in the US).
TEST(BusinessHours, DaylightSavingMovesTheOpeningInUtc) {
  auto made = BusinessHours::create(new_york_weekdays(), kMonday2026_01_05_0900Z);
  ASSERT_TRUE(made.is_ok());
  // Monday 2026-03-09 is 63 days after t = 0; 08:00 EDT = 12:00Z = t0 + 63 d + 3 h.
  const Time before = at_hours(63 * 24);
  EXPECT_EQ(made.value().next_open(before), at_hours(63 * 24 + 3));
}

// A holiday keeps the channel closed all day.
TEST(BusinessHours, HolidaysStayClosed) {
  BusinessHoursSettings settings = new_york_weekdays();
  settings.holidays = {"2026-01-05"};
  auto made = BusinessHours::create(settings, kMonday2026_01_05_0900Z);
  ASSERT_TRUE(made.is_ok());
  EXPECT_FALSE(made.value().is_open(at_hours(6)));
  EXPECT_EQ(made.value().next_open(Time::zero()), at_hours(24 + 4));  // Tuesday 08:00 EST
}

// An unknown time zone is refused with its name.
TEST(BusinessHours, UnknownTimeZoneIsRefused) {
  BusinessHoursSettings settings = new_york_weekdays();
  settings.time_zone = "Mars/Olympus_Mons";
  auto made = BusinessHours::create(settings, kMonday2026_01_05_0900Z);
  ASSERT_FALSE(made.is_ok());
  EXPECT_NE(made.status().message().find("Mars/Olympus_Mons"), std::string::npos);
}

// Hours that never open give no opening time.
TEST(BusinessHours, NeverOpenGivesNoOpening) {
  BusinessHoursSettings settings;
  settings.id = "never";
  settings.time_zone = "UTC";
  auto made = BusinessHours::create(settings, kMonday2026_01_05_0900Z);
  ASSERT_TRUE(made.is_ok());
  EXPECT_EQ(made.value().next_open(Time::zero()), Time::max());
}

}  // namespace
}  // namespace msgsim::stack
