#include "sim/live/serve/live_tally.h"

#include <utility>

namespace msgsim::live {

LiveTally::LiveTally(stack::Stack& stack, Observer observer)
    : stack_(stack), observer_(std::move(observer)), channels_(stack.channels().size()) {}

void LiveTally::record(ConsentEvent event) {
  recent_.push_back(std::move(event));
  if (recent_.size() > kRecentMax) recent_.pop_front();
  if (observer_) observer_(recent_.back());
}

void LiveTally::on_refused(const stack::TraceEvent& event) {
  ChannelTally& tally = channels_[event.channel.value];
  const stack::ChannelSettings& settings = stack_.channels().settings(event.channel);
  const runtime::Status consent =
      stack_.consent().allows(event.user, settings.consent, stack::ConsentResponse::kNone);
  ConsentEvent refused{event.at, {}, event.channel, event.session, event.agent, {}};
  if (!consent.is_ok()) {
    ++tally.refused_consent;
    refused.kind = "refused_consent";
    refused.detail = consent.message();
  } else {
    ++tally.refused_rules;
    refused.kind = "refused_rules";
    refused.detail = "refused by a rule of the channel";
  }
  record(std::move(refused));
}

void LiveTally::on_trace(const stack::TraceEvent& event) {
  switch (event.kind) {
    case stack::TraceKind::kInboundAccepted: ++channels_[event.channel.value].inbound; break;
    case stack::TraceKind::kOutboundSubmitted: ++channels_[event.channel.value].outbound; break;
    case stack::TraceKind::kDuplicateAbsorbed: ++channels_[event.channel.value].duplicates; break;
    case stack::TraceKind::kOutboundRefused: on_refused(event); break;
    case stack::TraceKind::kProviderRefused:
      ++channels_[event.channel.value].refused_provider;
      record(ConsentEvent{event.at, "refused_provider", event.channel, event.session, stack::AgentId(),
                          "provider error " + std::to_string(event.message)});
      break;
    case stack::TraceKind::kSessionCreated: {
      const stack::SessionOrigin origin = stack_.sessions().get(event.session).origin;
      if (origin == stack::SessionOrigin::kOptOut) {
        ++channels_[event.channel.value].opt_outs;
        record(ConsentEvent{event.at, "opt_out", event.channel, event.session, stack::AgentId(), "opt-out keyword"});
      }
      if (origin == stack::SessionOrigin::kOptIn) {
        ++channels_[event.channel.value].opt_ins;
        record(ConsentEvent{event.at, "opt_in", event.channel, event.session, stack::AgentId(), "opt-in keyword"});
      }
      break;
    }
    default: break;
  }
}

nlohmann::ordered_json consent_event_json(stack::Stack& stack, const ConsentEvent& event) {
  return {{"at_s", event.at.to_seconds()},
          {"kind", event.kind},
          {"channel", stack.channels().settings(event.channel).id},
          {"session", event.session.valid() ? nlohmann::ordered_json(event.session.value) : nullptr},
          {"agent", event.agent.valid() ? nlohmann::ordered_json(stack.router().agent(event.agent).id) : nullptr},
          {"detail", event.detail}};
}

}  // namespace msgsim::live
