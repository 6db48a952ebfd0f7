// ISO-8601 UTC timestamps convert to Unix milliseconds and back, and every
// malformed or impossible date is refused.
#include "sim/stack/wire/iso8601_time.h"

#include <gtest/gtest.h>

namespace msgsim::stack {
namespace {

TEST(Iso8601Time, ParsesAndFormatsKnownInstants) {
  EXPECT_EQ(parse_iso8601_ms("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(parse_iso8601_ms("2026-01-01T00:00:00Z"), 1'767'225'600'000);
  EXPECT_EQ(parse_iso8601_ms("2026-01-01T00:00:00.5Z"), 1'767'225'600'500);
  EXPECT_EQ(parse_iso8601_ms("2026-01-01T00:00:00.123456789+00:00"), 1'767'225'600'123);
  EXPECT_EQ(parse_iso8601_ms("2024-02-29T23:59:59.999Z"), 1'709'251'199'999);
  EXPECT_EQ(format_iso8601_ms(1'767'225'600'250), "2026-01-01T00:00:00.250Z");
  EXPECT_EQ(format_iso8601_ms(1'709'251'199'999), "2024-02-29T23:59:59.999Z");
}

TEST(Iso8601Time, FormatThenParseIsTheIdentity) {
  for (std::int64_t ms = 0; ms < 253'402'300'800'000; ms += 77'777'777'777) {
    EXPECT_EQ(parse_iso8601_ms(format_iso8601_ms(ms)), ms);
  }
}

TEST(Iso8601Time, RefusesMalformedAndImpossibleDates) {
  for (const char* text : {"", "2026-01-01", "2026-01-01T00:00:00", "2026-01-01 00:00:00Z", "2026-13-01T00:00:00Z",
                           "2025-02-29T00:00:00Z", "2026-01-01T24:00:00Z", "2026-01-01T00:60:00Z",
                           "2026-01-01T00:00:00.Z", "2026-01-01T00:00:00.1234567890Z", "2026-01-01T00:00:00+01:00",
                           "1969-12-31T23:59:59Z", "2026-1-01T00:00:00Z", "+2026-01-01T00:00:00Z"}) {
    EXPECT_FALSE(parse_iso8601_ms(text).has_value()) << text;
  }
}

}  // namespace
}  // namespace msgsim::stack
