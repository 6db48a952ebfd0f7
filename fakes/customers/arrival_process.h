// When customers of a population arrive: a Poisson process with a piecewise
// constant rate profile, N arrivals spread uniformly at random over a window,
// or a fixed list of times. `next` yields arrival times in order; arrivals
// stop at `horizon` and after `max` customers. Owned by one population.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "sim/runtime/random.h"
#include "sim/runtime/time.h"

namespace msgsim::fakes {

struct RateStep {
  runtime::Time from;  // the factor applies from here on
  double factor = 1.0;
};

struct ArrivalSpec {
  enum class Kind { kPoisson, kCount, kAt } kind = Kind::kPoisson;
  double rate_per_s = 0.0;        // kPoisson
  std::vector<RateStep> profile;  // kPoisson; before the first step the factor is 1
  std::int64_t count = 0;         // kCount
  runtime::Duration over;         // kCount
  std::vector<runtime::Time> at;  // kAt, any order
  std::optional<std::int64_t> max;
};

class ArrivalProcess {
 public:
  ArrivalProcess(ArrivalSpec spec, runtime::Time horizon);
  // The next arrival time, or none when the population is exhausted.
  std::optional<runtime::Time> next(runtime::RandomStream& stream);

 private:
  std::optional<runtime::Time> next_poisson(runtime::RandomStream& stream);
  std::optional<runtime::Time> next_uniform(runtime::RandomStream& stream);
  double factor_at(std::size_t step) const;

  ArrivalSpec spec_;
  runtime::Time horizon_;
  runtime::Time last_;
  std::int64_t produced_ = 0;
  std::size_t step_ = 0;  // current profile step (kPoisson)
};

}  // namespace msgsim::fakes
