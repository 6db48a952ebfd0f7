#include "sim/runtime/distribution.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <utility>
#include <vector>

namespace msgsim::runtime {
namespace {

constexpr int kDraws = 200'000;

struct Moments {
  double mean = 0;
  double variance = 0;        // unbiased
  double fourth_central = 0;  // E[(X - mean)^4]
};

// Exact moments of a sample, two-pass so the large means do not cancel.
Moments moments_of(const std::vector<double>& values) {
  const double n = static_cast<double>(values.size());
  Moments m;
  for (const double v : values) m.mean += v;
  m.mean /= n;
  double second = 0;
  double fourth = 0;
  for (const double v : values) {
    const double gap_squared = (v - m.mean) * (v - m.mean);
    second += gap_squared;
    fourth += gap_squared * gap_squared;
  }
  m.variance = second / (n - 1);
  m.fourth_central = fourth / n;
  return m;
}

std::vector<double> draw(const Distribution& distribution, std::uint64_t seed, int n) {
  RandomStream stream(seed);
  std::vector<double> values(n);
  for (double& v : values) v = distribution.sample(stream);
  return values;
}

// Checks kDraws samples against the distribution's own mean() and variance().
// The sample mean has standard error sqrt(var/n). The sample variance has
// standard error sqrt((mu4 - var^2)/n) for large n, mu4 being the theoretical
// fourth central moment, which each caller derives from the distribution's
// kurtosis; 5 standard errors on both keeps a fixed-seed test from failing on
// a correct sampler while catching any error in shape or scale.
void expect_moments_match(const Distribution& distribution, double fourth_central, std::uint64_t seed) {
  SCOPED_TRACE(distribution.describe());
  const Moments sample = moments_of(draw(distribution, seed, kDraws));
  const double n = static_cast<double>(kDraws);
  const double variance = distribution.variance();
  EXPECT_NEAR(sample.mean, distribution.mean(), 5.0 * std::sqrt(variance / n));
  EXPECT_NEAR(sample.variance, variance, 5.0 * std::sqrt((fourth_central - variance * variance) / n));
}

// Mean, variance and fourth central moment of N(mean, sd^2) conditioned on
// >= 0, by Simpson's rule on [0, mean + 12 sd]: an independent check of the
// closed forms the implementation uses.
Moments truncated_normal_by_quadrature(double mean, double sd) {
  const int steps = 20'000;  // even
  const double high = std::max(mean, 0.0) + 12.0 * sd;
  const double h = high / steps;
  // The density is scaled by its value at the peak of [0, inf) so the far
  // tail (mean -50 sd) does not underflow to 0/0.
  const double z_peak = std::max(-mean / sd, 0.0);
  double raw[5] = {0, 0, 0, 0, 0};
  for (int i = 0; i <= steps; ++i) {
    const double x = i * h;
    const double z = (x - mean) / sd;
    const double weight = (i == 0 || i == steps) ? 1.0 : (i % 2 == 1 ? 4.0 : 2.0);
    const double density = weight * std::exp(-0.5 * (z * z - z_peak * z_peak));
    for (int power = 0; power <= 4; ++power) raw[power] += density * std::pow(x, power);
  }
  Moments m;
  m.mean = raw[1] / raw[0];
  const double e2 = raw[2] / raw[0], e3 = raw[3] / raw[0], e4 = raw[4] / raw[0];
  const double mu = m.mean;
  m.variance = e2 - mu * mu;
  m.fourth_central = e4 - 4 * mu * e3 + 6 * mu * mu * e2 - 3 * mu * mu * mu * mu;
  return m;
}

// mu4 of a gamma with the given variance and shape: var^2 (3 + 6/shape).
double gamma_fourth_central(double variance, double shape) { return variance * variance * (3.0 + 6.0 / shape); }

TEST(Distribution, MomentsFollowTheNaturalParameters) {
  // mean() and variance() are the textbook moments of each parameterisation.
  EXPECT_DOUBLE_EQ(Distribution::constant(30).mean(), 30);
  EXPECT_DOUBLE_EQ(Distribution::constant(30).variance(), 0);
  EXPECT_DOUBLE_EQ(Distribution::exponential(300).variance(), 90'000);
  EXPECT_DOUBLE_EQ(Distribution::uniform(2, 10).mean(), 6);
  EXPECT_DOUBLE_EQ(Distribution::uniform(2, 10).variance(), 64.0 / 12.0);
  EXPECT_DOUBLE_EQ(Distribution::lognormal(40, 20).mean(), 40);
  EXPECT_DOUBLE_EQ(Distribution::lognormal(40, 20).variance(), 400);
  EXPECT_DOUBLE_EQ(Distribution::gamma(40, 20).variance(), 400);
  EXPECT_DOUBLE_EQ(Distribution::erlang(3, 60).mean(), 60);
  EXPECT_DOUBLE_EQ(Distribution::erlang(3, 60).variance(), 1200);
  EXPECT_DOUBLE_EQ(Distribution::geometric(3).variance(), 6);
  EXPECT_DOUBLE_EQ(Distribution::poisson(4).variance(), 4);
}

TEST(Distribution, TruncatedNormalMomentsMatchQuadrature) {
  // The normal's mean() and variance() are those of the distribution truncated
  // at 0, matching numerical integration of its density, in the tail too.
  for (const auto& [mean, sd] : {std::pair{40.0, 10.0}, {10.0, 20.0}, {0.0, 1.0}, {-20.0, 10.0}, {-50.0, 1.0}}) {
    const Distribution normal = Distribution::normal(mean, sd);
    const Moments exact = truncated_normal_by_quadrature(mean, sd);
    EXPECT_NEAR(normal.mean(), exact.mean, 1e-7 * exact.mean) << normal.describe();
    EXPECT_NEAR(normal.variance(), exact.variance, 1e-7 * exact.variance) << normal.describe();
  }
}

TEST(Distribution, ExponentialMatchesMeanAndVariance) {
  // Exponential draws have mean m and variance m^2 (mu4 = 9 m^4).
  const double m = 300;
  expect_moments_match(Distribution::exponential(m), 9 * std::pow(m, 4), 101);
}

TEST(Distribution, UniformMatchesMeanAndVariance) {
  // Uniform draws have the midpoint as mean and width^2/12 as variance
  // (mu4 = width^4/80), and stay within [low, high].
  const Distribution uniform = Distribution::uniform(2, 10);
  expect_moments_match(uniform, std::pow(8.0, 4) / 80, 102);
  for (const double v : draw(uniform, 103, kDraws)) {
    ASSERT_GE(v, 2.0);
    ASSERT_LE(v, 10.0);
  }
}

TEST(Distribution, NormalMatchesTruncatedMeanAndVariance) {
  // Normal draws match the truncated moments, barely truncated (40, 10),
  // heavily truncated (10, 20) and in the far tail (-20, 10), where the
  // exponential-proposal sampler runs.
  std::uint64_t seed = 104;
  for (const auto& [mean, sd] : {std::pair{40.0, 10.0}, {10.0, 20.0}, {-20.0, 10.0}}) {
    expect_moments_match(Distribution::normal(mean, sd), truncated_normal_by_quadrature(mean, sd).fourth_central,
                         seed++);
  }
}

TEST(Distribution, NormalIsNeverNegative) {
  // Truncation at 0 holds whatever the share of mass below zero.
  std::uint64_t seed = 110;
  for (const auto& [mean, sd] : {std::pair{1.0, 50.0}, {0.0, 1.0}, {-20.0, 10.0}, {-50.0, 1.0}}) {
    for (const double v : draw(Distribution::normal(mean, sd), seed++, kDraws)) ASSERT_GE(v, 0.0);
  }
}

TEST(Distribution, LogNormalMatchesMeanAndVariance) {
  // Log-normal draws have the given mean and sd of the variable itself; mu4
  // follows from its kurtosis e^(4s2) + 2e^(3s2) + 3e^(2s2) - 3, s2 = ln(1 + cv^2).
  const double mean = 40, sd = 20;
  const double s2 = std::log1p((sd / mean) * (sd / mean));
  const double kurtosis = std::exp(4 * s2) + 2 * std::exp(3 * s2) + 3 * std::exp(2 * s2) - 3;
  expect_moments_match(Distribution::lognormal(mean, sd), kurtosis * std::pow(sd, 4), 120);
}

TEST(Distribution, GammaMatchesMeanAndVariance) {
  // Gamma draws have the given mean and sd, for shape 4, for shape 1/4 (the
  // U^(1/k) boost) and for shape 10^4.
  std::uint64_t seed = 130;
  for (const auto& [mean, sd] : {std::pair{40.0, 20.0}, {1.0, 2.0}, {1000.0, 10.0}}) {
    const double shape = (mean * mean) / (sd * sd);
    expect_moments_match(Distribution::gamma(mean, sd), gamma_fourth_central(sd * sd, shape), seed++);
  }
}

TEST(Distribution, ErlangMatchesMeanAndVariance) {
  // An Erlang-k with mean m has variance m^2/k, a gamma of shape k.
  for (const int k : {1, 3, 10}) {
    const double mean = 60;
    const double variance = mean * mean / k;
    expect_moments_match(Distribution::erlang(k, mean), gamma_fourth_central(variance, k),
                         static_cast<std::uint64_t>(140 + k));
  }
}

TEST(Distribution, GeometricMatchesMeanAndVariance) {
  // Geometric draws on {1, 2, ...} with mean m have variance m(m - 1) and
  // kurtosis 9 + p^2/(1 - p), p = 1/m.
  for (const double mean : {1.5, 3.0, 50.0}) {
    const double p = 1.0 / mean;
    const double variance = mean * (mean - 1);
    expect_moments_match(Distribution::geometric(mean), variance * variance * (9 + p * p / (1 - p)),
                         static_cast<std::uint64_t>(150 + mean));
  }
}

TEST(Distribution, GeometricIsAWholeNumberAtLeastOne) {
  // Geometric draws are integers >= 1, and mean 1 always gives 1.
  for (const double v : draw(Distribution::geometric(1.2), 160, kDraws)) {
    ASSERT_GE(v, 1.0);
    ASSERT_EQ(v, std::floor(v));
  }
  for (const double v : draw(Distribution::geometric(1.0), 161, 1000)) ASSERT_EQ(v, 1.0);
}

TEST(Distribution, PoissonMatchesMeanAndVariance) {
  // Poisson draws have variance equal to their mean (mu4 = m + 3 m^2), below
  // the method switch at 30, at it, and at 100 and 1000.
  for (const double mean : {0.5, 4.0, 29.5, 30.0, 100.0, 1000.0}) {
    expect_moments_match(Distribution::poisson(mean), mean + 3 * mean * mean,
                         static_cast<std::uint64_t>(170 + mean));
  }
}

TEST(Distribution, PoissonMatchesItsProbabilities) {
  // Both Poisson samplers reproduce the whole probability mass function, not
  // just two moments: Pearson's chi-square over the cells with expected count
  // >= 20 (tails pooled) stays below df + 6 sqrt(2 df), a level the statistic
  // passes with probability about 1e-5.
  for (const double mean : {4.0, 50.0}) {
    std::map<std::int64_t, int> counts;
    RandomStream stream(static_cast<std::uint64_t>(180 + mean));
    const Distribution poisson = Distribution::poisson(mean);
    for (int i = 0; i < kDraws; ++i) ++counts[poisson.sample_count(stream)];
    double statistic = 0, pooled_expected = 0, pooled_observed = 0;
    int cells = 0;
    for (std::int64_t k = 0; k < static_cast<std::int64_t>(mean * 4 + 20); ++k) {
      const double kd = static_cast<double>(k);
      const double expected = kDraws * std::exp(kd * std::log(mean) - mean - std::lgamma(kd + 1));
      const double observed = counts.count(k) ? counts[k] : 0;
      if (expected < 20) {
        pooled_expected += expected;
        pooled_observed += observed;
        continue;
      }
      statistic += (observed - expected) * (observed - expected) / expected;
      ++cells;
    }
    statistic += (pooled_observed - pooled_expected) * (pooled_observed - pooled_expected) / pooled_expected;
    const double df = cells;  // cells + pooled cell - 1
    EXPECT_LT(statistic, df + 6 * std::sqrt(2 * df)) << "mean " << mean;
  }
}

TEST(Distribution, PoissonIsAWholeNumber) {
  // Poisson draws are non-negative integers; mean 0 always gives 0.
  for (const double mean : {3.0, 300.0}) {
    for (const double v : draw(Distribution::poisson(mean), 190, kDraws / 4)) {
      ASSERT_GE(v, 0.0);
      ASSERT_EQ(v, std::floor(v));
    }
  }
  for (const double v : draw(Distribution::poisson(0.0), 191, 1000)) ASSERT_EQ(v, 0.0);
}

TEST(Distribution, SameSeedGivesSameSamples) {
  // Every sampler is a pure function of the stream: one seed, one sequence.
  const Distribution all[] = {Distribution::exponential(3), Distribution::uniform(1, 2), Distribution::normal(1, 2),
                              Distribution::lognormal(5, 2), Distribution::gamma(2, 3), Distribution::erlang(4, 8),
                              Distribution::geometric(4), Distribution::poisson(7), Distribution::poisson(70)};
  for (const Distribution& distribution : all) {
    EXPECT_EQ(draw(distribution, 200, 1000), draw(distribution, 200, 1000)) << distribution.describe();
  }
}

TEST(Distribution, GoldenSamplesAreStable) {
  // The first draws of several samplers from RandomStream(42) are pinned, so a
  // change of algorithm (which would change every replay) is caught; the
  // relative tolerance allows only last-bit differences between libm versions.
  const std::pair<Distribution, std::vector<double>> cases[] = {
      {Distribution::exponential(300), {743.57133271757652, 291.08135529807333, 115.67959293071721, 23.488064273166462}},
      {Distribution::normal(10, 20), {25.633840901146975, 10.317425867519697, 19.544336368711626, 5.5801242014021195}},
      {Distribution::lognormal(40, 20), {16.697380817366799, 51.757219778973877, 36.046326974418271, 44.823641223865842}},
      {Distribution::gamma(1, 2), {0.22579662824624402, 1.9460046935801163, 0.012297160425514543, 1.583594164692071}},
      {Distribution::poisson(4), {5, 7, 6, 3}},
      {Distribution::poisson(1000), {947, 1017, 1021, 1025}},
  };
  for (const auto& [distribution, expected] : cases) {
    const std::vector<double> actual = draw(distribution, 42, static_cast<int>(expected.size()));
    for (std::size_t i = 0; i < expected.size(); ++i) {
      EXPECT_NEAR(actual[i], expected[i], 1e-12 * std::fabs(expected[i])) << distribution.describe() << " draw " << i;
    }
  }
}

TEST(Distribution, ConstantDrawsNothing) {
  // A constant returns its value and leaves the stream where it was.
  RandomStream used(300);
  RandomStream untouched(300);
  EXPECT_EQ(Distribution::constant(30).sample(used), 30);
  EXPECT_EQ(Distribution().sample(used), 0);
  EXPECT_TRUE(Distribution().is_constant_zero());
  EXPECT_EQ(used.next_u64(), untouched.next_u64());
}

TEST(Distribution, SampleDurationIsSecondsAndNeverNegative) {
  // sample_duration reads the draw as seconds and clamps negatives to zero.
  RandomStream stream(310);
  EXPECT_EQ(Distribution::constant(1.5).sample_duration(stream), Duration::milliseconds(1500));
  EXPECT_EQ(Distribution::constant(-3).sample_duration(stream), Duration::zero());
  const Distribution wide = Distribution::uniform(-1, 1);
  for (int i = 0; i < 10'000; ++i) ASSERT_GE(wide.sample_duration(stream), Duration::zero());
}

TEST(Distribution, SampleCountRoundsToTheNearestWholeNumber) {
  // sample_count rounds half away from zero and clamps negatives to zero.
  RandomStream stream(320);
  EXPECT_EQ(Distribution::constant(2.4).sample_count(stream), 2);
  EXPECT_EQ(Distribution::constant(2.5).sample_count(stream), 3);
  EXPECT_EQ(Distribution::constant(-1).sample_count(stream), 0);
}

TEST(Distribution, DescribeReadsLikeItsParameters) {
  // describe() names the kind and its natural parameters in shortest form.
  EXPECT_EQ(Distribution::constant(30).describe(), "30");
  EXPECT_EQ(Distribution::constant(0.25).describe(), "0.25");
  EXPECT_EQ(Distribution::exponential(300).describe(), "exp(300)");
  EXPECT_EQ(Distribution::uniform(0.5, 2).describe(), "uniform(0.5,2)");
  EXPECT_EQ(Distribution::normal(40, 10).describe(), "normal(40,10)");
  EXPECT_EQ(Distribution::lognormal(40, 20).describe(), "lognormal(40,20)");
  EXPECT_EQ(Distribution::gamma(40, 20).describe(), "gamma(40,20)");
  EXPECT_EQ(Distribution::erlang(3, 60).describe(), "erlang(3,60)");
  EXPECT_EQ(Distribution::geometric(3).describe(), "geometric(3)");
  EXPECT_EQ(Distribution::poisson(4).describe(), "poisson(4)");
}

}  // namespace
}  // namespace msgsim::runtime
