// Routing decisions: requests, offers, accept, decline, close, cancel,
// transfers and presence changes. See router.h for the rules.
#include "sim/stack/routing/router.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "sim/runtime/check.h"

namespace msgsim::stack {

const char* presence_status_name(PresenceStatus status) {
  switch (status) {
    case PresenceStatus::kOnline: return "online";
    case PresenceStatus::kBusy: return "busy";
    case PresenceStatus::kAway: return "away";
    case PresenceStatus::kOffline: return "offline";
  }
  return "unknown";
}

const char* work_state_name(WorkState state) {
  static const char* const kNames[] = {"Pending", "Assigned", "Opened", "Declined", "DeclinedOnPushTimeout",
                                       "Canceled", "Transferred", "Unavailable", "Closed"};
  return kNames[static_cast<int>(state)];
}

SkillId Router::add_skill(std::string name) {
  SkillId existing = find_skill(name);
  if (existing) return existing;
  skills_.push_back(SkillState{std::move(name), {}, {}});
  return SkillId(static_cast<std::uint32_t>(skills_.size() - 1));
}

QueueId Router::add_queue(QueueSettings settings) {
  MSGSIM_CHECK(settings.capacity_weight >= 1);
  queues_.push_back(QueueState{std::move(settings), {}, 0, {}});
  return QueueId(static_cast<std::uint32_t>(queues_.size() - 1));
}

AgentId Router::add_agent(AgentSettings settings) {
  for (QueueId queue : settings.queues) MSGSIM_CHECK(queue.value < queues_.size());
  for (const auto& [skill, level] : settings.skills) MSGSIM_CHECK(skill.value < skills_.size());
  MSGSIM_CHECK(settings.capacity >= 1);
  // The indexes hold an agent once per queue and skill: merge repeats (a
  // skill listed twice keeps its highest level).
  std::sort(settings.queues.begin(), settings.queues.end());
  settings.queues.erase(std::unique(settings.queues.begin(), settings.queues.end()), settings.queues.end());
  std::sort(settings.skills.begin(), settings.skills.end(),
            [](const auto& a, const auto& b) { return a.first < b.first || (a.first == b.first && a.second > b.second); });
  settings.skills.erase(std::unique(settings.skills.begin(), settings.skills.end(),
                                    [](const auto& a, const auto& b) { return a.first == b.first; }),
                        settings.skills.end());
  const AgentId id(static_cast<std::uint32_t>(agents_.size()));
  const PresenceStatus initial = settings.initial_status;
  AgentState state;
  state.settings = std::move(settings);
  agents_.push_back(std::move(state));
  set_presence(id, initial);
  return id;
}

QueueId Router::find_queue(const std::string& id) const {
  for (std::size_t i = 0; i < queues_.size(); ++i) {
    if (queues_[i].settings.id == id) return QueueId(static_cast<std::uint32_t>(i));
  }
  return QueueId();
}

SkillId Router::find_skill(const std::string& name) const {
  for (std::size_t i = 0; i < skills_.size(); ++i) {
    if (skills_[i].name == name) return SkillId(static_cast<std::uint32_t>(i));
  }
  return SkillId();
}

AgentId Router::find_agent(const std::string& id) const {
  for (std::size_t i = 0; i < agents_.size(); ++i) {
    if (agents_[i].settings.id == id) return AgentId(static_cast<std::uint32_t>(i));
  }
  return AgentId();
}

int Router::weight_units(WorkId work, AgentId agent) const {
  const QueueSettings& queue = queues_[work_[work.value].queue.value].settings;
  if (queue.capacity_percentage) {
    return static_cast<int>(std::lround(*queue.capacity_percentage * agents_[agent.value].settings.capacity));
  }
  return queue.capacity_weight * kUnitsPerSlot;
}

WorkId Router::request(SessionId session, ChannelId channel, const RoutingTarget& target) {
  MSGSIM_CHECK(target.queue.value < queues_.size());
  const WorkId id(static_cast<std::uint32_t>(work_.size()));
  WorkItem item;
  item.session = session;
  item.channel = channel;
  item.queue = target.queue;
  item.requested_at = runtime_.now();
  item.age = next_age_++;
  item.additional_skills = intern_skill_set(target.additional_skills);
  item.preferred_agent = target.preferred_agent;
  item.preferred_required = target.preferred_required && target.preferred_agent.valid();
  item.partner_routed = target.partner_routed || queues_[target.queue.value].settings.model == RoutingModel::kExternal;
  work_.push_back(std::move(item));
  publish(TraceKind::kRoutingRequested, id);
  start_queue_timers(id);
  enqueue(id, target.queue);
  return id;
}

bool Router::eligible(WorkId work, AgentId id, bool check_capacity) const {
  const WorkItem& item = work_[work.value];
  const AgentState& agent = agents_[id.value];
  if (!can_take_work(agent)) return false;
  if (item.preferred_required && id != item.preferred_agent) return false;
  const std::vector<SkillId>& skills = skill_sets_[item.required_skills];
  if (skills.empty()) {
    const auto& queues = agent.settings.queues;
    if (std::find(queues.begin(), queues.end(), item.queue) == queues.end()) return false;
  } else if (!has_skills(agent, skills)) {
    return false;
  }
  if (declined(work, id)) return false;
  if (!check_capacity) return true;
  return agent.settings.capacity * kUnitsPerSlot - agent.used_units >= weight_units(work, id);
}

// The best eligible agent with room for `work` now, walking the candidate
// index of its queue (or of its rarest required skill) in preference order.
AgentId Router::best_agent_for(WorkId work) const {
  const WorkItem& item = work_[work.value];
  if (item.preferred_agent) {
    if (eligible(work, item.preferred_agent, true)) return item.preferred_agent;
    if (item.preferred_required) return AgentId();
  }
  const RoutingModel model = queues_[item.queue.value].settings.model;
  const std::vector<SkillId>& skills = skill_sets_[item.required_skills];
  const CandidateSet* candidates = &queues_[item.queue.value].candidates;
  for (SkillId skill : skills) {
    const SkillState& state = skills_[skill.value];
    const CandidateSet& set = model == RoutingModel::kLeastActive ? state.least_active : state.most_available;
    if (candidates == &queues_[item.queue.value].candidates || set.size() < candidates->size()) candidates = &set;
  }
  // Most available first, with one weight for every agent: once an agent
  // has too little room, every later one has too (walking them all made
  // each request under overload cost a pass over the agents).
  const QueueSettings& queue = queues_[item.queue.value].settings;
  const bool by_room = model == RoutingModel::kMostAvailable && !queue.capacity_percentage;
  const std::int64_t weight = static_cast<std::int64_t>(queue.capacity_weight) * kUnitsPerSlot;
  for (const CandidateKey& candidate : *candidates) {
    if (by_room && -candidate.primary < weight) break;  // primary is minus the free units
    if (eligible(work, AgentId(candidate.agent), true)) return AgentId(candidate.agent);
  }
  return AgentId();
}

void Router::enqueue(WorkId work, QueueId queue) {
  WorkItem& item = work_[work.value];
  item.state = WorkState::kPending;
  item.queue = queue;
  item.required_skills = required_skills(item);
  add_pending(work);
  if (item.partner_routed) {
    listener_.awaiting_partner(work);
    return;
  }
  const AgentId agent = best_agent_for(work);
  if (agent) assign(work, agent);
}

std::set<Router::PendingKey>& Router::skilled_pending_of(const WorkItem& item) {
  const auto [at, added] = skilled_group_ids_.try_emplace({item.queue.value, item.required_skills},
                                                          static_cast<std::uint32_t>(skilled_groups_.size()));
  if (added) skilled_groups_.push_back(SkilledGroup{item.queue, item.required_skills, {}});
  return skilled_groups_[at->second].pending;
}

void Router::add_pending(WorkId work) {
  const WorkItem& item = work_[work.value];
  QueueState& queue = queues_[item.queue.value];
  if (item.required_skills == 0) {
    queue.pending.insert(PendingKey{item.age, work.value});
    return;
  }
  skilled_pending_of(item).insert(PendingKey{item.age, work.value});
  ++queue.skilled_pending;
}

void Router::remove_pending(WorkId work) {
  const WorkItem& item = work_[work.value];
  QueueState& queue = queues_[item.queue.value];
  if (item.required_skills == 0) {
    queue.pending.erase(PendingKey{item.age, work.value});
    return;
  }
  const std::size_t erased = skilled_pending_of(item).erase(PendingKey{item.age, work.value});
  MSGSIM_CHECK(erased == 1);
  --queue.skilled_pending;
}

void Router::assign(WorkId work, AgentId agent_id) {
  WorkItem& item = work_[work.value];
  AgentState& agent = agents_[agent_id.value];
  MSGSIM_CHECK(item.state == WorkState::kPending);
  MSGSIM_CHECK_MSG(eligible(work, agent_id, true), "work offered to an ineligible agent");
  remove_pending(work);
  const int units = weight_units(work, agent_id);
  unindex(agent_id);
  agent.used_units += units;
  ++agent.open_items;
  agent.last_assigned_at = runtime_.now();
  agent.holding.push_back(work);
  MSGSIM_CHECK_MSG(agent.used_units <= agent.settings.capacity * kUnitsPerSlot, "agent capacity exceeded");
  reindex(agent_id);
  item.state = WorkState::kAssigned;
  item.agent = agent_id;
  ++counters_.offers;
  publish(TraceKind::kWorkOffered, work);
  start_push_timer(work);
  listener_.offer(agent_id, work);
}

// Frees the capacity the current holder has for `work` and records why.
void Router::release(WorkId work, WorkState why) {
  WorkItem& item = work_[work.value];
  const AgentId agent_id = item.agent;
  AgentState& agent = agents_[agent_id.value];
  runtime_.cancel(item.push_timer);
  item.push_timer = runtime::EventId();
  unindex(agent_id);
  agent.used_units -= weight_units(work, agent_id);
  --agent.open_items;
  MSGSIM_CHECK(agent.used_units >= 0 && agent.open_items >= 0);
  agent.holding.erase(std::find(agent.holding.begin(), agent.holding.end(), work));
  reindex(agent_id);
  item.state = why;
  static constexpr TraceKind kKinds[] = {
      TraceKind::kWorkClosed,       TraceKind::kWorkClosed,       TraceKind::kWorkClosed,
      TraceKind::kWorkDeclined,     TraceKind::kWorkPushTimeout,  TraceKind::kWorkCanceled,
      TraceKind::kWorkTransferred,  TraceKind::kWorkWithdrawn,    TraceKind::kWorkClosed};
  publish(kKinds[static_cast<int>(why)], work);
}

void Router::requeue(WorkId work) {
  WorkItem& item = work_[work.value];
  item.agent = AgentId();
  enqueue(work, item.queue);
}

// Once every eligible agent has declined or timed out, all are eligible again.
void Router::remember_decline(WorkId work, AgentId agent) {
  WorkItem& item = work_[work.value];
  declined_by_[work.value].push_back(agent);
  item.has_declines = true;
  std::size_t still_eligible = 0;
  for (std::size_t i = 0; i < agents_.size(); ++i) {
    if (eligible(work, AgentId(static_cast<std::uint32_t>(i)), false)) ++still_eligible;
  }
  if (still_eligible == 0) {
    declined_by_.erase(work.value);
    item.has_declines = false;
  }
}

runtime::Status Router::assign_external(WorkId work, AgentId agent) {
  const WorkItem& item = work_[work.value];
  if (item.state != WorkState::kPending || !item.partner_routed) {
    return runtime::Status(runtime::StatusCode::kRefused, "the work is not waiting for a partner's assignment");
  }
  if (!eligible(work, agent, true)) return runtime::Status(runtime::StatusCode::kRefused, ineligibility(work, agent));
  assign(work, agent);
  return runtime::Status::ok();
}

void Router::accept(WorkId work) {
  WorkItem& item = work_[work.value];
  MSGSIM_CHECK(item.state == WorkState::kAssigned);
  stop_timers(item);
  if (item.has_declines) {
    declined_by_.erase(work.value);
    item.has_declines = false;
  }
  item.state = WorkState::kOpened;
  publish(TraceKind::kWorkAccepted, work);
}

void Router::decline(WorkId work) {
  WorkItem& item = work_[work.value];
  MSGSIM_CHECK(item.state == WorkState::kAssigned);
  const AgentId agent = item.agent;
  release(work, WorkState::kDeclined);
  ++counters_.declines;
  remember_decline(work, agent);
  const auto& status = agents_[agent.value].settings.presence.status_on_decline;
  if (status) set_presence(agent, *status);
  requeue(work);
  dispatch_agent(agent);
}

void Router::close(WorkId work) {
  WorkItem& item = work_[work.value];
  MSGSIM_CHECK(item.state == WorkState::kAssigned || item.state == WorkState::kOpened);
  stop_timers(item);
  const AgentId agent = item.agent;
  release(work, WorkState::kClosed);
  dispatch_agent(agent);
}

void Router::cancel(WorkId work) {
  WorkItem& item = work_[work.value];
  stop_timers(item);
  if (item.state == WorkState::kPending) {
    remove_pending(work);
    item.state = WorkState::kCanceled;
    publish(TraceKind::kWorkCanceled, work);
  } else if (item.state == WorkState::kAssigned) {
    const AgentId agent = item.agent;
    release(work, WorkState::kCanceled);
    listener_.withdrawn(agent, work, WorkState::kCanceled);
    dispatch_agent(agent);
  }
}

WorkId Router::reroute(WorkId work) {
  const WorkItem& item = work_[work.value];
  RoutingTarget target;
  target.queue = item.queue;
  target.additional_skills = skill_sets_[item.additional_skills];
  target.partner_routed = item.partner_routed;
  return request(item.session, item.channel, target);
}

void Router::transfer_out(WorkId work) {
  WorkItem& item = work_[work.value];
  MSGSIM_CHECK(item.state == WorkState::kOpened);
  const AgentId sender = item.agent;
  release(work, WorkState::kTransferred);
  ++counters_.transfers;
  dispatch_agent(sender);
}

WorkId Router::transfer(WorkId work, const RoutingTarget& target) {
  WorkItem& item = work_[work.value];
  MSGSIM_CHECK(item.state == WorkState::kOpened);
  const AgentId sender = item.agent;
  const SessionId session = item.session;
  const ChannelId channel = item.channel;
  release(work, WorkState::kTransferred);
  ++counters_.transfers;
  // A transfer is a new routing request (and a new work item) for the target.
  const WorkId next = request(session, channel, target);
  dispatch_agent(sender);
  return next;
}

void Router::set_presence(AgentId id, PresenceStatus status) {
  AgentState& agent = agents_[id.value];
  const bool was_online = agent.status == PresenceStatus::kOnline;
  unindex(id);
  agent.status = status;
  if (status == PresenceStatus::kOnline && !was_online) agent.login_at = runtime_.now();
  reindex(id);
  TraceEvent event{runtime_.now(), TraceKind::kAgentPresence, static_cast<std::uint8_t>(status)};
  event.agent = id;
  tracer_.publish(event);
  if (status == PresenceStatus::kOffline) {
    // Work in hand becomes Unavailable: pushed work returns to its queue with
    // its age; opened work goes back to the console, which re-routes it.
    const std::vector<WorkId> held = agent.holding;
    for (WorkId work : held) {
      const bool opened = work_[work.value].state == WorkState::kOpened;
      release(work, WorkState::kUnavailable);
      listener_.withdrawn(id, work, WorkState::kUnavailable);
      if (!opened) requeue(work);
    }
  }
  dispatch_agent(id);
}

struct Router::BestPending {
  WorkId work;
  int priority = 0;
  std::uint64_t age = 0;
  bool beaten_by(int other_priority, std::uint64_t other_age) const {
    return !work || other_priority < priority || (other_priority == priority && other_age < age);
  }
};

void Router::consider_pending(const std::set<PendingKey>& pending, QueueId queue, AgentId agent_id,
                              BestPending& best) const {
  if (pending.empty()) return;
  const int priority = queues_[queue.value].settings.priority;
  const AgentState& agent = agents_[agent_id.value];
  // One weight for the whole set: too heavy for the room the agent has
  // left, every item is (walking them all made a long backlog quadratic).
  const WorkId first(pending.begin()->work);
  if (agent.settings.capacity * kUnitsPerSlot - agent.used_units < weight_units(first, agent_id)) return;
  for (const PendingKey& key : pending) {
    if (!best.beaten_by(priority, key.age)) return;  // nor is any later item better
    const WorkId work(key.work);
    if (work_[key.work].partner_routed || !eligible(work, agent_id, true)) continue;
    best = BestPending{work, priority, key.age};
    return;
  }
}

// Gives an agent who can take work the best pending item it is eligible for:
// lowest priority number first, then the oldest; repeats while it fits.
// Every set scanned is one queue's items, oldest first, so each scan stops
// at its first eligible item or the first not better than the best found;
// a set the agent lacks the skills or the room for is passed over whole.
// The items a scan steps over are ineligible one by one (declined, kept for
// a preferred agent, routed by a partner): few.
void Router::dispatch_agent(AgentId agent_id) {
  while (can_take_work(agents_[agent_id.value])) {
    BestPending best;
    for (QueueId queue : agents_[agent_id.value].settings.queues) {
      consider_pending(queues_[queue.value].pending, queue, agent_id, best);
    }
    for (const SkilledGroup& group : skilled_groups_) {
      if (group.pending.empty() || !has_skills(agents_[agent_id.value], skill_sets_[group.skills])) continue;
      consider_pending(group.pending, group.queue, agent_id, best);
    }
    if (!best.work) return;
    assign(best.work, agent_id);
  }
}

void Router::publish(TraceKind kind, WorkId work, std::uint8_t detail) const {
  const WorkItem& item = work_[work.value];
  TraceEvent event{runtime_.now(), kind, detail};
  event.work = work;
  event.session = item.session;
  event.channel = item.channel;
  event.queue = item.queue;
  event.agent = item.agent;
  tracer_.publish(event);
}

}  // namespace msgsim::stack
