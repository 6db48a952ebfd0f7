#include "sim/stack/sessions/sessions.h"

#include <utility>

#include "sim/runtime/check.h"

namespace msgsim::stack {

SessionId Sessions::create(MessagingUserId user, ChannelId channel, SessionOrigin origin, SessionStatus status,
                           runtime::Time now) {
  SessionId id(static_cast<std::uint32_t>(sessions_.size()));
  Session session;
  session.user = user;
  session.channel = channel;
  session.status = status;
  session.origin = origin;
  session.created_at = now;
  sessions_.push_back(session);
  ++by_status_[static_cast<int>(status)];
  TraceEvent event{now, TraceKind::kSessionCreated};
  event.session = id;
  event.user = user;
  event.channel = channel;
  tracer_.publish(event);
  TraceEvent status_event{now, TraceKind::kSessionStatus, static_cast<std::uint8_t>(status)};
  status_event.session = id;
  status_event.channel = channel;
  tracer_.publish(status_event);
  return id;
}

void Sessions::set_status(SessionId id, SessionStatus to, runtime::Time now, EndedBy ended_by) {
  Session& session = sessions_[id.value];
  MSGSIM_CHECK_MSG(transition_allowed(session.status, to), session_status_name(to));
  --by_status_[static_cast<int>(session.status)];
  ++by_status_[static_cast<int>(to)];
  session.status = to;
  if (!is_open(to)) {
    session.ended_at = now;
    session.ended_by = ended_by;
  }
  TraceEvent event{now, TraceKind::kSessionStatus, static_cast<std::uint8_t>(to)};
  event.session = id;
  event.channel = session.channel;
  event.user = session.user;
  tracer_.publish(event);
}

EntryId Sessions::append(SessionId id, TranscriptEntry entry, std::string_view text) {
  Session& session = sessions_[id.value];
  EntryId entry_id(static_cast<std::uint32_t>(entries_.size()));
  entry.session = id;
  entry.text = texts_.store(text);
  entries_.push_back(entry);
  if (session.last_entry) {
    entries_[session.last_entry.value].next = entry_id;
  } else {
    session.first_entry = entry_id;
  }
  session.last_entry = entry_id;
  ++session.entries;
  return entry_id;
}

}  // namespace msgsim::stack
