// A simulated agent working through the console like a person would: after
// an offer it waits `accept_delay`, then declines with `decline_probability`
// or accepts; it answers each customer message after `reply_delay`;
// `handle_time` after accepting it ends the session (or, with
// `transfer_probability`, transfers it, or with `mark_inactive_probability`
// marks the customer inactive); with `end_when_silent`, a customer who has
// not written that long after its reply is ended early (on SMS, WhatsApp,
// Messenger and LINE nobody says they gave up). Its shift sets its presence
// over time. Draws from its own random stream. Owned by the world; single-threaded.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sim/runtime/distribution.h"
#include "sim/runtime/runtime.h"
#include "sim/stack/console/console.h"

namespace msgsim::fakes {

struct ShiftChange {
  runtime::Time at;
  stack::PresenceStatus status = stack::PresenceStatus::kOnline;
};

struct AgentBehaviorSpec {
  runtime::Distribution accept_delay;
  double decline_probability = 0.0;
  runtime::Distribution reply_delay;
  runtime::Distribution handle_time = runtime::Distribution::constant(300.0);
  double transfer_probability = 0.0;
  double mark_inactive_probability = 0.0;
  // After ending, the agent later starts an outbound conversation with the
  // same customer (which meets windows, templates and consent for real).
  double follow_up_probability = 0.0;
  std::optional<runtime::Distribution> follow_up_after;
  // After each reply, how long the agent waits for the customer before
  // ending the session; none = never ends it early.
  std::optional<runtime::Distribution> end_when_silent;
  std::optional<stack::RoutingTarget> transfer_to;
  stack::FlowId transfer_to_flow;  // instead of transfer_to
  std::vector<ShiftChange> shift;
};

class FakeAgent final : public stack::ConsoleClient {
 public:
  FakeAgent(runtime::Runtime& runtime, stack::Console& console, stack::AgentId agent, const std::string& name,
            AgentBehaviorSpec behavior);

  void on_offer(stack::WorkId work, stack::SessionId session, bool accepted) override;
  void on_customer_message(stack::SessionId session, stack::EntryId entry) override;
  void on_withdrawn(stack::WorkId work, stack::SessionId session) override;
  void on_resumed(stack::SessionId session) override;

  std::uint64_t replies_sent() const { return replies_sent_; }
  std::uint64_t follow_ups_started() const { return follow_ups_started_; }
  std::uint64_t follow_ups_refused() const { return follow_ups_refused_; }
  std::uint64_t ended_silent() const { return ended_silent_; }

 private:
  struct Offer {
    stack::WorkId work;
    runtime::EventId decision;
  };
  struct Handling {
    stack::SessionId session;
    runtime::EventId reply;    // pending reply, if any
    runtime::EventId end;
    runtime::EventId silence;  // ends the session unless the customer writes first
  };
  void decide(stack::WorkId work, stack::SessionId session);
  void start_handling(stack::SessionId session);
  void reply(stack::SessionId session);
  void finish(stack::SessionId session);
  void end_silent(stack::SessionId session);
  void drop_handling(stack::SessionId session);
  Handling* find(stack::SessionId session);
  void schedule_reply(Handling& handling);

  runtime::Runtime& runtime_;
  stack::Console& console_;
  stack::AgentId agent_;
  AgentBehaviorSpec behavior_;
  runtime::RandomStream stream_;
  std::vector<Offer> offers_;       // offers not yet answered
  std::vector<Handling> handling_;  // sessions in hand
  std::uint64_t replies_sent_ = 0;
  std::uint64_t follow_ups_started_ = 0;
  std::uint64_t follow_ups_refused_ = 0;
  std::uint64_t ended_silent_ = 0;
  void follow_up(stack::MessagingUserId user);
};

}  // namespace msgsim::fakes
