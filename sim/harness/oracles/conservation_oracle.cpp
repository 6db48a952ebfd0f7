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
      if (inbound_by_channel_.size() <= event.channel.value) inbound_by_channel_.resize(event.channel.value + 1, 0);
      ++inbound_by_channel_[event.channel.value];
      break;
    }
    case TraceKind::kOutboundSubmitted: {
      ++outbound_;
      if (outbound_state_.size() <= event.outbound.value) outbound_state_.resize(event.outbound.value + 1, 0);
      outbound_state_[event.outbound.value] = static_cast<std::uint8_t>(DeliveryState::kQueued) + 1;
      if (outbound_channel_.size() <= event.outbound.value) outbound_channel_.resize(event.outbound.value + 1, 0);
      outbound_channel_[event.outbound.value] = event.channel.value;
      break;
    }
    case TraceKind::kDeliveryStatus: {
      if (event.outbound.value < outbound_state_.size()) outbound_state_[event.outbound.value] = event.detail + 1;
      break;
    }
    case TraceKind::kDuplicateAbsorbed: ++duplicates_absorbed_; break;
    case TraceKind::kProviderRefused: ++rejected_by_provider_; break;
    default: break;
  }
}

MessagesSummary ConservationOracle::finish(const fakes::GroundTruth& truth, std::uint64_t in_flight,
                                           const OutboundResolver& resolve) const {
  MessagesSummary summary;
  summary.sent_by_customers = truth.messages().size();
  summary.outbound = outbound_;
  summary.duplicates_absorbed = duplicates_absorbed_;
  summary.rejected_by_provider = rejected_by_provider_;
  summary.channel_names = channel_names_;
  summary.channels.resize(channel_names_.size());
  for (std::size_t c = 0; c < inbound_by_channel_.size() && c < summary.channels.size(); ++c) {
    summary.channels[c].inbound = inbound_by_channel_[c];
  }
  summary.in_flight_at_end = in_flight;
  std::uint64_t never_landed = 0;
  for (std::size_t id = 0; id < truth.messages().size(); ++id) {
    const std::uint8_t landed = id < landed_.size() ? landed_[id] : 0;
    if (landed == 0) ++never_landed;
    if (landed > 1) summary.transcript_duplicates += landed - 1u;
    summary.inbound += landed > 0 ? 1 : 0;
  }
  summary.lost = never_landed > in_flight ? never_landed - in_flight : 0;
  for (std::size_t id = 0; id < outbound_state_.size(); ++id) {
    const std::uint8_t state = outbound_state_[id];
    if (state == 0) continue;
    MessagesSummary::ChannelCounts& channel = summary.channels[outbound_channel_[id]];
    ++channel.outbound;
    const auto final_state = static_cast<DeliveryState>(state - 1);
    if (final_state == DeliveryState::kFailed) {
      ++summary.failed;
      ++channel.failed;
    }
    if (final_state == DeliveryState::kDelivered || final_state == DeliveryState::kRead) {
      ++summary.delivered;
      ++channel.delivered;
    }
  }
  // The enum's order is the order of advancement (failed, being final, last);
  // outbound_state_ holds the state the stack last traced, plus one.
  truth.reported_statuses().for_each([&](stack::ChannelId channel, std::uint64_t number, DeliveryState reported) {
    ++summary.statuses_judged;
    // No channel: numbered by the stack itself (typed); else by the
    // channel's gateway, which only the resolver can translate.
    std::optional<stack::OutboundId> id;
    if (!channel.valid()) {
      if (number < stack::OutboundId::kNone) id = stack::OutboundId(static_cast<std::uint32_t>(number));
    } else if (resolve) {
      id = resolve(channel, number);
    }
    const std::uint8_t state = id && id->value < outbound_state_.size() ? outbound_state_[id->value] : 0;
    if (state < static_cast<std::uint8_t>(reported) + 1) ++summary.status_downgrades;
  });
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
  duplicates_absorbed += other.duplicates_absorbed;
  rejected_by_provider += other.rejected_by_provider;
  status_downgrades += other.status_downgrades;
  statuses_judged += other.statuses_judged;
  for (std::size_t c = 0; c < channels.size() && c < other.channels.size(); ++c) {
    channels[c].inbound += other.channels[c].inbound;
    channels[c].outbound += other.channels[c].outbound;
    channels[c].delivered += other.channels[c].delivered;
    channels[c].failed += other.channels[c].failed;
  }
}

nlohmann::ordered_json MessagesSummary::to_json() const {
  return {{"inbound", inbound},
          {"outbound", outbound},
          {"delivered", delivered},
          {"failed", failed},
          {"rejected_by_provider", rejected_by_provider},
          {"sent_by_customers", sent_by_customers},
          {"in_flight_at_end", in_flight_at_end},
          {"lost", lost},
          {"transcript_duplicates", transcript_duplicates},
          {"duplicates_absorbed", duplicates_absorbed},
          {"status_downgrades", status_downgrades}};
}

nlohmann::ordered_json MessagesSummary::channels_json() const {
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  for (std::size_t c = 0; c < channel_names.size(); ++c) {
    out[channel_names[c]] = {{"inbound", channels[c].inbound},
                             {"outbound", channels[c].outbound},
                             {"delivered", channels[c].delivered},
                             {"failed", channels[c].failed}};
  }
  return out;
}

}  // namespace msgsim::harness
