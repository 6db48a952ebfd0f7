// Omni-Channel routing (spec/platform.md §4). A routing request waits in its
// queue's pending set, ordered by age; online agents with the messaging
// permission sit in candidate indexes per queue and per skill, ordered by the
// routing model (most available: most free capacity; least active: fewest
// open items; ties: no work, earliest login, oldest last assignment), so a
// routing decision walks an ordered index instead of scanning every agent.
//
// Rules: capacity is reserved when work is pushed (Assigned) and freed when
// it is declined, times out, is withdrawn or closes; an item is never offered
// again to an agent who declined or timed out on it until every eligible
// agent has, then everyone is eligible again and it keeps its original age;
// items with skills go to agents holding all of them, and additional skills
// are dropped after the queue's timeout; an item still waiting after the
// overflow delay moves to the overflow queue; a preferred agent is tried first,
// and waited for when required (then without push timeout). A routing pass
// runs when an item is enqueued and whenever an agent's ability to take work
// changes. Invariants are checked as it runs. Owned by the Stack;
// single-threaded; timers through the Runtime.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "sim/runtime/runtime.h"
#include "sim/runtime/status.h"
#include "sim/stack/routing/routing_settings.h"
#include "sim/stack/trace.h"

namespace msgsim::stack {

// Receives the router's decisions about agents (the agent console).
class RouterListener {
 public:
  virtual ~RouterListener() = default;
  // Work was pushed to `agent`.
  virtual void offer(AgentId agent, WorkId work) = 0;
  // Work the agent held is taken back (push timeout, agent unavailable).
  virtual void withdrawn(AgentId agent, WorkId work, WorkState why) = 0;
  // Work waits in an external (partner-routed) queue for the partner to
  // assign it: new, or back after a decline or push timeout.
  virtual void awaiting_partner(WorkId /*work*/) {}
};

struct WorkItem {
  SessionId session;
  ChannelId channel;
  QueueId queue;
  AgentId agent;  // holder of the current offer or opened work
  WorkState state = WorkState::kPending;
  runtime::Time requested_at;
  std::uint64_t age = 0;  // creation order; kept when an item returns to its queue
  // Skill sets are interned (Router::skill_set): an item stores two small ids,
  // not two vectors, because there are millions of items and few distinct sets.
  std::uint32_t additional_skills = 0;  // set 0 is the empty set
  std::uint32_t required_skills = 0;    // the queue's plus the additional ones
  AgentId preferred_agent;
  bool preferred_required = false;
  bool has_declines = false;  // see Router::declined_by_
  bool partner_routed = false;  // RoutingTarget::partner_routed, or an external queue
  runtime::EventId push_timer;
  runtime::EventId overflow_timer;
  runtime::EventId skills_timer;
};

// What the router counts; the oracles count independently from the trace.
struct RoutingCounters {
  std::uint64_t offers = 0;
  std::uint64_t declines = 0;
  std::uint64_t push_timeouts = 0;
  std::uint64_t overflows = 0;
  std::uint64_t transfers = 0;
};

class Router {
 public:
  Router(runtime::Runtime& runtime, const Tracer& tracer, RouterListener& listener)
      : runtime_(runtime), tracer_(tracer), listener_(listener) {}

  void reserve(std::size_t requests) { work_.reserve(requests); }
  SkillId add_skill(std::string name);
  QueueId add_queue(QueueSettings settings);
  // REQUIRES: every queue and skill of `settings` exists.
  AgentId add_agent(AgentSettings settings);

  // Creates a routing request for `session` and routes it.
  WorkId request(SessionId session, ChannelId channel, const RoutingTarget& target);
  // Moves an open request to another target (a transfer): the current work is
  // Transferred, capacity freed, and the request routed anew with a new age.
  WorkId transfer(WorkId work, const RoutingTarget& target);
  // Closes open work as Transferred without a new request (the session goes
  // to a flow, which routes it again when it is done).
  void transfer_out(WorkId work);
  // A new request with the same target as `work` (whose agent became
  // unavailable while it was open), routed anew.
  WorkId reroute(WorkId work);
  // External routing (a partner-routed request, or any request in an external
  // queue): the partner assigns the work to an agent itself. Refused
  // (kRefused) when the work is not pending and partner-routed, or the agent
  // cannot take it (the invariants still hold); the message says which rule
  // (ineligibility).
  runtime::Status assign_external(WorkId work, AgentId agent);
  // The holder accepted the pushed work. REQUIRES: state Assigned.
  void accept(WorkId work);
  // The holder declined the pushed work. REQUIRES: state Assigned.
  void decline(WorkId work);
  // The work is finished; capacity is freed. REQUIRES: Assigned or Opened.
  void close(WorkId work);
  // The request is withdrawn before an agent took it (customer left).
  void cancel(WorkId work);
  void set_presence(AgentId agent, PresenceStatus status);

  const WorkItem& work(WorkId id) const { return work_[id.value]; }
  bool has_work(WorkId id) const { return id.valid() && id.value < work_.size(); }
  // The skills of an interned set.
  const std::vector<SkillId>& skill_set(std::uint32_t set) const { return skill_sets_[set]; }
  const QueueSettings& queue(QueueId id) const { return queues_[id.value].settings; }
  QueueId find_queue(const std::string& id) const;
  SkillId find_skill(const std::string& name) const;
  AgentId find_agent(const std::string& id) const;
  std::size_t queue_count() const { return queues_.size(); }
  std::size_t agent_count() const { return agents_.size(); }
  const AgentSettings& agent(AgentId id) const { return agents_[id.value].settings; }
  int used_capacity_units(AgentId id) const { return agents_[id.value].used_units; }
  int capacity_units(AgentId id) const { return agents_[id.value].settings.capacity * kUnitsPerSlot; }
  // Capacity units item `work` takes on `agent` (weight or percentage).
  int weight_units(WorkId work, AgentId agent) const;
  PresenceStatus presence(AgentId id) const { return agents_[id.value].status; }
  std::size_t pending_in(QueueId id) const {
    return queues_[id.value].pending.size() + queues_[id.value].skilled_pending;
  }
  const RoutingCounters& counters() const { return counters_; }

