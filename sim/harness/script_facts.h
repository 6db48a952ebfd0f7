// What the stack did for the scripted customers, read from its trace (as an
// oracle would, never from the stack's own bookkeeping): their messaging
// users, their sessions in creation order with status and the agents who
// accepted them, the session each of their messages landed in, and who sent
// each business message addressed to them (an agent, or automation). Facts
// about population customers are ignored at the cost of one lookup per event.
// Owned by the script checker; single-threaded.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "fakes/ground_truth.h"
#include "sim/runtime/time.h"
#include "sim/stack/ids.h"
#include "sim/stack/sessions/sessions.h"
#include "sim/stack/trace.h"

namespace msgsim::harness {

struct ScriptUserFacts {
  stack::MessagingUserId id;
  stack::ChannelId channel;
  stack::CustomerHandle handle;
};

struct ScriptSessionFacts {
  stack::SessionId id;
  stack::ChannelId channel;
  stack::MessagingUserId user;
  runtime::Time created_at;
  stack::SessionStatus status = stack::SessionStatus::kWaiting;
  runtime::Time status_at;
  std::optional<runtime::Time> first_accepted_at;
  stack::AgentId agent;  // who accepted it last; none before the first acceptance
};

// The sender of one business message as the stack submitted it.
struct BusinessSender {
  bool known = false;  // a submission with that text to that handle was seen
  stack::AgentId agent;  // none = automation (auto-response)
};

class ScriptFacts {
 public:
  // `sessions` is read only for the text of submitted business messages.
  ScriptFacts(const fakes::GroundTruth& truth, const stack::Sessions& sessions, std::size_t scripts);

  // Records `event`; returns the script whose facts changed, if any.
  std::optional<std::uint32_t> apply(const stack::TraceEvent& event);

  // The messaging user the stack made for `handle` on `channel`, or none.
  stack::MessagingUserId user_of(std::uint32_t script, stack::ChannelId channel, stack::CustomerHandle handle) const;
  // The session that the customer message `message` (provider id) landed in, or null.
  const ScriptSessionFacts* session_of_message(std::uint64_t message) const;
  // The script's sessions, in creation order.
  const std::vector<ScriptSessionFacts>& sessions(std::uint32_t script) const { return scripts_[script].sessions; }
  // The latest session of `user`, or null.
  const ScriptSessionFacts* latest_session_of(std::uint32_t script, stack::MessagingUserId user) const;
  // Who sent the business message `text` that reached `handle` on `channel`:
  // matched with the earliest submission of that text to that messaging user
  // not matched yet (providers may reorder, texts identify), and consumed.
  BusinessSender take_sender(std::uint32_t script, stack::ChannelId channel, stack::CustomerHandle handle,
                             const std::string& text);

 private:
  struct Submitted {
    stack::MessagingUserId user;
    stack::AgentId agent;
    std::string text;
  };
  struct PerScript {
    std::vector<ScriptUserFacts> users;
    std::vector<ScriptSessionFacts> sessions;
    std::vector<Submitted> submitted;  // not yet seen on a device
  };
  struct SessionRef {
    std::uint32_t script;
    std::uint32_t index;  // into PerScript::sessions
  };
  std::optional<std::uint32_t> on_user_created(const stack::TraceEvent& event);
  std::optional<std::uint32_t> on_session_created(const stack::TraceEvent& event);
  std::optional<std::uint32_t> on_session_event(const stack::TraceEvent& event);
  std::optional<std::uint32_t> on_user_event(const stack::TraceEvent& event);
  std::optional<std::uint32_t> script_of_user(stack::MessagingUserId user) const;

  const fakes::GroundTruth& truth_;
  const stack::Sessions& stack_sessions_;
  std::vector<PerScript> scripts_;
  // Lookups by id only (never iterated, so their order reaches nothing).
  std::unordered_map<std::uint32_t, std::uint32_t> script_of_user_;
  std::unordered_map<std::uint32_t, SessionRef> session_refs_;
  std::unordered_map<std::uint64_t, SessionRef> session_of_message_;
};

}  // namespace msgsim::harness
