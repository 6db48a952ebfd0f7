#include "sim/stack/wire/wire_time.h"

#include <limits>
#include <string>

namespace msgsim::stack {

namespace {
constexpr std::int64_t kNsPerMs = 1'000'000;
constexpr std::int64_t kRunStartUnixMs = kRunStartUnixSeconds * 1000;
}  // namespace

std::int64_t to_unix_ms(runtime::Time time) {
  // Floor division: a time just before the run's start belongs to the
  // previous millisecond, as a provider's clock would print it.
  std::int64_t ms = time.ns() / kNsPerMs;
  if (time.ns() % kNsPerMs < 0) --ms;
  return kRunStartUnixMs + ms;
}

runtime::Result<runtime::Time> from_unix_ms(std::int64_t unix_ms) {
  constexpr std::int64_t kLastMs = kRunStartUnixMs + std::numeric_limits<std::int64_t>::max() / kNsPerMs;
  if (unix_ms < 0 || unix_ms > kLastMs) {
    return runtime::Status(runtime::StatusCode::kInvalidInput,
                           "timestamp " + std::to_string(unix_ms) + " ms is outside 0 .. " + std::to_string(kLastMs));
  }
  return runtime::Time::from_ns((unix_ms - kRunStartUnixMs) * kNsPerMs);
}

}  // namespace msgsim::stack
