#include "sim/stack/routing/router.h"

#include <algorithm>
#include <functional>
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

QueueId Router::add_queue(QueueSettings settings) {
  MSGSIM_CHECK(settings.capacity_weight >= 1);
  QueueId id(static_cast<std::uint32_t>(queues_.size()));
  queues_.push_back(QueueState{std::move(settings), {}, {}});
  return id;
}

AgentId Router::add_agent(AgentSettings settings, runtime::Time now) {
  for (QueueId queue : settings.queues) MSGSIM_CHECK(queue.value < queues_.size());
  MSGSIM_CHECK(settings.capacity >= 1);
  AgentId id(static_cast<std::uint32_t>(agents_.size()));
  PresenceStatus initial = settings.initial_status;
  AgentState state;
  state.settings = std::move(settings);
  agents_.push_back(std::move(state));
  set_presence(id, initial, now);
  return id;
}

bool Router::can_take_work(const AgentState& agent) const {
  return agent.status == PresenceStatus::kOnline && agent.settings.messaging_permission;
}

Router::CandidateKey Router::key_for(const QueueState& queue, AgentId id) const {
  const AgentState& agent = agents_[id.value];
  std::int64_t primary = queue.settings.model == RoutingModel::kMostAvailable
                             ? -static_cast<std::int64_t>(agent.settings.capacity - agent.used)
                             : static_cast<std::int64_t>(agent.open_items);
  return CandidateKey{primary, static_cast<std::uint8_t>(agent.open_items > 0 ? 1 : 0), agent.login_at.ns(),
                      agent.last_assigned_at.ns(), id.value};
}

void Router::PendingHeap::push(PendingKey key) {
  items.push_back(key);
  std::push_heap(items.begin(), items.end(), std::greater<>());
}

void Router::PendingHeap::pop() {
  std::pop_heap(items.begin(), items.end(), std::greater<>());
  items.pop_back();
}

// Takes the agent out of its queues' candidate indexes, keeping the nodes.
void Router::unindex(AgentId id) {
  AgentState& agent = agents_[id.value];
  if (!agent.indexed) return;
  agent.spare_nodes.clear();
  for (QueueId queue : agent.settings.queues) {
    QueueState& state = queues_[queue.value];
    auto node = state.candidates.extract(key_for(state, id));
    MSGSIM_CHECK(!node.empty());
    agent.spare_nodes.push_back(std::move(node));
  }
  agent.indexed = false;
}

// Puts the agent back, keyed by its current load, if it can take work.
void Router::reindex(AgentId id) {
  AgentState& agent = agents_[id.value];
  if (!can_take_work(agent)) return;
  const bool reuse = agent.spare_nodes.size() == agent.settings.queues.size();
  for (std::size_t i = 0; i < agent.settings.queues.size(); ++i) {
    QueueState& state = queues_[agent.settings.queues[i].value];
    if (reuse) {
      auto& node = agent.spare_nodes[i];
      node.value() = key_for(state, id);
      state.candidates.insert(std::move(node));
    } else {
      state.candidates.insert(key_for(state, id));
    }
  }
  agent.spare_nodes.clear();
  agent.indexed = true;
}

WorkId Router::request(SessionId session, ChannelId channel, QueueId queue, runtime::Time now) {
  WorkId id(static_cast<std::uint32_t>(work_.size()));
  WorkItem item;
  item.session = session;
  item.channel = channel;
  item.queue = queue;
  item.requested_at = now;
  item.age = next_age_++;
  item.weight = queues_[queue.value].settings.capacity_weight;
  work_.push_back(item);
  queues_[queue.value].pending.push(PendingKey{item.age, id.value});
  publish(TraceKind::kRoutingRequested, id, now);
  dispatch_queue(queue, now);
  return id;
}

