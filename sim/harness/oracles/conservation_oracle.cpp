#include "sim/harness/oracles/conservation_oracle.h"

#include "sim/stack/channels/payloads.h"

namespace msgsim::harness {

using stack::DeliveryState;
using stack::TraceKind;

void ConservationOracle::on_trace(const stack::TraceEvent& event) {
  switch (event.kind) {
    case TraceKind::kInboundAccepted: {
      if (landed_.size() <= event.message) landed_.resize(event.message + 1, 0);
      if (landed_[event.message] < 255) ++landed_[event.message];
      break;
    }
    case TraceKind::kOutboundSubmitted: {
      ++outbound_;
      if (outbound_state_.size() <= event.outbound.value) outbound_state_.resize(event.outbound.value + 1, 0);
      outbound_state_[event.outbound.value] = static_cast<std::uint8_t>(DeliveryState::kQueued) + 1;
      break;
    }
    case TraceKind::kDeliveryStatus: {
      if (event.outbound.value < outbound_state_.size()) outbound_state_[event.outbound.value] = event.detail + 1;
      break;
    }
    default: break;
  }
}

MessagesSummary ConservationOracle::finish(const fakes::GroundTruth& truth, std::uint64_t in_flight) const {
  MessagesSummary summary;
  summary.sent_by_customers = truth.messages().size();
  summary.outbound = outbound_;
  summary.in_flight_at_end = in_flight;
  std::uint64_t never_landed = 0;
  for (std::size_t id = 0; id < truth.messages().size(); ++id) {
    const std::uint8_t landed = id < landed_.size() ? landed_[id] : 0;
    if (landed == 0) ++never_landed;
    if (landed > 1) summary.transcript_duplicates += landed - 1u;
    summary.inbound += landed > 0 ? 1 : 0;
  }
  summary.lost = never_landed > in_flight ? never_landed - in_flight : 0;
  for (std::uint8_t state : outbound_state_) {
    if (state == 0) continue;
    const auto final_state = static_cast<DeliveryState>(state - 1);
    if (final_state == DeliveryState::kFailed) ++summary.failed;
    if (final_state == DeliveryState::kDelivered || final_state == DeliveryState::kRead) ++summary.delivered;
  }
  return summary;
}

void MessagesSummary::merge(const MessagesSummary& other) {
  sent_by_customers += other.sent_by_customers;
  inbound += other.inbound;
  outbound += other.outbound;
  delivered += other.delivered;
  failed += other.failed;
  in_flight_at_end += other.in_flight_at_end;
  lost += other.lost;
  transcript_duplicates += other.transcript_duplicates;
}

nlohmann::ordered_json MessagesSummary::to_json() const {
  return {{"inbound", inbound},
          {"outbound", outbound},
          {"delivered", delivered},
          {"failed", failed},
          {"sent_by_customers", sent_by_customers},
          {"in_flight_at_end", in_flight_at_end},
          {"lost", lost},
          {"transcript_duplicates", transcript_duplicates}};
}

}  // namespace msgsim::harness
