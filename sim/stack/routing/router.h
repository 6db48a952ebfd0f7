// Omni-Channel routing: routing requests wait in per-queue pending sets
// ordered by age; online agents with the messaging permission sit in per-queue
// candidate indexes ordered by the queue's model (most available or least
// active; ties: no work, earliest login, oldest last assignment), so a routing
// decision costs O(log agents). Capacity is reserved when work is pushed
// (Assigned) and freed when it closes. A routing pass runs when an item is
// enqueued and whenever an agent's ability to take work changes.
// Invariants (checked on every change): used capacity never exceeds capacity;
// only online agents with the permission receive work; within a queue, a freed
// agent takes the oldest item. Owned by the Stack; single-threaded.
#pragma once

#include <set>
#include <vector>

#include "sim/runtime/time.h"
#include "sim/stack/routing/routing_settings.h"
#include "sim/stack/trace.h"

namespace msgsim::stack {

// Receives the router's pushes (the agent console implements it).
class OfferSink {
 public:
  virtual ~OfferSink() = default;
  virtual void offer(AgentId agent, WorkId work) = 0;
};

struct WorkItem {
  SessionId session;
  ChannelId channel;
  QueueId queue;
  AgentId agent;
  WorkState state = WorkState::kPending;
  runtime::Time requested_at;
  std::uint64_t age = 0;  // creation order; kept when an item returns to its queue
  int weight = 1;
};

class Router {
 public:
  Router(const Tracer& tracer, OfferSink& offers) : tracer_(tracer), offers_(offers) {}

  void reserve(std::size_t requests) { work_.reserve(requests); }
  QueueId add_queue(QueueSettings settings);
  // REQUIRES: every queue of `settings` exists.
  AgentId add_agent(AgentSettings settings, runtime::Time now);

  // Creates a routing request for `session` in `queue` and routes it.
  WorkId request(SessionId session, ChannelId channel, QueueId queue, runtime::Time now);
  // The agent accepted the pushed work. REQUIRES: state Assigned.
  void accept(WorkId work, runtime::Time now);
  // The work is finished; its capacity is freed. REQUIRES: Assigned or Opened.
  void close(WorkId work, runtime::Time now);
  void set_presence(AgentId agent, PresenceStatus status, runtime::Time now);

  const WorkItem& work(WorkId id) const { return work_[id.value]; }
  const QueueSettings& queue(QueueId id) const { return queues_[id.value].settings; }
  std::size_t queue_count() const { return queues_.size(); }
  std::size_t agent_count() const { return agents_.size(); }
  const AgentSettings& agent(AgentId id) const { return agents_[id.value].settings; }
  int used_capacity(AgentId id) const { return agents_[id.value].used; }
  PresenceStatus presence(AgentId id) const { return agents_[id.value].status; }
  std::size_t pending_in(QueueId id) const { return queues_[id.value].pending.size(); }

 private:
  struct CandidateKey {
    std::int64_t primary;  // model-specific: smaller is better
    std::uint8_t busy;     // 0 when the agent has no work
    std::int64_t login_ns;
    std::int64_t last_assigned_ns;
    std::uint32_t agent;
    auto operator<=>(const CandidateKey&) const = default;
  };
  struct PendingKey {
    std::uint64_t age;
    std::uint32_t work;
    auto operator<=>(const PendingKey&) const = default;
  };
  // Oldest first: a min-heap on age (items leave only from the head).
  struct PendingHeap {
    std::vector<PendingKey> items;
    bool empty() const { return items.empty(); }
    std::size_t size() const { return items.size(); }
    const PendingKey& top() const { return items.front(); }
    void push(PendingKey key);
    void pop();
  };
  struct QueueState {
    QueueSettings settings;
    PendingHeap pending;
    std::set<CandidateKey> candidates;
  };
  struct AgentState {
    AgentSettings settings;
    PresenceStatus status = PresenceStatus::kOffline;
    int used = 0;
    int open_items = 0;
    runtime::Time login_at;
    runtime::Time last_assigned_at;
    bool indexed = false;
    // Node handles of this agent's candidate entries, one per queue, kept while
    // it is out of the indexes so re-indexing reuses them (no allocation).
    std::vector<std::set<CandidateKey>::node_type> spare_nodes;
  };

  bool can_take_work(const AgentState& agent) const;
  CandidateKey key_for(const QueueState& queue, AgentId id) const;
  void unindex(AgentId id);
  void reindex(AgentId id);
  void assign(WorkId work, AgentId agent, runtime::Time now);
  void dispatch_queue(QueueId queue, runtime::Time now);
  void dispatch_agent(AgentId agent, runtime::Time now);
  void publish(TraceKind kind, WorkId work, runtime::Time now) const;

  const Tracer& tracer_;
  OfferSink& offers_;
  std::vector<QueueState> queues_;
  std::vector<AgentState> agents_;
  std::vector<WorkItem> work_;
  std::uint64_t next_age_ = 0;
};

}  // namespace msgsim::stack
