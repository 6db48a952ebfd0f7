// A simulated agent working through the console like a person would: after
// an offer it waits `accept_delay` and accepts; it answers each customer
// message after `reply_delay`; `handle_time` after accepting it ends the
// session, which frees its capacity. Draws from its own random stream.
// Owned by the world; single-threaded.
#pragma once

#include <string>
#include <vector>

#include "sim/runtime/distribution.h"
#include "sim/runtime/runtime.h"
#include "sim/stack/console/console.h"

namespace msgsim::fakes {

struct AgentBehaviorSpec {
  runtime::Distribution accept_delay;
  runtime::Distribution reply_delay;
  runtime::Distribution handle_time = runtime::Distribution::constant(300.0);
};

class FakeAgent final : public stack::ConsoleClient {
 public:
  FakeAgent(runtime::Runtime& runtime, stack::Console& console, stack::AgentId agent, const std::string& name,
            AgentBehaviorSpec behavior);

  void on_offer(stack::WorkId work, stack::SessionId session) override;
  void on_customer_message(stack::SessionId session, stack::EntryId entry) override;

  std::uint64_t replies_sent() const { return replies_sent_; }

 private:
  struct Handling {
    stack::SessionId session;
    runtime::EventId reply;  // pending reply, if any
  };
  void accept(stack::WorkId work, stack::SessionId session);
  void reply(stack::SessionId session);
  void end(stack::SessionId session);
  Handling* find(stack::SessionId session);
  void schedule_reply(Handling& handling);

  runtime::Runtime& runtime_;
  stack::Console& console_;
  stack::AgentId agent_;
  AgentBehaviorSpec behavior_;
  runtime::RandomStream stream_;
  std::vector<Handling> handling_;  // at most `capacity` entries
  std::uint64_t replies_sent_ = 0;
};

}  // namespace msgsim::fakes
