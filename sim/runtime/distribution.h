// The distributions of the scenario format, sampled portably: each sampler is
// ours, built only on RandomStream and <cmath>, never std::*_distribution.
// Parameters are the natural mean and standard deviation (not internal shape
// parameters). A Distribution is an immutable value; sampling mutates only
// the stream passed in.
#pragma once

#include <cstdint>
#include <string>

#include "sim/runtime/random.h"
#include "sim/runtime/time.h"

namespace msgsim::runtime {

enum class DistributionKind {
  kConstant,     // a: the value
  kExponential,  // a: mean
  kUniform,      // a: low, b: high
  kNormal,       // a: mean, b: sd; truncated at 0 (resampled, never negative)
  kLogNormal,    // a: mean, b: sd of the log-normal variable itself
  kGamma,        // a: mean, b: sd
  kErlang,       // k: shape (phases), a: mean of the sum
  kGeometric,    // counts: a: mean >= 1, support {1, 2, ...}
  kPoisson,      // counts: a: mean >= 0, support {0, 1, ...}
};

// A real-valued distribution. Durations use it with parameters in seconds.
class Distribution {
 public:
  Distribution() = default;  // constant 0
  static Distribution constant(double value);
  static Distribution exponential(double mean);
  static Distribution uniform(double low, double high);
  static Distribution normal(double mean, double sd);
  static Distribution lognormal(double mean, double sd);
  static Distribution gamma(double mean, double sd);
  static Distribution erlang(int k, double mean);
  static Distribution geometric(double mean);
  static Distribution poisson(double mean);

  // One draw. REQUIRES: parameters validated by the scenario loader
  // (means > 0 where a mean is needed, sd >= 0, low <= high, k >= 1).
  double sample(RandomStream& stream) const;
  // A draw as a Duration, for distributions whose parameters are seconds.
  // Never negative.
  Duration sample_duration(RandomStream& stream) const;
  // A draw rounded to a count (geometric and poisson are already integral).
  std::int64_t sample_count(RandomStream& stream) const;

  // Theoretical moments, used by tests and by the loader's sanity checks.
  double mean() const;
  double variance() const;

  DistributionKind kind() const { return kind_; }
  double a() const { return a_; }
  double b() const { return b_; }
  int k() const { return k_; }
  bool is_constant_zero() const { return kind_ == DistributionKind::kConstant && a_ == 0.0; }
  // Human-readable form, e.g. "exp(300)", used in messages.
  std::string describe() const;

 private:
  DistributionKind kind_ = DistributionKind::kConstant;
  double a_ = 0.0;
  double b_ = 0.0;
  int k_ = 1;
};

}  // namespace msgsim::runtime
