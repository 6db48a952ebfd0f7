// The run starts at 2026-01-01T00:00:00Z on every provider's clock; Unix
// milliseconds and run time convert exactly both ways, and out-of-range
// timestamps are refused.
#include "sim/stack/wire/wire_time.h"

#include <gtest/gtest.h>

#include <limits>

namespace msgsim::stack {
namespace {

TEST(WireTime, RunStartIsNewYear2026) {
  EXPECT_EQ(to_unix_ms(runtime::Time::zero()), 1'767'225'600'000);
  EXPECT_EQ(from_unix_ms(1'767'225'600'000).value(), runtime::Time::zero());
}

TEST(WireTime, MillisecondsRoundTripBothWays) {
  for (const std::int64_t ms : {std::int64_t{0}, std::int64_t{1}, std::int64_t{1'767'225'599'999},
                                std::int64_t{1'767'225'600'001}, std::int64_t{1'800'000'000'123}}) {
    EXPECT_EQ(to_unix_ms(from_unix_ms(ms).value()), ms);
  }
  // Sub-millisecond times round down, before the start too.
  EXPECT_EQ(to_unix_ms(runtime::Time::from_ns(1'999'999)), 1'767'225'600'001);
  EXPECT_EQ(to_unix_ms(runtime::Time::from_ns(-1)), 1'767'225'599'999);
}

TEST(WireTime, RefusesTimestampsOutsideRunTime) {
  for (const std::int64_t ms : {std::int64_t{-1}, std::numeric_limits<std::int64_t>::max(),
                                std::int64_t{1'767'225'600'000} + std::numeric_limits<std::int64_t>::max() / 1'000'000 + 1}) {
    const auto time = from_unix_ms(ms);
    ASSERT_FALSE(time.is_ok()) << ms;
    EXPECT_EQ(time.status().code(), runtime::StatusCode::kInvalidInput);
  }
}

}  // namespace
}  // namespace msgsim::stack
