// Statistical test: the shipped M/M/c scenario through the whole stack agrees
// with Erlang C. Tolerances come from the sample itself: independent
// replications give the standard error of the mean wait and of P(wait).
#include <gtest/gtest.h>

#include <cmath>

#include "sim/harness/replication_summary.h"
#include "sim/harness/runner.h"
#include "sim/harness/scenario_loader.h"
#include "tests/scenarios/cli_runner.h"

namespace msgsim::harness {
namespace {

// P(wait) for c servers at offered load a Erlangs (Erlang C).
double erlang_c(int c, double a) {
  double sum = 0.0, term = 1.0;
  for (int k = 0; k < c; ++k) {
    if (k > 0) term *= a / k;
    sum += term;
  }
  term *= a / c;
  const double top = term * c / (c - a);
  return top / (sum + top);
}


// Mean wait and P(wait) of M/M/10 at 8 Erlangs match Erlang C within 99.9% confidence.
TEST(ErlangC, MmcScenarioMatchesErlangC) {
  auto loaded = load_scenario_file(testing::source_path("scenarios/mmc-erlang-c.json"));
  ASSERT_TRUE(loaded.is_ok()) << loaded.status().message();
  Scenario scenario = loaded.take();
  // 16 replications of 2,000 h each: about 3 million customers in all.
  RunOptions options;
  options.replications = 16;
  RunOutcome outcome = run_scenario(scenario, options);

  const double p_wait = erlang_c(10, 8.0);            // 0.4092
  const double mean_wait_s = p_wait * 300.0 / (10 - 8.0);  // 61.38 s
  std::vector<double> waits, probabilities;
  for (const ReplicationRun& run : outcome.runs) {
    ASSERT_GT(run.metrics.routing.accepted, 150000u);
    waits.push_back(run.metrics.routing.latency.mean_ns() / 1e9);
    probabilities.push_back(static_cast<double>(run.metrics.routing.waited) /
                            static_cast<double>(run.metrics.routing.accepted));
  }
  const MeanEstimate wait = estimate_mean(waits);
  const MeanEstimate probability = estimate_mean(probabilities);
  // Two-sided 99.9% Student t quantile for 15 degrees of freedom.
  const double t = 4.073;
  // The tolerance must itself be tight, or the test would prove nothing.
  ASSERT_LT(t * wait.standard_error / mean_wait_s, 0.06);
  ASSERT_LT(t * probability.standard_error, 0.02);
  EXPECT_NEAR(wait.mean, mean_wait_s, t * wait.standard_error);
  EXPECT_NEAR(probability.mean, p_wait, t * probability.standard_error);
  // Customers are conserved and every one was served.
  EXPECT_EQ(outcome.merged.messages.lost, 0u);
  EXPECT_EQ(outcome.merged.messages.transcript_duplicates, 0u);
  EXPECT_EQ(outcome.merged.population.served, outcome.merged.population.arrived);
}

// Utilization of M/M/c equals the offered load per agent (8/10), within 1%.
TEST(ErlangC, UtilizationEqualsOfferedLoadPerAgent) {
  auto loaded = load_scenario_file(testing::source_path("scenarios/mmc-erlang-c.json"));
  ASSERT_TRUE(loaded.is_ok());
  RunOutcome outcome = run_scenario(loaded.value(), RunOptions{});
  const double utilization = outcome.merged.population.busy_capacity_s / outcome.merged.population.online_capacity_s;
  // The drain (10 h of 2,010 h) has no arrivals, so the expected value is 0.8 * 2000/2010.
  EXPECT_NEAR(utilization, 0.8 * 2000.0 / 2010.0, 0.01);
}

}  // namespace
}  // namespace msgsim::harness
