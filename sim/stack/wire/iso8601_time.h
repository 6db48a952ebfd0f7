// UTC timestamps as ISO-8601 text ("2026-01-01T00:00:01.250Z"), the form
// JSON APIs print dates in, to and from Unix milliseconds. Parsing is
// strict: four-digit year 1970..9999, 'T', hours, minutes, seconds, an
// optional fraction of 1 to 9 digits (cut to the millisecond), and 'Z' or
// "+00:00". Pure functions; any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace msgsim::stack {

// REQUIRES: 0 <= unix_ms < 253402300800000 (years 1970..9999).
std::string format_iso8601_ms(std::int64_t unix_ms);
// Unix milliseconds of `text`, or nullopt when it is not such a timestamp.
std::optional<std::int64_t> parse_iso8601_ms(std::string_view text);

}  // namespace msgsim::stack
