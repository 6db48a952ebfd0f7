// What the agent console shows of a conversation: the session's transcript,
// and the history of every messaging user linked to the same contact (the
// person's earlier sessions on any channel: the cross-channel view). A trace
// sink keeps each messaging user's sessions in order, since the stack keeps
// only a user's newest one; the views read the stack's records.
// Single-threaded: the io_context thread that runs the world.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/stack/stack.h"
#include "sim/stack/trace.h"

namespace msgsim::live {

class ConversationIndex final : public stack::TraceSink {
 public:
  explicit ConversationIndex(stack::Stack& stack) : stack_(stack) {}
  void on_trace(const stack::TraceEvent& event) override;

  // `user`'s sessions, oldest first.
  const std::vector<stack::SessionId>& sessions_of(stack::MessagingUserId user) const;

 private:
  stack::Stack& stack_;
  std::vector<std::vector<stack::SessionId>> sessions_by_user_;
};

// How the console names a customer (their address on the channel).
using CustomerAddress = std::function<std::string(stack::MessagingUserId user)>;

// {"session","channel","type","status","created_s","customer","contact","entries":[...],
//  "history":[{"session","channel","status","created_s","customer","entries":[...]}]}
// Entries: {"at_s","direction":"customer"|"business","agent","text","delivery"}.
// History holds the contact's other sessions (all channels), oldest first.
// REQUIRES: `session` exists.
nlohmann::ordered_json conversation_json(stack::Stack& stack, const ConversationIndex& index,
                                         stack::SessionId session, const CustomerAddress& address_of);

}  // namespace msgsim::live
