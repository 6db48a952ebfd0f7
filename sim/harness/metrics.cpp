#include "sim/harness/metrics.h"

namespace msgsim::harness {

void Metrics::merge(const Metrics& other) {
  routing.merge(other.routing);
  invariants.merge(other.invariants);
  messages.merge(other.messages);
  population.merge(other.population);
  events += other.events;
  end_s = other.end_s;
}

nlohmann::ordered_json Metrics::to_json() const {
  nlohmann::ordered_json out;
  out["customers"] = population.customers_json();
  out["sessions"] = population.sessions_json();
  out["messages"] = messages.to_json();
  out["routing"] = routing.to_json();
  out["routing"]["invariants"] = invariants.to_json();
  out["response"] = routing.response_json();
  out["agents"] = population.agents_json();
  out["channels"] = messages.channels_json();
  return out;
}

}  // namespace msgsim::harness
