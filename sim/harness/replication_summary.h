// With several replications: each run's key figures and, for each, the mean
// across runs with a 95% confidence interval (Student's t on the run means,
// which are independent by construction).
#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "sim/harness/runner.h"

namespace msgsim::harness {

// REQUIRES: outcome.runs.size() >= 2.
nlohmann::ordered_json replication_summaries(const RunOutcome& outcome);
// The sample mean of independent values and its standard error.
// REQUIRES: values.size() >= 2.
struct MeanEstimate {
  double mean = 0.0;
  double standard_error = 0.0;
};
MeanEstimate estimate_mean(const std::vector<double>& values);
// The two-sided 95% quantile of Student's t with `df` degrees of freedom.
double student_t_95(int df);

}  // namespace msgsim::harness
