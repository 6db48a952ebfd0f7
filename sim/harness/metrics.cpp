#include "sim/harness/metrics.h"

namespace msgsim::harness {

void Metrics::merge(const Metrics& other) {
  notifications.requested += other.notifications.requested;
  notifications.sent += other.notifications.sent;
  notifications.skipped_existing_session += other.notifications.skipped_existing_session;
  notifications.refused += other.notifications.refused;
  notifications.deferred += other.notifications.deferred;
  routing.merge(other.routing);
  invariants.merge(other.invariants);
  messages.merge(other.messages);
  population.merge(other.population);
  merges.merge(other.merges);
  if (consent && other.consent) consent->merge(*other.consent);
  if (wire && other.wire) wire->merge(*other.wire);
  for (std::size_t i = 0; i < partners.size() && i < other.partners.size(); ++i) {
    partners[i].second.merge(other.partners[i].second);
  }
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
  if (consent) out["consent"] = consent->to_json();
  out["merge"] = merges.to_json();
  out["agents"] = population.agents_json();
  out["channels"] = messages.channels_json();
  if (wire) out["wire"] = wire->to_json();
  if (!partners.empty()) {
    nlohmann::ordered_json by_channel;
    for (const auto& [channel, counts] : partners) {
      by_channel[channel] = {{"routes", counts.routes},
                             {"assignments", counts.assignments},
                             {"refusals", counts.refusals},
                             {"retries", counts.retries},
                             {"consent_updates", counts.consent_updates}};
    }
    out["partner"] = std::move(by_channel);
  }
  if (notifications.requested > 0) {
    out["notifications"] = {{"requested", notifications.requested},
                            {"sent", notifications.sent},
                            {"skipped_existing_session", notifications.skipped_existing_session},
                            {"refused", notifications.refused},
                            {"deferred", notifications.deferred}};
  }
  return out;
}

}  // namespace msgsim::harness
