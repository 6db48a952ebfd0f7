// Judges routing latency from the trace alone: from the moment a routing
// request is created to the moment an agent accepts it, overall, by channel and
// by queue; whether the request had to wait because no eligible agent was free
// when it was created (its first offer came later than its creation); offer
// and acceptance counts. One per replication; summaries merge exactly.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/harness/histogram.h"
#include "sim/stack/trace.h"

namespace msgsim::harness {

struct RoutingSummary {
  std::uint64_t requests = 0;
  std::uint64_t offers = 0;
  std::uint64_t accepted = 0;
  std::uint64_t waited = 0;  // accepted requests first offered after their creation
  std::uint64_t declined = 0;
  std::uint64_t push_timeouts = 0;
  std::uint64_t transfers = 0;
  std::uint64_t overflowed = 0;
  std::uint64_t canceled = 0;
  Histogram first_reply;  // session created -> first agent message
  Histogram canceled_wait;  // request -> canceled before an agent accepted (the customer left)
  Histogram latency;
  Histogram offer_latency;
  std::vector<std::string> channel_names;
  std::vector<Histogram> latency_by_channel;
  std::vector<std::uint64_t> requests_by_channel;
  std::vector<std::string> queue_names;
  std::vector<Histogram> latency_by_queue;
  std::vector<std::uint64_t> requests_by_queue;

  void merge(const RoutingSummary& other);
  nlohmann::ordered_json to_json() const;
  nlohmann::ordered_json response_json() const;
};

class RoutingOracle final : public stack::TraceSink {
 public:
  RoutingOracle(std::vector<std::string> channel_names, std::vector<std::string> queue_names);
  void on_trace(const stack::TraceEvent& event) override;
  const RoutingSummary& summary() const { return summary_; }

 private:
  struct Request {
    runtime::Time requested_at;
    runtime::Time first_offer_at;
    bool offered = false;
  };
  RoutingSummary summary_;
  std::vector<Request> requests_;  // by work id
  std::vector<runtime::Time> session_created_;  // by session id
  std::vector<std::uint8_t> session_replied_;   // by session id
};

}  // namespace msgsim::harness
