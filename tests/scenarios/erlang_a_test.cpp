// Statistical test: M/M/c+M (exponential patience) through the whole stack
// agrees with Erlang A. Customers who see no agent join within their
// patience close the chat; the stack cancels their routing request.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "sim/harness/replication_summary.h"
#include "sim/harness/runner.h"
#include "sim/harness/scenario_loader.h"
#include "tests/scenarios/cli_runner.h"

namespace msgsim::harness {
namespace {

struct ErlangA {
  double abandon_probability;
  double mean_wait_s;  // over all arrivals, served or not
};

// The birth-death chain of M/M/c+M, truncated far beyond any mass.
ErlangA erlang_a(double lambda, double mu, double theta, int c) {
  std::vector<double> p{1.0};
  for (int n = 1; n < 5000; ++n) {
    const double death = mu * std::min(n, c) + theta * std::max(n - c, 0);
    p.push_back(p.back() * lambda / death);
  }
  double total = 0.0, queue = 0.0;
  for (double x : p) total += x;
  for (int n = c; n < static_cast<int>(p.size()); ++n) queue += (n - c) * p[static_cast<std::size_t>(n)] / total;
  return ErlangA{theta * queue / lambda, queue / lambda};
}


// Abandonment share and mean wait of M/M/10+M at 10 Erlangs match Erlang A within 99.9% confidence.
TEST(ErlangA, AbandonmentScenarioMatchesErlangA) {
  auto loaded = load_scenario_file(testing::source_path("scenarios/mmc-abandonment.json"));
  ASSERT_TRUE(loaded.is_ok()) << loaded.status().message();
  RunOptions options;
  options.replications = 12;
  const RunOutcome outcome = run_scenario(loaded.value(), options);
  const ErlangA theory = erlang_a(120.0 / 3600.0, 1.0 / 300.0, 1.0 / 120.0, 10);

  std::vector<double> shares, waits;
  for (const ReplicationRun& run : outcome.runs) {
    const RoutingSummary& routing = run.metrics.routing;
    const double arrivals = static_cast<double>(routing.accepted + routing.canceled);
    ASSERT_GT(arrivals, 50000.0);
    shares.push_back(static_cast<double>(run.metrics.population.abandoned) / static_cast<double>(run.metrics.population.arrived));
    const double waited_s = routing.latency.mean_ns() / 1e9 * static_cast<double>(routing.accepted) +
                            routing.canceled_wait.mean_ns() / 1e9 * static_cast<double>(routing.canceled);
    waits.push_back(waited_s / arrivals);
    // Every abandonment cancels exactly one request.
    EXPECT_EQ(run.metrics.population.abandoned, routing.canceled);
  }
  const MeanEstimate share = estimate_mean(shares);
  const MeanEstimate wait = estimate_mean(waits);
  const double t = 4.437;  // two-sided 99.9% Student t, 11 degrees of freedom
  ASSERT_LT(t * share.standard_error, 0.01);
  ASSERT_LT(t * wait.standard_error / theory.mean_wait_s, 0.06);
  EXPECT_NEAR(share.mean, theory.abandon_probability, t * share.standard_error);
  EXPECT_NEAR(wait.mean, theory.mean_wait_s, t * wait.standard_error);
  EXPECT_EQ(outcome.merged.messages.lost, 0u);
}

}  // namespace
}  // namespace msgsim::harness
