#include "sim/harness/oracles/population_oracle.h"

#include "sim/harness/oracles/latency_json.h"
#include "sim/stack/routing/routing_settings.h"
#include "sim/stack/sessions/session_state.h"

namespace msgsim::harness {

using stack::TraceKind;

PopulationOracle::PopulationOracle(const fakes::GroundTruth& truth, std::vector<QueueWeight> queue_weights,
                                   std::vector<AgentFacts> agents)
    : truth_(truth), queue_weights_(std::move(queue_weights)) {
  for (const AgentFacts& facts : agents) {
    AgentTrack track;
    track.capacity = facts.capacity;
    agents_.push_back(track);
  }
}

void PopulationOracle::advance(AgentTrack& agent, runtime::Time now) const {
  const double span_s = (now - agent.since).to_seconds();
  if (agent.online) agent.online_s += span_s * agent.capacity;
  agent.busy_s += span_s * agent.used;
  agent.since = now;
}

template <typename T>
static void put(std::vector<T>& v, std::size_t index, T value) {
  if (v.size() <= index) v.resize(index + 1, T{});
  v[index] = value;
}

void PopulationOracle::on_trace(const stack::TraceEvent& event) {
  switch (event.kind) {
    case TraceKind::kMessagingUserCreated:
      put(person_of_user_, event.user.value, truth_.person_of(stack::CustomerHandle{event.message}));
      break;
    case TraceKind::kSessionCreated: put(user_of_session_, event.session.value, event.user.value); break;
    case TraceKind::kBotResolved: ++resolved_by_bot_; break;
    case TraceKind::kSessionStatus: put(status_of_session_, event.session.value, event.detail); break;
    case TraceKind::kWorkOffered: {
      AgentTrack& agent = agents_[event.agent.value];
      advance(agent, event.at);
      const QueueWeight& queue = queue_weights_[event.queue.value];
      const double weight = queue.percentage ? *queue.percentage / 100.0 * agent.capacity : queue.slots;
      agent.used += weight;
      put(weight_of_work_, event.work.value, weight);
      break;
    }
    case TraceKind::kWorkClosed:
    case TraceKind::kWorkDeclined:
    case TraceKind::kWorkPushTimeout:
    case TraceKind::kWorkWithdrawn:
    case TraceKind::kWorkTransferred:
    case TraceKind::kWorkCanceled: {
      if (!event.agent) break;
      AgentTrack& agent = agents_[event.agent.value];
      advance(agent, event.at);
      agent.used -= weight_of_work_[event.work.value];
      break;
    }
    case TraceKind::kWorkAccepted: {
      const std::uint32_t person = person_of_user_[user_of_session_[event.session.value]];
      put<std::uint8_t>(served_, person, 1);
      break;
    }
    case TraceKind::kAgentPresence: {
      AgentTrack& agent = agents_[event.agent.value];
      advance(agent, event.at);
      agent.online = event.detail == static_cast<std::uint8_t>(stack::PresenceStatus::kOnline);
      break;
    }
    default: break;
  }
}

PopulationSummary PopulationOracle::finish(runtime::Time end) const {
  PopulationSummary summary;
  summary.arrived = truth_.persons().size();
  summary.resolved_by_bot = resolved_by_bot_;
  for (std::uint8_t served : served_) summary.served += served;
  summary.sessions_created = status_of_session_.size();
  for (std::uint8_t status : status_of_session_) ++summary.sessions_by_status[status];
  summary.agents = agents_.size();
  for (AgentTrack agent : agents_) {
    advance(agent, end);
    summary.busy_capacity_s += agent.busy_s;
    summary.online_capacity_s += agent.online_s;
  }
  return summary;
}

void PopulationSummary::merge(const PopulationSummary& other) {
  arrived += other.arrived;
  served += other.served;
  abandoned += other.abandoned;
  resolved_by_bot += other.resolved_by_bot;
  sessions_created += other.sessions_created;
  for (int i = 0; i < 8; ++i) sessions_by_status[i] += other.sessions_by_status[i];
  agents = other.agents;  // the same deployment in every replication
  busy_capacity_s += other.busy_capacity_s;
  online_capacity_s += other.online_capacity_s;
}

nlohmann::ordered_json PopulationSummary::customers_json() const {
  return {{"arrived", arrived},
          {"served", served},
          {"abandoned", abandoned},
          {"abandoned_ratio", ratio_or_zero(static_cast<double>(abandoned), static_cast<double>(arrived))},
          {"resolved_by_bot", resolved_by_bot}};
}

nlohmann::ordered_json PopulationSummary::sessions_json() const {
  std::uint64_t open = 0;
  nlohmann::ordered_json by_status = nlohmann::ordered_json::object();
  for (int i = 0; i < stack::kSessionStatusCount; ++i) {
    const auto status = static_cast<stack::SessionStatus>(i);
    if (sessions_by_status[i] > 0) by_status[stack::session_status_name(status)] = sessions_by_status[i];
    if (stack::is_open(status)) open += sessions_by_status[i];
  }
  return {{"created", sessions_created},
          {"ended", sessions_by_status[static_cast<int>(stack::SessionStatus::kEnded)]},
          {"open_at_end", open},
          {"by_status", by_status}};
}

nlohmann::ordered_json PopulationSummary::agents_json() const {
  return {{"count", agents}, {"utilization", ratio_or_zero(busy_capacity_s, online_capacity_s)}};
}

}  // namespace msgsim::harness
