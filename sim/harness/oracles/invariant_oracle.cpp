#include "sim/harness/oracles/invariant_oracle.h"

#include <algorithm>

#include "sim/stack/routing/routing_settings.h"

namespace msgsim::harness {

using stack::TraceKind;

namespace {
constexpr double kEpsilon = 1e-9;

bool contains(const std::vector<std::string>& haystack, const std::string& needle) {
  return std::find(haystack.begin(), haystack.end(), needle) != haystack.end();
}
}  // namespace

InvariantOracle::InvariantOracle(InvariantConfig config)
    : config_(std::move(config)), agents_(config_.agents.size()), pending_(config_.queues.size()) {}

std::uint32_t InvariantOracle::intern(std::vector<std::string> skills) {
  std::sort(skills.begin(), skills.end());
  skills.erase(std::unique(skills.begin(), skills.end()), skills.end());
  if (skills.empty()) return 0;
  auto [it, inserted] = skill_set_ids_.try_emplace(skills, static_cast<std::uint32_t>(skill_sets_.size()));
  if (inserted) skill_sets_.push_back(std::move(skills));
  return it->second;
}

bool InvariantOracle::declined(std::uint32_t work, std::uint32_t agent) const {
  if (!items_[work].has_declines) return false;
  const std::vector<std::uint32_t>& agents = declined_by_.at(work);
  return std::find(agents.begin(), agents.end(), agent) != agents.end();
}

void InvariantOracle::set_pending(std::uint32_t work, bool pending) {
  Item& item = items_[work];
  if (item.pending) pending_[item.queue].erase({item.age, work});
  item.pending = pending;
  if (pending) pending_[item.queue].insert({item.age, work});
}

double InvariantOracle::weight_for(const Item& item, std::uint32_t agent) const {
  const QueueWeight& weight = config_.queues[item.queue].weight;
  return weight.percentage ? *weight.percentage / 100.0 * config_.agents[agent].capacity : weight.slots;
}

bool InvariantOracle::eligible(const Item& item, std::uint32_t agent) const {
  const InvariantConfig::Agent& facts = config_.agents[agent];
  if (!agents_[agent].online || !facts.permission) return false;
  if (item.preferred_only) return true;
  if (item.skills == 0) {
    return std::find(facts.queues.begin(), facts.queues.end(), item.queue) != facts.queues.end();
  }
  for (const std::string& skill : skill_sets_[item.skills]) {
    if (!contains(facts.skills, skill)) return false;
  }
  return true;
}

void InvariantOracle::on_requested(const stack::TraceEvent& event) {
  if (items_.size() <= event.work.value) items_.resize(event.work.value + 1);
  Item& item = items_[event.work.value];
  item.queue = event.queue.value;
  item.age = next_age_++;
  std::vector<std::string> skills = config_.queues[item.queue].skills;
  const InvariantConfig::Channel& channel = config_.channels[event.channel.value];
  std::vector<std::string> extra = channel.skills;
  item.preferred_only = channel.routes_to_agent;
  item.partner_routed = channel.partner_routing || config_.queues[item.queue].external;
  auto next = next_request_skills_.find(event.session.value);
  if (next != next_request_skills_.end()) {
    extra = std::move(next->second);
    item.preferred_only = false;
    next_request_skills_.erase(next);
  }
  skills.insert(skills.end(), extra.begin(), extra.end());
  item.skills = intern(std::move(skills));
  set_pending(event.work.value, true);
}

void InvariantOracle::on_offered(const stack::TraceEvent& event) {
  const std::uint32_t work = event.work.value;
  const std::uint32_t agent = event.agent.value;
  Item& item = items_[work];
  ++summary_.checked_offers;
  if (!eligible(item, agent)) ++summary_.offered_to_ineligible;
  item.weight = weight_for(item, agent);
  agents_[agent].used += item.weight;
  if (agents_[agent].used > config_.agents[agent].capacity + kEpsilon) ++summary_.capacity_exceeded;
  set_pending(work, false);
  if (item.skills != 0 || item.preferred_only || item.partner_routed) return;
  for (const auto& [age, older] : pending_[item.queue]) {
    if (age >= item.age) break;
    const Item& waiting = items_[older];
    if (waiting.skills != 0 || waiting.preferred_only || waiting.partner_routed) continue;
    if (declined(older, agent)) continue;
    ++summary_.fifo_violations;
    break;
  }
}

void InvariantOracle::on_released(const stack::TraceEvent& event, bool back_to_queue) {
  Item& item = items_[event.work.value];
  if (event.agent) agents_[event.agent.value].used -= item.weight;
  item.weight = 0;
  if (back_to_queue) set_pending(event.work.value, true);
}

void InvariantOracle::on_trace(const stack::TraceEvent& event) {
  switch (event.kind) {
    case TraceKind::kAgentPresence:
      if (agents_.size() <= event.agent.value) agents_.resize(event.agent.value + 1);
      agents_[event.agent.value].online = event.detail == static_cast<std::uint8_t>(stack::PresenceStatus::kOnline);
      break;
    case TraceKind::kRoutingRequested: on_requested(event); break;
    case TraceKind::kWorkOffered: on_offered(event); break;
    case TraceKind::kWorkAccepted: items_[event.work.value].accepted = true; break;
    case TraceKind::kWorkDeclined:
    case TraceKind::kWorkPushTimeout:
      declined_by_[event.work.value].push_back(event.agent.value);
      items_[event.work.value].has_declines = true;
      on_released(event, true);
      break;
    case TraceKind::kWorkWithdrawn: {
      const Item& item = items_[event.work.value];
      // Opened work of an agent who left is routed again with the same target.
      if (item.accepted) next_request_skills_[event.session.value] = skill_sets_[item.skills];
      on_released(event, !item.accepted);
      break;
    }
    case TraceKind::kWorkTransferred:
      next_request_skills_[event.session.value] = config_.agents[event.agent.value].transfer_skills;
      on_released(event, false);
      break;
    case TraceKind::kWorkClosed: on_released(event, false); break;
    case TraceKind::kWorkCanceled:
      if (event.agent) on_released(event, false);
      set_pending(event.work.value, false);
      break;
    case TraceKind::kOverflowed: {
      set_pending(event.work.value, false);
      Item& item = items_[event.work.value];
      item.queue = event.queue.value;
      set_pending(event.work.value, true);
      break;
    }
    case TraceKind::kSkillsDropped: items_[event.work.value].skills = intern(config_.queues[event.queue.value].skills); break;
    default: break;
  }
}

void InvariantSummary::merge(const InvariantSummary& other) {
  capacity_exceeded += other.capacity_exceeded;
  offered_to_ineligible += other.offered_to_ineligible;
  fifo_violations += other.fifo_violations;
  checked_offers += other.checked_offers;
}

nlohmann::ordered_json InvariantSummary::to_json() const {
  return {{"capacity_exceeded", capacity_exceeded},
          {"offered_to_ineligible", offered_to_ineligible},
          {"fifo_violations", fifo_violations},
          {"checked_offers", checked_offers}};
}

}  // namespace msgsim::harness
