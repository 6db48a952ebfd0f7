#include "sim/stack/channels/business_hours.h"

#include <date/tz.h>

#include <algorithm>
#include <chrono>

namespace msgsim::stack {

using runtime::Status;
using runtime::StatusCode;

runtime::Result<BusinessHours> BusinessHours::create(const BusinessHoursSettings& settings, std::int64_t start_unix_s) {
  const date::time_zone* zone = nullptr;
  try {
    zone = date::locate_zone(settings.time_zone);
  } catch (const std::exception& error) {
    return Status(StatusCode::kInvalidInput,
                  "business hours " + settings.id + ": unknown time zone \"" + settings.time_zone + "\"");
  }
  std::vector<std::int32_t> holidays;
  for (const std::string& text : settings.holidays) {
    int y = 0;
    unsigned m = 0, d = 0;
    if (std::sscanf(text.c_str(), "%d-%u-%u", &y, &m, &d) != 3) {
      return Status(StatusCode::kInvalidInput, "business hours " + settings.id + ": bad holiday \"" + text + "\"");
    }
    const date::year_month_day ymd{date::year{y}, date::month{m}, date::day{d}};
    if (!ymd.ok()) return Status(StatusCode::kInvalidInput, "business hours " + settings.id + ": bad holiday \"" + text + "\"");
    holidays.push_back(static_cast<std::int32_t>(date::sys_days{ymd}.time_since_epoch().count()));
  }
  std::sort(holidays.begin(), holidays.end());
  return BusinessHours(settings, zone, std::move(holidays), start_unix_s);
}

BusinessHours::Local BusinessHours::local(runtime::Time at) const {
  using namespace std::chrono;
  const sys_seconds instant{seconds{start_unix_s_ + at.ns() / 1'000'000'000}};
  const auto local_time = zone_->to_local(instant);
  const auto day = date::floor<date::days>(local_time);
  const date::weekday weekday{day};
  Local out;
  out.day = static_cast<std::int32_t>(day.time_since_epoch().count());
  out.weekday = static_cast<int>((weekday.c_encoding() + 6) % 7);  // Monday = 0
  out.minute = static_cast<int>(duration_cast<minutes>(local_time - day).count());
  return out;
}

bool BusinessHours::open_on(const Local& local) const {
  if (std::binary_search(holidays_.begin(), holidays_.end(), local.day)) return false;
  const OpeningHours& hours = settings_.week[local.weekday];
  return hours.open && local.minute >= hours.open_minute && local.minute < hours.close_minute;
}

bool BusinessHours::is_open(runtime::Time at) const { return open_on(local(at)); }

// Walks forward minute by minute to the next opening: the boundary falls on a
// local minute, and minute steps stay exact across daylight-saving changes.
// Jumps whole closed days quickly by moving to the next local midnight.
runtime::Time BusinessHours::next_open(runtime::Time at) const {
  const runtime::Duration minute = runtime::Duration::minutes(1);
  const runtime::Time limit = at + runtime::Duration::hours(24 * 366 * 2);
  runtime::Time t = at;
  while (t < limit) {
    const Local here = local(t);
    if (open_on(here)) return t;
    const OpeningHours& hours = settings_.week[here.weekday];
    const bool holiday = std::binary_search(holidays_.begin(), holidays_.end(), here.day);
    if (!hours.open || holiday || here.minute >= hours.close_minute) {
      t = t + minute * (1440 - here.minute);  // to about the next local midnight
    } else {
      t = t + minute * (hours.open_minute - here.minute);
    }
    // Align to the start of a minute so an opening at hh:mm is found exactly.
    const std::int64_t into_minute = (start_unix_s_ * 1'000'000'000 + t.ns()) % minute.ns();
    if (into_minute != 0) t = t + (minute - runtime::Duration::nanoseconds(into_minute));
  }
  return runtime::Time::max();
}

}  // namespace msgsim::stack
