// The router's candidate indexes: which online agents can take work, per
// queue and per skill, ordered by the routing model's preference; and, for a
// partner's assignment the rules refuse, which rule it was.
#include <algorithm>
#include <string>

#include "sim/runtime/check.h"
#include "sim/stack/routing/router.h"

namespace msgsim::stack {

bool Router::can_take_work(const AgentState& agent) const {
  return agent.status == PresenceStatus::kOnline && agent.settings.messaging_permission;
}

Router::CandidateKey Router::key_for(RoutingModel model, AgentId id) const {
  const AgentState& agent = agents_[id.value];
  const std::int64_t free_units = agent.settings.capacity * kUnitsPerSlot - agent.used_units;
  const std::int64_t primary =
      model == RoutingModel::kLeastActive ? static_cast<std::int64_t>(agent.open_items) : -free_units;
  return CandidateKey{primary, static_cast<std::uint8_t>(agent.open_items > 0 ? 1 : 0), agent.login_at.ns(),
                      agent.last_assigned_at.ns(), id.value};
}

// Keys depend on the agent's load, so an agent leaves every index before its
// load changes and comes back after (reindex). The nodes are kept in the
// order: queues, then per skill most-available and least-active.
void Router::unindex(AgentId id) {
  AgentState& agent = agents_[id.value];
  if (!agent.indexed) return;
  agent.spare_nodes.clear();
  auto take = [&](CandidateSet& set, RoutingModel model) {
    auto node = set.extract(key_for(model, id));
    MSGSIM_CHECK(!node.empty());
    agent.spare_nodes.push_back(std::move(node));
  };
  for (QueueId queue : agent.settings.queues) take(queues_[queue.value].candidates, queues_[queue.value].settings.model);
  for (const auto& [skill, level] : agent.settings.skills) {
    take(skills_[skill.value].most_available, RoutingModel::kMostAvailable);
    take(skills_[skill.value].least_active, RoutingModel::kLeastActive);
  }
  agent.indexed = false;
}

void Router::reindex(AgentId id) {
  AgentState& agent = agents_[id.value];
  if (!can_take_work(agent)) return;
  std::size_t next = 0;
  auto put = [&](CandidateSet& set, RoutingModel model) {
    if (next < agent.spare_nodes.size()) {
      CandidateSet::node_type& node = agent.spare_nodes[next++];
      node.value() = key_for(model, id);
      set.insert(std::move(node));
    } else {
      set.insert(key_for(model, id));
    }
  };
  for (QueueId queue : agent.settings.queues) put(queues_[queue.value].candidates, queues_[queue.value].settings.model);
  for (const auto& [skill, level] : agent.settings.skills) {
    put(skills_[skill.value].most_available, RoutingModel::kMostAvailable);
    put(skills_[skill.value].least_active, RoutingModel::kLeastActive);
  }
  agent.spare_nodes.clear();
  agent.indexed = true;
}

bool Router::has_skills(const AgentState& agent, const std::vector<SkillId>& skills) const {
  for (SkillId skill : skills) {
    bool found = false;
    for (const auto& [held, level] : agent.settings.skills) found = found || (held == skill && level > 0);
    if (!found) return false;
  }
  return true;
}

std::uint32_t Router::intern_skill_set(std::vector<SkillId> skills) {
  std::sort(skills.begin(), skills.end());
  skills.erase(std::unique(skills.begin(), skills.end()), skills.end());
  if (skills.empty()) return 0;
  auto [it, inserted] = skill_set_ids_.try_emplace(skills, static_cast<std::uint32_t>(skill_sets_.size()));
  if (inserted) skill_sets_.push_back(std::move(skills));
  return it->second;
}

std::uint32_t Router::required_skills(const WorkItem& item) {
  const std::vector<SkillId>& queue_skills = queues_[item.queue.value].settings.skills;
  if (item.additional_skills == 0 && queue_skills.empty()) return 0;
  std::vector<SkillId> skills = queue_skills;
  const std::vector<SkillId>& extra = skill_sets_[item.additional_skills];
  skills.insert(skills.end(), extra.begin(), extra.end());
  return intern_skill_set(std::move(skills));
}

bool Router::declined(WorkId work, AgentId agent) const {
  if (!work_[work.value].has_declines) return false;
  const std::vector<AgentId>& agents = declined_by_.at(work.value);
  return std::find(agents.begin(), agents.end(), agent) != agents.end();
}

std::string Router::ineligibility(WorkId work, AgentId id) const {
  const WorkItem& item = work_[work.value];
  const AgentState& agent = agents_[id.value];
  const std::string who = "agent " + agent.settings.id;
  if (!agent.settings.messaging_permission) return who + " lacks the MessagingUser permission set";
  if (agent.status != PresenceStatus::kOnline) return who + " is " + presence_status_name(agent.status);
  if (item.preferred_required && id != item.preferred_agent) return who + " is not the agent this work waits for";
  const std::vector<SkillId>& skills = skill_sets_[item.required_skills];
  if (skills.empty()) {
    const auto& queues = agent.settings.queues;
    if (std::find(queues.begin(), queues.end(), item.queue) == queues.end()) {
      return who + " does not serve queue " + queues_[item.queue.value].settings.id;
    }
  } else if (!has_skills(agent, skills)) {
    return who + " lacks the skills this work needs";
  }
  if (declined(work, id)) return who + " already declined this work";
  MSGSIM_CHECK_MSG(!eligible(work, id, true), "ineligibility asked of an agent who may take the work");
  return who + " is at capacity";
}

}  // namespace msgsim::stack
