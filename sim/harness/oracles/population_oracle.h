// Customers, sessions and agents as the trace shows them: who arrived (ground
// truth) and who was served (a routing request of theirs was accepted);
// sessions created and their statuses at the end; agent utilization, the
// time-average of used capacity over capacity while online.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "fakes/ground_truth.h"
#include "sim/stack/trace.h"

namespace msgsim::harness {

struct PopulationSummary {
  std::uint64_t arrived = 0;
  std::uint64_t served = 0;
  std::uint64_t abandoned = 0;
  std::uint64_t resolved_by_bot = 0;  // sessions a flow's bot ended itself
  std::uint64_t sessions_created = 0;
  std::uint64_t sessions_by_status[8] = {};
  std::uint64_t agents = 0;
  double busy_capacity_s = 0.0;    // integral of used capacity over time
  double online_capacity_s = 0.0;  // integral of capacity while online

  void merge(const PopulationSummary& other);
  nlohmann::ordered_json customers_json() const;
  nlohmann::ordered_json sessions_json() const;
  nlohmann::ordered_json agents_json() const;
};

struct AgentFacts {
  int capacity = 1;  // slots
};

// What one item of a queue takes of an agent's capacity.
struct QueueWeight {
  int slots = 1;
  std::optional<double> percentage;  // of the agent's capacity, replaces `slots`
};

class PopulationOracle final : public stack::TraceSink {
 public:
  // `queue_weights`: capacity weight of each queue; `agents`: by agent id.
  PopulationOracle(const fakes::GroundTruth& truth, std::vector<QueueWeight> queue_weights,
                   std::vector<AgentFacts> agents);
  void on_trace(const stack::TraceEvent& event) override;
  PopulationSummary finish(runtime::Time end) const;

 private:
  struct AgentTrack {
    double capacity = 1;  // slots
    double used = 0;
    bool online = false;
    runtime::Time since;
    double busy_s = 0.0;
    double online_s = 0.0;
  };
  void advance(AgentTrack& agent, runtime::Time now) const;

  const fakes::GroundTruth& truth_;
  std::vector<QueueWeight> queue_weights_;
  std::vector<AgentTrack> agents_;
  std::vector<std::uint32_t> person_of_user_;     // by messaging user id
  std::vector<std::uint32_t> user_of_session_;    // by session id
  std::vector<std::uint8_t> status_of_session_;   // by session id
  std::vector<std::uint8_t> served_;              // by person id
  std::vector<double> weight_of_work_;            // by work id, in slots
  std::uint64_t resolved_by_bot_ = 0;
};

}  // namespace msgsim::harness
