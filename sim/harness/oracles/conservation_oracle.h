// Conservation of messages, judged against the fakes' ground truth: every
// message a customer handed to a provider must land exactly once in a
// transcript. Lost = sent - landed - still in flight at the end; a message
// that landed twice is a transcript duplicate. Also counts outbound messages
// by their final delivery state, and judges that state against the ground
// truth's reported statuses: a message whose record in the stack ended
// behind the most advanced status its provider delivered (a late `delivered`
// written over `read`, a status never applied) is a status downgrade.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "fakes/ground_truth.h"
#include "sim/stack/trace.h"

namespace msgsim::harness {

struct MessagesSummary {
  std::uint64_t sent_by_customers = 0;
  std::uint64_t inbound = 0;  // landed in a transcript
  std::uint64_t outbound = 0;
  std::uint64_t delivered = 0;
  std::uint64_t failed = 0;
  std::uint64_t in_flight_at_end = 0;
  std::uint64_t lost = 0;
  std::uint64_t transcript_duplicates = 0;
  std::uint64_t duplicates_absorbed = 0;  // provider redeliveries the stack dropped
  // Sends the provider's API refused (its error code, e.g. 21610, 131047).
  std::uint64_t rejected_by_provider = 0;
  // Business messages whose state in the stack ended behind the most
  // advanced status their provider delivered, of the statuses_judged ones
  // (every message a provider delivered a status about).
  std::uint64_t status_downgrades = 0;
  std::uint64_t statuses_judged = 0;
  // Per channel, in channel order.
  struct ChannelCounts {
    std::uint64_t inbound = 0, outbound = 0, delivered = 0, failed = 0;
  };
  std::vector<std::string> channel_names;
  std::vector<ChannelCounts> channels;

  void merge(const MessagesSummary& other);
  nlohmann::ordered_json to_json() const;
  nlohmann::ordered_json channels_json() const;
};

// The stack's id of the business message the gateway of wire channel
// `channel` numbered `number` (nullopt: the stack never learned of it).
// Statuses numbered by the stack itself (typed channels) need none.
using OutboundResolver =
    std::function<std::optional<stack::OutboundId>(stack::ChannelId channel, std::uint64_t number)>;

class ConservationOracle final : public stack::TraceSink {
 public:
  explicit ConservationOracle(std::vector<std::string> channel_names) : channel_names_(std::move(channel_names)) {}
  void on_trace(const stack::TraceEvent& event) override;
  // Compares with the ground truth; `in_flight` = customer messages the
  // providers still held when the run stopped; `resolve` names the stack's
  // id of each message a wire channel's gateway reported a status about.
  MessagesSummary finish(const fakes::GroundTruth& truth, std::uint64_t in_flight,
                         const OutboundResolver& resolve = {}) const;

 private:
  std::vector<std::uint8_t> landed_;             // by provider message id (saturating)
  std::vector<std::uint8_t> outbound_state_;     // by outbound id: stack::DeliveryState + 1, 0 = none
  std::uint64_t outbound_ = 0;
  std::uint64_t duplicates_absorbed_ = 0;
  std::uint64_t rejected_by_provider_ = 0;
  std::vector<std::string> channel_names_;
  std::vector<std::uint32_t> outbound_channel_;  // by outbound id
  std::vector<std::uint64_t> inbound_by_channel_;
};

}  // namespace msgsim::harness
