// Unix time on the wire. Providers stamp their events in Unix seconds or
// milliseconds; the simulation counts nanoseconds from its own t = 0. Every
// codec maps the run's t = 0 to one fixed instant, kRunStartUnixSeconds
// (2026-01-01T00:00:00Z), so encoded timestamps look like the platforms' and
// decode back exactly at the platform's precision (encoding rounds down).
// Decoding a timestamp outside what a Time can hold is kInvalidInput.
// Pure functions; any thread may call them.
#pragma once

#include <cstdint>
#include <limits>
#include <string>

#include "sim/runtime/status.h"
#include "sim/runtime/time.h"

namespace msgsim::stack {

constexpr std::int64_t kRunStartUnixSeconds = 1'767'225'600;  // 2026-01-01T00:00:00Z

// Unix milliseconds of `time`, rounded down.
std::int64_t to_unix_ms(runtime::Time time);
// The simulated instant of Unix milliseconds `unix_ms`; kInvalidInput when
// it is negative or beyond what a Time can hold.
runtime::Result<runtime::Time> from_unix_ms(std::int64_t unix_ms);

// The same at the precision of seconds (WhatsApp's timestamps).
inline std::int64_t to_unix_seconds(runtime::Time time) {
  const std::int64_t ms = to_unix_ms(time);
  return ms / 1000 - (ms % 1000 < 0 ? 1 : 0);
}
inline runtime::Result<runtime::Time> from_unix_seconds(std::int64_t unix_seconds) {
  if (unix_seconds < 0 || unix_seconds > std::numeric_limits<std::int64_t>::max() / 1000) {
    return runtime::Status(runtime::StatusCode::kInvalidInput,
                           "timestamp " + std::to_string(unix_seconds) + " s is out of range");
  }
  return from_unix_ms(unix_seconds * 1000);
}

}  // namespace msgsim::stack
