#include "sim/harness/histogram.h"

#include <algorithm>
#include <bit>
#include <cmath>

#include "sim/runtime/check.h"

namespace msgsim::harness {

namespace {
constexpr int kSubBits = 6;
constexpr std::uint64_t kSub = 1u << kSubBits;  // buckets per power of two
}  // namespace

std::uint32_t Histogram::bucket_of(std::int64_t value_ns) {
  const auto v = static_cast<std::uint64_t>(value_ns);
  if (v < kSub) return static_cast<std::uint32_t>(v);
  const int exponent = static_cast<int>(std::bit_width(v)) - 1;  // >= kSubBits
  const std::uint64_t sub = (v >> (exponent - kSubBits)) - kSub;
  return static_cast<std::uint32_t>(kSub + static_cast<std::uint64_t>(exponent - kSubBits) * kSub + sub);
}

double Histogram::bucket_midpoint(std::uint32_t bucket) {
  if (bucket < kSub) return static_cast<double>(bucket);
  const std::uint64_t group = (bucket - kSub) / kSub;
  const std::uint64_t sub = (bucket - kSub) % kSub;
  const int shift = static_cast<int>(group);
  const double low = std::ldexp(static_cast<double>(kSub + sub), shift);
  const double width = std::ldexp(1.0, shift);
  return low + width / 2.0;
}

void Histogram::record(std::int64_t value_ns) {
  MSGSIM_CHECK(value_ns >= 0);
  const std::uint32_t bucket = bucket_of(value_ns);
  if (bucket >= buckets_.size()) buckets_.resize(bucket + 1, 0);
  ++buckets_[bucket];
  if (count_ == 0 || value_ns < min_ns_) min_ns_ = value_ns;
  if (count_ == 0 || value_ns > max_ns_) max_ns_ = value_ns;
  ++count_;
  sum_ns_ += static_cast<long double>(value_ns);
}

void Histogram::merge(const Histogram& other) {
  if (other.count_ == 0) return;
  if (other.buckets_.size() > buckets_.size()) buckets_.resize(other.buckets_.size(), 0);
  for (std::size_t i = 0; i < other.buckets_.size(); ++i) buckets_[i] += other.buckets_[i];
  min_ns_ = count_ == 0 ? other.min_ns_ : std::min(min_ns_, other.min_ns_);
  max_ns_ = count_ == 0 ? other.max_ns_ : std::max(max_ns_, other.max_ns_);
  count_ += other.count_;
  sum_ns_ += other.sum_ns_;
}

double Histogram::mean_ns() const {
  return count_ == 0 ? 0.0 : static_cast<double>(sum_ns_ / static_cast<long double>(count_));
}

double Histogram::quantile_ns(double q) const {
  if (count_ == 0) return 0.0;
  q = std::clamp(q, 0.0, 1.0);
  auto rank = static_cast<std::uint64_t>(std::ceil(q * static_cast<double>(count_)));
  rank = std::max<std::uint64_t>(rank, 1);
  std::uint64_t seen = 0;
  for (std::size_t i = 0; i < buckets_.size(); ++i) {
    seen += buckets_[i];
    if (seen >= rank) {
      const double mid = bucket_midpoint(static_cast<std::uint32_t>(i));
      return std::clamp(mid, static_cast<double>(min_ns_), static_cast<double>(max_ns_));
    }
  }
  return static_cast<double>(max_ns_);
}

}  // namespace msgsim::harness
