#include "fakes/customers/arrival_process.h"

#include <algorithm>
#include <cmath>

namespace msgsim::fakes {

ArrivalProcess::ArrivalProcess(ArrivalSpec spec, runtime::Time horizon)
    : spec_(std::move(spec)), horizon_(horizon) {
  std::sort(spec_.at.begin(), spec_.at.end());
  std::stable_sort(spec_.profile.begin(), spec_.profile.end(),
                   [](const RateStep& a, const RateStep& b) { return a.from < b.from; });
}

std::optional<runtime::Time> ArrivalProcess::next(runtime::RandomStream& stream) {
  if (spec_.max && produced_ >= *spec_.max) return std::nullopt;
  std::optional<runtime::Time> at;
  switch (spec_.kind) {
    case ArrivalSpec::Kind::kPoisson: at = next_poisson(stream); break;
    case ArrivalSpec::Kind::kCount: at = next_uniform(stream); break;
    case ArrivalSpec::Kind::kAt:
      if (static_cast<std::size_t>(produced_) < spec_.at.size()) at = spec_.at[static_cast<std::size_t>(produced_)];
      break;
  }
  if (!at || *at >= horizon_) return std::nullopt;
  ++produced_;
  last_ = *at;
  return at;
}

double ArrivalProcess::factor_at(std::size_t step) const {
  // step 0 is the time before the first profile entry.
  return step == 0 ? 1.0 : spec_.profile[step - 1].factor;
}

// Inverts the integrated rate: draw an Exp(1) amount of "rate mass" and walk
// the piecewise constant profile until it is used up. Exact for any profile.
std::optional<runtime::Time> ArrivalProcess::next_poisson(runtime::RandomStream& stream) {
  double mass = -std::log(stream.next_double_open_zero());
  runtime::Time t = last_;
  while (t < horizon_) {
    while (step_ < spec_.profile.size() && spec_.profile[step_].from <= t) ++step_;
    const runtime::Time segment_end = step_ < spec_.profile.size() ? spec_.profile[step_].from : horizon_;
    const double rate = spec_.rate_per_s * factor_at(step_);
    const double length_s = (segment_end - t).to_seconds();
    if (rate > 0.0 && rate * length_s >= mass) return t + runtime::Duration::from_seconds(mass / rate);
    if (rate > 0.0) mass -= rate * length_s;
    t = segment_end;
  }
  return std::nullopt;
}

// The next of N uniform order statistics on [0, over): given the previous
// one, the next is previous + (over - previous) * (1 - U^(1/remaining)).
std::optional<runtime::Time> ArrivalProcess::next_uniform(runtime::RandomStream& stream) {
  const std::int64_t remaining = spec_.count - produced_;
  if (remaining <= 0) return std::nullopt;
  const double left_s = (runtime::Time::zero() + spec_.over - last_).to_seconds();
  const double u = stream.next_double_open_zero();
  const double step_s = left_s * (1.0 - std::pow(u, 1.0 / static_cast<double>(remaining)));
  return last_ + runtime::Duration::from_seconds(step_s);
}

}  // namespace msgsim::fakes
