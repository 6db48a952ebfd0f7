#include "sim/stack/console/console.h"

#include <utility>

namespace msgsim::stack {

using runtime::Status;
using runtime::StatusCode;

void Console::attach(AgentId agent, ConsoleClient* client) {
  if (clients_.size() <= agent.value) clients_.resize(agent.value + 1, nullptr);
  clients_[agent.value] = client;
}

void Console::offer(AgentId agent, WorkId work) {
  ConsoleClient* client = agent.value < clients_.size() ? clients_[agent.value] : nullptr;
  // Work pushed to an agent nobody plays stays Assigned, as it would for an
  // agent who walked away (the push timeout deals with it).
  if (client != nullptr) client->on_offer(work, router_.work(work).session);
}

Status Console::accept(AgentId agent, WorkId work_id) {
  const WorkItem& work = router_.work(work_id);
  if (work.agent != agent || work.state != WorkState::kAssigned) {
    return Status(StatusCode::kRefused, "work is not offered to this agent");
  }
  Session& session = sessions_.get(work.session);
  if (session.status != SessionStatus::kWaiting) {
    return Status(StatusCode::kRefused, "session is not waiting for an agent");
  }
  router_.accept(work_id, runtime_.now());
  session.agent = agent;
  session.work = work_id;
  sessions_.set_status(work.session, SessionStatus::kActive, runtime_.now());
  return Status::ok();
}

Status Console::owns(AgentId agent, SessionId session_id) const {
  const Session& session = sessions_.get(session_id);
  if (session.agent != agent || session.status != SessionStatus::kActive) {
    return Status(StatusCode::kRefused, "the session is not active with this agent");
  }
  return Status::ok();
}

runtime::Result<OutboundId> Console::send(AgentId agent, SessionId session, std::string_view text) {
  Status owned = owns(agent, session);
  if (!owned.is_ok()) return owned;
  return outbound_.send(session, agent, text);
}

Status Console::end_session(AgentId agent, SessionId session_id) {
  Status owned = owns(agent, session_id);
  if (!owned.is_ok()) return owned;
  Session& session = sessions_.get(session_id);
  sessions_.set_status(session_id, SessionStatus::kEnded, runtime_.now(), EndedBy::kAgent);
  MessagingUser& user = users_.get(session.user);
  if (user.open_session == session_id) user.open_session = SessionId();
  router_.close(session.work, runtime_.now());
  return Status::ok();
}

void Console::notify_customer_message(SessionId session_id, EntryId entry) {
  const Session& session = sessions_.get(session_id);
  if (!session.agent || session.status != SessionStatus::kActive) return;
  ConsoleClient* client = session.agent.value < clients_.size() ? clients_[session.agent.value] : nullptr;
  if (client != nullptr) client->on_customer_message(session_id, entry);
}

}  // namespace msgsim::stack
