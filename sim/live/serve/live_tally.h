// What a live session counts from the stack's trace, for /metrics and the
// supervisor view: messages in and out per channel, refused sends (by the
// consent gate, by a channel rule, by the provider), duplicates absorbed,
// and the consent events (opt-outs, opt-ins, refusals) with the latest ones
// kept for the page. A refusal is put down to consent when the ledger, read
// at that instant, would refuse any ordinary message to that user.
// Single-threaded: the io_context thread that runs the world.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/stack/stack.h"
#include "sim/stack/trace.h"

namespace msgsim::live {

struct ChannelTally {
  std::uint64_t inbound = 0;             // customer messages landed in a transcript
  std::uint64_t outbound = 0;            // business messages submitted to the provider
  std::uint64_t refused_consent = 0;     // stopped by the consent gate
  std::uint64_t refused_rules = 0;       // stopped by a channel rule (window, first contact)
  std::uint64_t refused_provider = 0;    // submitted and refused by the provider
  std::uint64_t duplicates = 0;          // provider redeliveries absorbed
  std::uint64_t opt_outs = 0;
  std::uint64_t opt_ins = 0;
};

struct ConsentEvent {
  runtime::Time at;
  std::string kind;  // "opt_out", "opt_in", "refused_consent", "refused_rules", "refused_provider"
  stack::ChannelId channel;
  stack::SessionId session;
  stack::AgentId agent;
  std::string detail;
};

class LiveTally final : public stack::TraceSink {
 public:
  // Told of each consent event as it happens.
  using Observer = std::function<void(const ConsentEvent& event)>;
  LiveTally(stack::Stack& stack, Observer observer);

  void on_trace(const stack::TraceEvent& event) override;

  const ChannelTally& channel(stack::ChannelId id) const { return channels_[id.value]; }
  std::size_t channel_count() const { return channels_.size(); }
  // The newest consent events, oldest first (at most kRecentMax).
  const std::deque<ConsentEvent>& recent() const { return recent_; }
  static constexpr std::size_t kRecentMax = 100;

 private:
  void record(ConsentEvent event);
  void on_refused(const stack::TraceEvent& event);

  stack::Stack& stack_;
  Observer observer_;
  std::vector<ChannelTally> channels_;  // by channel id
  std::deque<ConsentEvent> recent_;
};

// {"at_s","kind","channel","session","agent","detail"}
nlohmann::ordered_json consent_event_json(stack::Stack& stack, const ConsentEvent& event);

}  // namespace msgsim::live