  // One unit of capacity is kUnitsPerSlot; percentages are of the agent's capacity.
  static constexpr int kUnitsPerSlot = 100;

 private:
  struct CandidateKey {
    std::int64_t primary;  // model-specific: smaller is better
    std::uint8_t busy;     // 0 when the agent has no work
    std::int64_t login_ns;
    std::int64_t last_assigned_ns;
    std::uint32_t agent;
    auto operator<=>(const CandidateKey&) const = default;
  };
  using CandidateSet = std::set<CandidateKey>;
  struct PendingKey {
    std::uint64_t age;
    std::uint32_t work;
    auto operator<=>(const PendingKey&) const = default;
  };
  struct QueueState {
    QueueSettings settings;
    std::set<PendingKey> pending;  // items of the queue needing no skills
    std::size_t skilled_pending = 0;  // its items in skilled groups
    CandidateSet candidates;
  };
  // The pending items of one queue that need one skill set, oldest first.
  // They share a priority, a weight and the skills an agent must have, so
  // an agent is turned away from the whole group or from none of it.
  struct SkilledGroup {
    QueueId queue;
    std::uint32_t skills = 0;
    std::set<PendingKey> pending;
  };
  struct SkillState {
    std::string name;
    CandidateSet most_available;
    CandidateSet least_active;
  };
  struct AgentState {
    AgentSettings settings;
    PresenceStatus status = PresenceStatus::kOffline;
    int used_units = 0;
    int open_items = 0;
    runtime::Time login_at;
    runtime::Time last_assigned_at;
    bool indexed = false;
    std::vector<WorkId> holding;  // Assigned or Opened
    // This agent's index nodes while it is out of the indexes, reused when it
    // comes back so re-indexing does not allocate.
    std::vector<CandidateSet::node_type> spare_nodes;
  };

  // Indexes (router_index.cpp).
  bool can_take_work(const AgentState& agent) const;
  CandidateKey key_for(RoutingModel model, AgentId id) const;
  void unindex(AgentId id);
  void reindex(AgentId id);
  bool has_skills(const AgentState& agent, const std::vector<SkillId>& skills) const;
  std::uint32_t required_skills(const WorkItem& item);
  std::uint32_t intern_skill_set(std::vector<SkillId> skills);
  bool declined(WorkId work, AgentId agent) const;
  // Why `agent` may not take `work` now, in the order eligible() checks
  // ("agent a-1 is offline", "... is at capacity", ...); REQUIRES: it may not.
  std::string ineligibility(WorkId work, AgentId agent) const;

  // Decisions (router.cpp).
  bool eligible(WorkId work, AgentId agent, bool check_capacity) const;
  AgentId best_agent_for(WorkId work) const;
  void assign(WorkId work, AgentId agent);
  void release(WorkId work, WorkState why);
  void requeue(WorkId work);
  void remember_decline(WorkId work, AgentId agent);
  void dispatch_agent(AgentId agent);
  void enqueue(WorkId work, QueueId queue);
  void publish(TraceKind kind, WorkId work, std::uint8_t detail = 0) const;

  // Timers (router_timers.cpp).
  void start_push_timer(WorkId work);
  void on_push_timeout(WorkId work);
  void start_queue_timers(WorkId work);
  void on_overflow(WorkId work);
  void on_drop_skills(WorkId work);
  void stop_timers(WorkItem& item);
  // Puts a pending item in (takes it out of) the set it waits in: its
  // queue's, or its skill set's when it needs skills.
  void add_pending(WorkId work);
  void remove_pending(WorkId work);
  std::set<PendingKey>& skilled_pending_of(const WorkItem& item);
  // Offers the best item of `pending` (one queue's items, one priority,
  // oldest first) that `agent` is eligible for as `best` when it is better.
  struct BestPending;
  void consider_pending(const std::set<PendingKey>& pending, QueueId queue, AgentId agent, BestPending& best) const;

  runtime::Runtime& runtime_;
  const Tracer& tracer_;
  RouterListener& listener_;
  std::vector<QueueState> queues_;
  std::vector<SkillState> skills_;
  std::vector<AgentState> agents_;
  std::vector<WorkItem> work_;
  // Items that need skills, of any queue, grouped by queue and skill set
  // (few groups: a deployment has few of each); an index to find a group.
  std::vector<SkilledGroup> skilled_groups_;
  std::map<std::pair<std::uint32_t, std::uint32_t>, std::uint32_t> skilled_group_ids_;
  std::vector<std::vector<SkillId>> skill_sets_{{}};  // interned, sorted; 0 = empty
  std::map<std::vector<SkillId>, std::uint32_t> skill_set_ids_;
  // Agents who declined or timed out on an item, until everyone has: kept
  // aside because few items ever have any.
  std::map<std::uint32_t, std::vector<AgentId>> declined_by_;
  std::uint64_t next_age_ = 0;
  RoutingCounters counters_;
};

}  // namespace msgsim::stack
