// Checks the router's invariants on every trace event, from the deployment's
// configuration and the trace alone (never the router's own state):
//  - capacity: an offer never takes an agent past its capacity;
//  - eligibility: work is offered only to online agents with the messaging
//    permission who are members of the item's queue (or hold its skills);
//  - FIFO: within one queue (one priority), an offer never passes over an
//    older waiting item that the same agent could have taken.
// Items that need skills or wait for one required agent are not compared for
// FIFO (they are not interchangeable), nor items a partner routes (an
// external queue, or a channel whose partner owns routing: the partner
// chooses the order; capacity and eligibility still hold); a decline makes the decliner
// ineligible for that item from then on, which can only hide a violation,
// never invent one.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/harness/oracles/population_oracle.h"
#include "sim/stack/trace.h"

namespace msgsim::harness {

struct InvariantConfig {
  struct Agent {
    double capacity = 1;  // slots
    bool permission = true;
    std::vector<std::uint32_t> queues;
    std::vector<std::string> skills;
    std::vector<std::string> transfer_skills;  // of its transfer target
  };
  struct Queue {
    QueueWeight weight;
    std::vector<std::string> skills;
    bool external = false;  // a partner routes it in its own order
  };
  struct Channel {
    std::vector<std::string> skills;  // of its routing
    bool routes_to_agent = false;
    bool partner_routing = false;  // a BYOC for CCaaS partner assigns its work
  };
  std::vector<Agent> agents;
  std::vector<Queue> queues;
  std::vector<Channel> channels;
};

struct InvariantSummary {
  std::uint64_t capacity_exceeded = 0;
  std::uint64_t offered_to_ineligible = 0;
  std::uint64_t fifo_violations = 0;
  std::uint64_t checked_offers = 0;

  void merge(const InvariantSummary& other);
  nlohmann::ordered_json to_json() const;
};

class InvariantOracle final : public stack::TraceSink {
 public:
  explicit InvariantOracle(InvariantConfig config);
  void on_trace(const stack::TraceEvent& event) override;
  const InvariantSummary& summary() const { return summary_; }

 private:
  // One per routing request, so kept small: skill sets are interned and the
  // few decliners live in a side table.
  struct Item {
    std::uint64_t age = 0;
    double weight = 0;  // slots held by its agent while assigned
    std::uint32_t queue = 0;
    std::uint32_t skills = 0;  // interned set; 0 = none
    bool preferred_only = false;
    bool pending = false;
    bool accepted = false;
    bool has_declines = false;
    bool partner_routed = false;  // assigned in a partner's order: no FIFO either way
  };
  std::uint32_t intern(std::vector<std::string> skills);
  bool declined(std::uint32_t work, std::uint32_t agent) const;
  struct AgentTrack {
    bool online = false;
    double used = 0;
  };
  void on_requested(const stack::TraceEvent& event);
  void on_offered(const stack::TraceEvent& event);
  void on_released(const stack::TraceEvent& event, bool back_to_queue);
  void set_pending(std::uint32_t work, bool pending);
  bool eligible(const Item& item, std::uint32_t agent) const;
  double weight_for(const Item& item, std::uint32_t agent) const;

  InvariantConfig config_;
  InvariantSummary summary_;
  std::vector<AgentTrack> agents_;
  std::vector<Item> items_;  // by work id
  std::vector<std::set<std::pair<std::uint64_t, std::uint32_t>>> pending_;  // by queue: (age, work)
  // Skills of the next request of a session that is being transferred or
  // re-routed (it does not come from the channel's routing).
  std::map<std::uint32_t, std::vector<std::string>> next_request_skills_;
  std::vector<std::vector<std::string>> skill_sets_{{}};
  std::map<std::vector<std::string>, std::uint32_t> skill_set_ids_;
  std::map<std::uint32_t, std::vector<std::uint32_t>> declined_by_;
  std::uint64_t next_age_ = 0;
};

}  // namespace msgsim::harness
