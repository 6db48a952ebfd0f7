#include "sim/harness/histogram.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace msgsim::harness {
namespace {

// Every recorded value's bucket midpoint is within 1% of the value.
TEST(Histogram, BucketMidpointIsWithinOnePercent) {
  for (std::int64_t v = 1; v < 4'000'000'000'000'000'000; v = v * 3 / 2 + 7) {
    const double mid = Histogram::bucket_midpoint(Histogram::bucket_of(v));
    ASSERT_LE(std::abs(mid - static_cast<double>(v)) / static_cast<double>(v), 0.01) << v;
  }
}

// Quantiles are within 1% of the exact order statistics; count, mean and max are exact.
TEST(Histogram, QuantilesMatchExactOrderStatistics) {
  Histogram histogram;
  std::vector<std::int64_t> values;
  std::uint64_t x = 12345;
  for (int i = 0; i < 50000; ++i) {
    x = x * 6364136223846793005ull + 1442695040888963407ull;
    const auto v = static_cast<std::int64_t>((x >> 20) % 600'000'000'000ull);
    values.push_back(v);
    histogram.record(v);
  }
  std::sort(values.begin(), values.end());
  double sum = 0;
  for (auto v : values) sum += static_cast<double>(v);
  EXPECT_EQ(histogram.count(), values.size());
  EXPECT_NEAR(histogram.mean_ns(), sum / static_cast<double>(values.size()), 1.0);
  EXPECT_EQ(histogram.max_ns(), values.back());
  for (double q : {0.5, 0.9, 0.95, 0.99}) {
    const auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(values.size()))) - 1;
    const double exact = static_cast<double>(values[rank]);
    EXPECT_LE(std::abs(histogram.quantile_ns(q) - exact) / exact, 0.01) << q;
  }
}

// Merging two histograms equals recording everything into one.
TEST(Histogram, MergeEqualsRecordingTogether) {
  Histogram a, b, all;
  for (std::int64_t v = 0; v < 100000; v += 37) {
    (v % 2 ? a : b).record(v * 1000);
    all.record(v * 1000);
  }
  a.merge(b);
  EXPECT_EQ(a.count(), all.count());
  EXPECT_EQ(a.mean_ns(), all.mean_ns());
  EXPECT_EQ(a.min_ns(), all.min_ns());
  EXPECT_EQ(a.max_ns(), all.max_ns());
  for (double q : {0.1, 0.5, 0.99}) EXPECT_EQ(a.quantile_ns(q), all.quantile_ns(q));
}

// Zero latencies are exact and an empty histogram reports zeros.
TEST(Histogram, ZeroAndEmpty) {
  Histogram empty;
  EXPECT_EQ(empty.quantile_ns(0.5), 0.0);
  EXPECT_EQ(empty.mean_ns(), 0.0);
  Histogram zeros;
  for (int i = 0; i < 10; ++i) zeros.record(0);
  EXPECT_EQ(zeros.quantile_ns(0.99), 0.0);
}

}  // namespace
}  // namespace msgsim::harness
