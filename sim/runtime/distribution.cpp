#include "sim/runtime/distribution.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>

#include "sim/runtime/check.h"

// Draw consumption, which decides how a stream advances:
// - constant: none. Degenerate shapes return their value without drawing as
//   well: normal, lognormal and gamma with sd == 0, geometric with mean <= 1,
//   poisson with mean <= 0.
// - exponential, uniform, geometric: exactly one draw.
// - erlang(k): exactly k draws.
// - normal, lognormal: two per Box–Muller normal; the truncated normal and the
//   gamma and poisson (mean >= 30) samplers reject, so they use a random,
//   geometrically bounded number of draws; poisson below 30 uses one draw per
//   unit of the result plus one.
// Only <cmath> functions are used, so results match across standard libraries
// up to the last-bit accuracy of their log/exp/cos implementations.

namespace msgsim::runtime {
namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kTwoPi = 2.0 * kPi;
constexpr double kInvSqrtTwoPi = 0.39894228040143267794;
constexpr double kInvSqrtTwo = 0.70710678118654752440;
// Every rejection loop below accepts with probability above 1/2 per try, so
// reaching this many tries has probability below 2^-1000: it means a broken
// stream or corrupt parameters, not bad luck.
constexpr int kRejectionTriesMax = 1000;
// Below this mean Knuth's product method is fast and exact; above it PTRS is.
constexpr double kPoissonPtrsMeanMin = 30.0;
// Largest sample that still fits the integer results (Duration ns, counts).
constexpr double kDurationSecondsMax = 9.2e9;
constexpr double kCountMax = 9.2e18;

// One standard normal by Box–Muller. The second value of the pair is dropped
// so that a Distribution stays a stateless value.
double standard_normal(RandomStream& stream) {
  const double u1 = stream.next_double_open_zero();  // log(u1) is finite
  const double u2 = stream.next_double();
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(kTwoPi * u2);
}

// A standard normal conditioned on z >= alpha.
double truncated_standard_normal(RandomStream& stream, double alpha) {
  if (alpha <= 0.0) {
    // At least half the mass is kept, so plain resampling accepts with
    // probability Phi(-alpha) >= 1/2 per try.
    for (int tries = 0; tries < kRejectionTriesMax; ++tries) {
      const double z = standard_normal(stream);
      if (z >= alpha) return z;
    }
  } else {
    // Tail: Robert (1995), an exponential proposal shifted to alpha with the
    // optimal rate; exact, and accepts with probability above 0.76 for every
    // alpha > 0, where resampling would almost never succeed far out.
    const double rate = 0.5 * (alpha + std::sqrt(alpha * alpha + 4.0));
    for (int tries = 0; tries < kRejectionTriesMax; ++tries) {
      const double z = alpha - std::log(stream.next_double_open_zero()) / rate;
      const double gap = z - rate;
      if (stream.next_double() < std::exp(-0.5 * gap * gap)) return z;
    }
  }
  MSGSIM_CHECK_MSG(false, "truncated normal sampler exceeded its rejection limit");
  return alpha;
}

// phi(alpha) / (1 - Phi(alpha)): the mean of a standard normal truncated to
// [alpha, inf).
double upper_inverse_mills_ratio(double alpha) {
  if (alpha < 30.0) {
    const double density = kInvSqrtTwoPi * std::exp(-0.5 * alpha * alpha);
    return density / (0.5 * std::erfc(alpha * kInvSqrtTwo));
  }
  // Far in the tail both terms underflow; Laplace's continued fraction
  // (1 - Phi)/phi = 1/(a + 1/(a + 2/(a + 3/(a + ...)))) converges in a few
  // terms there.
  double fraction = alpha;
  for (int n = 40; n >= 1; --n) fraction = alpha + n / fraction;
  return fraction;
}

// Moments of N(mean, sd^2) conditioned on being >= 0 (Johnson, Kotz and
// Balakrishnan, ch. 13): with alpha = -mean/sd and lambda the inverse Mills
// ratio, E = mean + sd*lambda, Var = sd^2 (1 + alpha*lambda - lambda^2).
double truncated_normal_mean(double mean, double sd) {
  if (sd == 0.0) return std::max(mean, 0.0);
  return mean + sd * upper_inverse_mills_ratio(-mean / sd);
}

double truncated_normal_variance(double mean, double sd) {
  if (sd == 0.0) return 0.0;
  const double alpha = -mean / sd;
  const double lambda = upper_inverse_mills_ratio(alpha);
  return sd * sd * (1.0 + alpha * lambda - lambda * lambda);
}

double sample_normal(double mean, double sd, RandomStream& stream) {
  if (sd == 0.0) return std::max(mean, 0.0);
  const double z = truncated_standard_normal(stream, -mean / sd);
  // z >= -mean/sd, but mean + sd*z can still round to a hair below zero.
  return std::max(mean + sd * z, 0.0);
}

double sample_lognormal(double mean, double sd, RandomStream& stream) {
  if (sd == 0.0) return mean;
  // The log's parameters that give this mean and sd:
  // sigma^2 = ln(1 + sd^2/mean^2), mu = ln(mean) - sigma^2/2.
  const double ratio = sd / mean;
  const double sigma_squared = std::log1p(ratio * ratio);
  const double mu = std::log(mean) - 0.5 * sigma_squared;
  return std::exp(mu + std::sqrt(sigma_squared) * standard_normal(stream));
}

// Gamma with scale 1 by Marsaglia and Tsang (2000), with their boost
// Gamma(shape) = Gamma(shape + 1) * U^(1/shape) below shape 1.
double sample_standard_gamma(double shape, RandomStream& stream) {
  if (shape < 1.0) {
    const double boosted = sample_standard_gamma(shape + 1.0, stream);
    return boosted * std::exp(std::log(stream.next_double_open_zero()) / shape);
  }
  const double d = shape - 1.0 / 3.0;
  const double c = 1.0 / std::sqrt(9.0 * d);
  for (int tries = 0; tries < kRejectionTriesMax; ++tries) {
    const double z = standard_normal(stream);
    double v = 1.0 + c * z;
    if (v <= 0.0) continue;
    v = v * v * v;
    const double u = stream.next_double_open_zero();
    // The squeeze saves the logarithms; it accepts a subset of what the full
    // test accepts, so it changes speed, not the result.
    if (u < 1.0 - 0.0331 * (z * z) * (z * z)) return d * v;
    if (std::log(u) < 0.5 * z * z + d * (1.0 - v + std::log(v))) return d * v;
  }
  MSGSIM_CHECK_MSG(false, "gamma sampler exceeded its rejection limit");
  return d;
}

double sample_gamma(double mean, double sd, RandomStream& stream) {
  if (sd == 0.0) return mean;
  // shape k = mean^2/sd^2 and scale = sd^2/mean give mean k*scale, var k*scale^2.
  const double shape = (mean * mean) / (sd * sd);
  const double scale = (sd * sd) / mean;
  return scale * sample_standard_gamma(shape, stream);
}

double sample_erlang(int k, double mean, RandomStream& stream) {
  // A sum of logarithms, not the log of a product: the product of k uniforms
  // underflows for k in the hundreds.
  double log_sum = 0.0;
  for (int phase = 0; phase < k; ++phase) log_sum += std::log(stream.next_double_open_zero());
  return -(mean / static_cast<double>(k)) * log_sum;
}

double sample_geometric(double mean, RandomStream& stream) {
  if (mean <= 1.0) return 1.0;
  // Inverse transform for P(N = n) = (1-p)^(n-1) p on {1, 2, ...}, p = 1/mean.
  const double p = 1.0 / mean;
  const double u = stream.next_double_open_zero();
  return 1.0 + std::floor(std::log(u) / std::log1p(-p));
}

// ln(k!) for a whole k >= 0 without std::lgamma, which writes the global
// signgam and so is not safe with one runtime per thread.
double log_factorial(double k) {
  if (k <= 22.0) {
    double factorial = 1.0;  // exact: 22! has a 51-bit odd part
    for (double i = 2.0; i <= k; i += 1.0) factorial *= i;
    return std::log(factorial);
  }
  // Stirling's series; the first omitted term, 691/(360360 k^11), is below
  // 1e-17 for k > 22.
  const double inv = 1.0 / k;
  const double inv2 = inv * inv;
  const double series =
      inv * (1.0 / 12 - inv2 * (1.0 / 360 - inv2 * (1.0 / 1260 - inv2 * (1.0 / 1680 - inv2 / 1188))));
  return k * std::log(k) - k + 0.5 * std::log(kTwoPi * k) + series;
}

// Knuth's method: count uniforms until their product drops to e^-mean.
// Exact; one draw per unit of the result plus one.
double sample_poisson_small(double mean, RandomStream& stream) {
  const double limit = std::exp(-mean);
  double product = stream.next_double();
  // For mean < 30 a count of 10^4 has probability far below 2^-1000.
  for (int count = 0; count < 10'000; ++count) {
    if (product <= limit) return static_cast<double>(count);
    product *= stream.next_double();
  }
  MSGSIM_CHECK_MSG(false, "poisson sampler exceeded its iteration limit");
  return mean;
}

// Hörmann (1993), "The transformed rejection method for generating Poisson
// random variables" (PTRS): exact for mean >= 10, about 1.1 tries per draw.
double sample_poisson_ptrs(double mean, RandomStream& stream) {
  const double log_mean = std::log(mean);
  const double b = 0.931 + 2.53 * std::sqrt(mean);
  const double a = -0.059 + 0.02483 * b;
  const double log_inv_alpha = std::log(1.1239 + 1.1328 / (b - 3.4));
  const double v_r = 0.9277 - 3.6224 / (b - 2.0);
  for (int tries = 0; tries < kRejectionTriesMax; ++tries) {
    const double u = stream.next_double() - 0.5;
    const double v = stream.next_double_open_zero();
    const double us = 0.5 - std::fabs(u);
    const double k = std::floor((2.0 * a / us + b) * u + mean + 0.43);
    if (us >= 0.07 && v <= v_r) return k;  // the inner box: always accepted
    if (k < 0.0 || (us < 0.013 && v > us)) continue;
    const double log_ratio = std::log(v) + log_inv_alpha - std::log(a / (us * us) + b);
    if (log_ratio <= -mean + k * log_mean - log_factorial(k)) return k;
  }
  MSGSIM_CHECK_MSG(false, "poisson sampler exceeded its rejection limit");
  return mean;
}

double sample_poisson(double mean, RandomStream& stream) {
  if (mean <= 0.0) return 0.0;
  if (mean < kPoissonPtrsMeanMin) return sample_poisson_small(mean, stream);
  return sample_poisson_ptrs(mean, stream);
}

// Shortest text that reads back as the same double, e.g. "300", "0.25".
std::string format_number(double value) {
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

std::string format_call(const char* name, const std::string& arguments) {
  return std::string(name) + "(" + arguments + ")";
}

}  // namespace

Distribution Distribution::constant(double value) {
  Distribution d;
  d.a_ = value;
  return d;
}

Distribution Distribution::exponential(double mean) {
  Distribution d;
  d.kind_ = DistributionKind::kExponential;
  d.a_ = mean;
  return d;
}

Distribution Distribution::uniform(double low, double high) {
  Distribution d;
  d.kind_ = DistributionKind::kUniform;
  d.a_ = low;
  d.b_ = high;
  return d;
}

Distribution Distribution::normal(double mean, double sd) {
  Distribution d;
  d.kind_ = DistributionKind::kNormal;
  d.a_ = mean;
  d.b_ = sd;
  return d;
}

Distribution Distribution::lognormal(double mean, double sd) {
  Distribution d;
  d.kind_ = DistributionKind::kLogNormal;
  d.a_ = mean;
  d.b_ = sd;
  return d;
}

Distribution Distribution::gamma(double mean, double sd) {
  Distribution d;
  d.kind_ = DistributionKind::kGamma;
  d.a_ = mean;
  d.b_ = sd;
  return d;
}

Distribution Distribution::erlang(int k, double mean) {
  Distribution d;
  d.kind_ = DistributionKind::kErlang;
  d.k_ = k;
  d.a_ = mean;
  return d;
}

Distribution Distribution::geometric(double mean) {
  Distribution d;
  d.kind_ = DistributionKind::kGeometric;
  d.a_ = mean;
  return d;
}

Distribution Distribution::poisson(double mean) {
  Distribution d;
  d.kind_ = DistributionKind::kPoisson;
  d.a_ = mean;
  return d;
}

double Distribution::sample(RandomStream& stream) const {
  switch (kind_) {
    case DistributionKind::kConstant:
      return a_;
    case DistributionKind::kExponential:
      return -a_ * std::log(stream.next_double_open_zero());
    case DistributionKind::kUniform:
      return a_ + (b_ - a_) * stream.next_double();
    case DistributionKind::kNormal:
      return sample_normal(a_, b_, stream);
    case DistributionKind::kLogNormal:
      return sample_lognormal(a_, b_, stream);
    case DistributionKind::kGamma:
      return sample_gamma(a_, b_, stream);
    case DistributionKind::kErlang:
      MSGSIM_CHECK_MSG(k_ >= 1, "erlang needs k >= 1");
      return sample_erlang(k_, a_, stream);
    case DistributionKind::kGeometric:
      return sample_geometric(a_, stream);
    case DistributionKind::kPoisson:
      return sample_poisson(a_, stream);
  }
  MSGSIM_CHECK_MSG(false, "unknown distribution kind");
  return 0.0;
}

Duration Distribution::sample_duration(RandomStream& stream) const {
  const double seconds = sample(stream);
  // `!(x > 0)` also maps NaN to zero rather than into llround.
  if (!(seconds > 0.0)) return Duration::zero();
  if (seconds >= kDurationSecondsMax) return Duration::max();
  return Duration::from_seconds(seconds);
}

std::int64_t Distribution::sample_count(RandomStream& stream) const {
  const double value = sample(stream);
  if (!(value > 0.0)) return 0;
  if (value >= kCountMax) return std::numeric_limits<std::int64_t>::max();
  return std::llround(value);
}

double Distribution::mean() const {
  switch (kind_) {
    case DistributionKind::kConstant:
    case DistributionKind::kExponential:
    case DistributionKind::kLogNormal:
    case DistributionKind::kGamma:
    case DistributionKind::kErlang:
    case DistributionKind::kPoisson:
      return a_;
    case DistributionKind::kUniform:
      return 0.5 * (a_ + b_);
    case DistributionKind::kNormal:
      return truncated_normal_mean(a_, b_);
    case DistributionKind::kGeometric:
      return std::max(a_, 1.0);
  }
  return 0.0;
}

double Distribution::variance() const {
  switch (kind_) {
    case DistributionKind::kConstant:
      return 0.0;
    case DistributionKind::kExponential:
      return a_ * a_;
    case DistributionKind::kUniform:
      return (b_ - a_) * (b_ - a_) / 12.0;
    case DistributionKind::kNormal:
      return truncated_normal_variance(a_, b_);
    case DistributionKind::kLogNormal:
    case DistributionKind::kGamma:
      return b_ * b_;
    case DistributionKind::kErlang:
      return a_ * a_ / static_cast<double>(k_);
    case DistributionKind::kGeometric:
      // (1 - p)/p^2 with p = 1/mean.
      return a_ <= 1.0 ? 0.0 : a_ * (a_ - 1.0);
    case DistributionKind::kPoisson:
      return std::max(a_, 0.0);
  }
  return 0.0;
}

std::string Distribution::describe() const {
  const std::string pair = format_number(a_) + "," + format_number(b_);
  switch (kind_) {
    case DistributionKind::kConstant:
      return format_number(a_);
    case DistributionKind::kExponential:
      return format_call("exp", format_number(a_));
    case DistributionKind::kUniform:
      return format_call("uniform", pair);
    case DistributionKind::kNormal:
      return format_call("normal", pair);
    case DistributionKind::kLogNormal:
      return format_call("lognormal", pair);
    case DistributionKind::kGamma:
      return format_call("gamma", pair);
    case DistributionKind::kErlang:
      return format_call("erlang", std::to_string(k_) + "," + format_number(a_));
    case DistributionKind::kGeometric:
      return format_call("geometric", format_number(a_));
    case DistributionKind::kPoisson:
      return format_call("poisson", format_number(a_));
  }
  return "?";
}

}  // namespace msgsim::runtime