void Router::assign(WorkId id, AgentId agent_id, runtime::Time now) {
  WorkItem& item = work_[id.value];
  AgentState& agent = agents_[agent_id.value];
  MSGSIM_CHECK(item.state == WorkState::kPending);
  MSGSIM_CHECK(can_take_work(agent));
  PendingHeap& pending = queues_[item.queue.value].pending;
  MSGSIM_CHECK_MSG(!pending.empty() && pending.top().work == id.value, "only the oldest item of a queue is assigned");
  pending.pop();
  unindex(agent_id);
  agent.used += item.weight;
  ++agent.open_items;
  agent.last_assigned_at = now;
  MSGSIM_CHECK_MSG(agent.used <= agent.settings.capacity, "agent capacity exceeded");
  reindex(agent_id);
  item.state = WorkState::kAssigned;
  item.agent = agent_id;
  publish(TraceKind::kWorkOffered, id, now);
  offers_.offer(agent_id, id);
}

// Pushes the queue's oldest items to its best candidates while both exist.
void Router::dispatch_queue(QueueId queue_id, runtime::Time now) {
  QueueState& queue = queues_[queue_id.value];
  while (!queue.pending.empty()) {
    const PendingKey head = queue.pending.top();
    const int weight = work_[head.work].weight;
    AgentId chosen;
    for (const CandidateKey& candidate : queue.candidates) {
      const AgentState& agent = agents_[candidate.agent];
      if (agent.settings.capacity - agent.used >= weight) {
        chosen = AgentId(candidate.agent);
        break;
      }
      // Most available is ordered by free capacity: nobody further fits.
      if (queue.settings.model == RoutingModel::kMostAvailable) break;
    }
    if (!chosen) return;
    assign(WorkId(head.work), chosen, now);
  }
}

// Gives a freed agent the best pending item of its queues: lowest priority
// number first, then the oldest; repeats while capacity remains.
void Router::dispatch_agent(AgentId agent_id, runtime::Time now) {
  AgentState& agent = agents_[agent_id.value];
  while (can_take_work(agent)) {
    const int free = agent.settings.capacity - agent.used;
    WorkId best;
    int best_priority = 0;
    std::uint64_t best_age = 0;
    for (QueueId queue_id : agent.settings.queues) {
      const QueueState& queue = queues_[queue_id.value];
      if (queue.pending.empty() || queue.settings.capacity_weight > free) continue;
      const PendingKey& head = queue.pending.top();
      if (!best || queue.settings.priority < best_priority ||
          (queue.settings.priority == best_priority && head.age < best_age)) {
        best = WorkId(head.work);
        best_priority = queue.settings.priority;
        best_age = head.age;
      }
    }
    if (!best) return;
    assign(best, agent_id, now);
  }
}

void Router::accept(WorkId id, runtime::Time now) {
  WorkItem& item = work_[id.value];
  MSGSIM_CHECK(item.state == WorkState::kAssigned);
  item.state = WorkState::kOpened;
  publish(TraceKind::kWorkAccepted, id, now);
}

void Router::close(WorkId id, runtime::Time now) {
  WorkItem& item = work_[id.value];
  MSGSIM_CHECK(item.state == WorkState::kAssigned || item.state == WorkState::kOpened);
  AgentId agent_id = item.agent;
  AgentState& agent = agents_[agent_id.value];
  unindex(agent_id);
  agent.used -= item.weight;
  --agent.open_items;
  MSGSIM_CHECK(agent.used >= 0 && agent.open_items >= 0);
  reindex(agent_id);
  item.state = WorkState::kClosed;
  publish(TraceKind::kWorkClosed, id, now);
  dispatch_agent(agent_id, now);
}

void Router::set_presence(AgentId id, PresenceStatus status, runtime::Time now) {
  AgentState& agent = agents_[id.value];
  bool was_online = agent.status == PresenceStatus::kOnline;
  unindex(id);
  agent.status = status;
  if (status == PresenceStatus::kOnline && !was_online) agent.login_at = now;
  reindex(id);
  TraceEvent event{now, TraceKind::kAgentPresence, static_cast<std::uint8_t>(status)};
  event.agent = id;
  tracer_.publish(event);
  if (can_take_work(agent)) dispatch_agent(id, now);
}

void Router::publish(TraceKind kind, WorkId id, runtime::Time now) const {
  const WorkItem& item = work_[id.value];
  TraceEvent event{now, kind};
  event.work = id;
  event.session = item.session;
  event.channel = item.channel;
  event.queue = item.queue;
  event.agent = item.agent;
  tracer_.publish(event);
}

}  // namespace msgsim::stack
