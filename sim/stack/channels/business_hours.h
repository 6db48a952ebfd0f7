// A channel's business hours: opening hours per weekday in an IANA time zone,
// and holidays (local dates) when it stays closed. Simulated time becomes
// local calendar time through the run's start instant (Unix seconds of t = 0)
// and the time zone database (Howard Hinnant's date/tz on the OS tzdb), so
// daylight-saving changes are honoured. Immutable after construction.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/runtime/status.h"
#include "sim/runtime/time.h"

namespace date {
class time_zone;
}

namespace msgsim::stack {

struct OpeningHours {
  bool open = false;
  int open_minute = 0;   // minutes after local midnight
  int close_minute = 0;  // exclusive; up to 1440
};

struct BusinessHoursSettings {
  std::string id;
  std::string time_zone;         // IANA name, e.g. "America/New_York"
  OpeningHours week[7];          // index 0 = Monday
  std::vector<std::string> holidays;  // "YYYY-MM-DD", local
};

class BusinessHours {
 public:
  // Fails (kInvalidInput) for a time zone the database does not know or a
  // malformed holiday.
  static runtime::Result<BusinessHours> create(const BusinessHoursSettings& settings, std::int64_t start_unix_s);

  bool is_open(runtime::Time at) const;
  // The first instant at or after `at` when the channel is open; Time::max()
  // when it never opens (within two years).
  runtime::Time next_open(runtime::Time at) const;
  const std::string& id() const { return settings_.id; }

 private:
  BusinessHours(BusinessHoursSettings settings, const date::time_zone* zone, std::vector<std::int32_t> holidays,
                std::int64_t start_unix_s)
      : settings_(std::move(settings)), zone_(zone), holidays_(std::move(holidays)), start_unix_s_(start_unix_s) {}
  struct Local {
    std::int32_t day;     // days since 1970-01-01, local
    int weekday;          // 0 = Monday
    int minute;           // minutes after local midnight
  };
  Local local(runtime::Time at) const;
  bool open_on(const Local& local) const;

  BusinessHoursSettings settings_;
  const date::time_zone* zone_;
  std::vector<std::int32_t> holidays_;  // local days since the epoch, sorted
  std::int64_t start_unix_s_;
};

}  // namespace msgsim::stack
