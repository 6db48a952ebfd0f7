// Messaging sessions and their transcripts. A session belongs to one
// messaging user (its conversation); status changes go through the state
// machine of session_state.h and are published as trace events. Transcript
// entries live in one append-only vector, chained per session, so appending
// never allocates per session. Owned by the Stack; single-threaded.
#pragma once

#include <string_view>
#include <vector>

#include "sim/runtime/event_queue.h"
#include "sim/runtime/time.h"
#include "sim/stack/ids.h"
#include "sim/stack/sessions/session_state.h"
#include "sim/stack/sessions/text_arena.h"
#include "sim/stack/trace.h"

namespace msgsim::stack {

enum class Direction : std::uint8_t { kInbound, kOutbound };

struct TranscriptEntry {
  SessionId session;
  runtime::Time at;
  Direction direction = Direction::kInbound;
  AgentId agent;               // outbound: the sender, none for automation
  std::uint64_t message = 0;   // inbound: provider message id; outbound: OutboundId
  TextRef text;
  EntryId next;                // next entry of the same session
};

struct Session {
  MessagingUserId user;
  ChannelId channel;
  SessionStatus status = SessionStatus::kWaiting;
  SessionOrigin origin = SessionOrigin::kInboundInitiated;
  EndedBy ended_by = EndedBy::kNone;
  runtime::Time created_at;
  runtime::Time ended_at;
  AgentId agent;  // owner once accepted
  WorkId work;    // current work item
  EntryId first_entry;
  EntryId last_entry;
  std::uint32_t entries = 0;
  std::uint32_t unanswered_inbound = 0;  // customer messages since the last outbound
  AgentId last_agent;      // the agent who last owned it
  runtime::EventId timer;  // customer-inactivity timer (Active) or the 24 h end (Inactive)
};

class Sessions {
 public:
  explicit Sessions(const Tracer& tracer) : tracer_(tracer) {}

  void reserve(std::size_t sessions, std::size_t entries) {
    sessions_.reserve(sessions);
    entries_.reserve(entries);
  }
  SessionId create(MessagingUserId user, ChannelId channel, SessionOrigin origin, SessionStatus status,
                   runtime::Time now);
  // Moves a session to `to`. REQUIRES: the state machine allows it.
  void set_status(SessionId id, SessionStatus to, runtime::Time now, EndedBy ended_by = EndedBy::kNone);
  // Appends an entry whose text is `text` (stored in the session store's arena).
  EntryId append(SessionId id, TranscriptEntry entry, std::string_view text);
  std::string_view text(EntryId id) const { return texts_.view(entries_[id.value].text); }

  Session& get(SessionId id) { return sessions_[id.value]; }
  const Session& get(SessionId id) const { return sessions_[id.value]; }
  const TranscriptEntry& entry(EntryId id) const { return entries_[id.value]; }
  std::size_t size() const { return sessions_.size(); }
  std::size_t entry_count() const { return entries_.size(); }
  // Count of sessions currently in each status.
  const std::uint64_t* by_status() const { return by_status_; }

 private:
  const Tracer& tracer_;
  std::vector<Session> sessions_;
  std::vector<TranscriptEntry> entries_;
  TextArena texts_;
  std::uint64_t by_status_[kSessionStatusCount] = {};
};

}  // namespace msgsim::stack
