// A mergeable log-linear histogram of non-negative durations (nanoseconds).
// Values below 64 ns are exact; above, each power of two is split into 64
// equal buckets, so a reported percentile (the bucket's midpoint, clamped to
// the exact min and max) is within 0.8% of a true sample value. Count, sum,
// min and max are exact, so the mean is exact. Merging adds bucket counts:
// shards and replications merge exactly. Not thread-safe.
#pragma once

#include <cstdint>
#include <vector>

namespace msgsim::harness {

class Histogram {
 public:
  void record(std::int64_t value_ns);
  void merge(const Histogram& other);

  std::uint64_t count() const { return count_; }
  double mean_ns() const;
  std::int64_t min_ns() const { return count_ ? min_ns_ : 0; }
  std::int64_t max_ns() const { return count_ ? max_ns_ : 0; }
  // The value at quantile q in [0, 1] (nearest rank); 0 when empty.
  double quantile_ns(double q) const;

  static std::uint32_t bucket_of(std::int64_t value_ns);
  static double bucket_midpoint(std::uint32_t bucket);

 private:
  std::vector<std::uint64_t> buckets_;  // grown on demand up to the highest bucket used
  std::uint64_t count_ = 0;
  long double sum_ns_ = 0;
  std::int64_t min_ns_ = 0;
  std::int64_t max_ns_ = 0;
};

}  // namespace msgsim::harness
