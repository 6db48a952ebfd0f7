#include "sim/stack/console/console.h"

#include "sim/stack/routing/flows.h"

namespace msgsim::stack {

using runtime::Status;
using runtime::StatusCode;

void Console::attach(AgentId agent, ConsoleClient* console_client) {
  if (clients_.size() <= agent.value) clients_.resize(agent.value + 1, nullptr);
  clients_[agent.value] = console_client;
}

void Console::offer(AgentId agent, WorkId work) {
  const bool auto_accept = router_.agent(agent).presence.auto_accept;
  if (auto_accept) (void)accept(agent, work);
  // Work pushed to an agent nobody plays stays Assigned, as it would for an
  // agent who walked away (the push timeout deals with it).
  ConsoleClient* agent_client = client(agent);
  if (agent_client != nullptr) agent_client->on_offer(work, router_.work(work).session, auto_accept);
}

Status Console::accept(AgentId agent, WorkId work_id) {
  const WorkItem& work = router_.work(work_id);
  if (work.agent != agent || work.state != WorkState::kAssigned) {
    return Status(StatusCode::kRefused, "work is not offered to this agent");
  }
  Session& session = sessions_.get(work.session);
  // New: an agent-initiated session the customer answered (status-based).
  if (session.status != SessionStatus::kWaiting && session.status != SessionStatus::kNew) {
    return Status(StatusCode::kRefused, "session is not waiting for an agent");
  }
  stop_timer(work.session);
  router_.accept(work_id);
  session.agent = agent;
  session.work = work_id;
  users_.get(session.user).last_agent = agent;
  sessions_.set_status(work.session, SessionStatus::kActive, runtime_.now());
  outbound_.announce_agent(work.session);
  return Status::ok();
}

Status Console::decline(AgentId agent, WorkId work_id) {
  const WorkItem& work = router_.work(work_id);
  if (work.agent != agent || work.state != WorkState::kAssigned) {
    return Status(StatusCode::kRefused, "work is not offered to this agent");
  }
  if (!router_.agent(agent).presence.decline_enabled) {
    return Status(StatusCode::kRefused, "this agent's presence configuration does not allow declining");
  }
  router_.decline(work_id);
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
  runtime::Result<OutboundId> sent = outbound_.send(session, agent, text);
  if (sent.is_ok()) start_inactivity_timer(session);
  return sent;
}

// The customer-inactivity timer starts at the agent's first reply after the
// customer's last message; the customer writing stops it.
void Console::start_inactivity_timer(SessionId session_id) {
  Session& session = sessions_.get(session_id);
  const runtime::Duration timeout = channels_.settings(session.channel).customer_inactivity_timeout;
  // The timer is off under status-based capacity.
  if (capacity_model_ == CapacityModel::kStatusBased) return;
  if (timeout <= runtime::Duration::zero() || session.timer) return;
  session.timer = runtime_.schedule_after(timeout, [this, session_id]() {
    sessions_.get(session_id).timer = runtime::EventId();
    if (sessions_.get(session_id).status == SessionStatus::kActive) make_inactive(session_id);
  });
}

void Console::stop_timer(SessionId session_id) {
  Session& session = sessions_.get(session_id);
  runtime_.cancel(session.timer);
  session.timer = runtime::EventId();
}

Status Console::mark_inactive(AgentId agent, SessionId session_id) {
  Status owned = owns(agent, session_id);
  if (!owned.is_ok()) return owned;
  stop_timer(session_id);
  if (capacity_model_ == CapacityModel::kStatusBased) {
    make_paused(session_id);
  } else {
    make_inactive(session_id);
  }
  return Status::ok();
}

// Status-based capacity: the session pauses, its work stays with the agent
// and keeps its weight until the customer writes (Active, same agent) or a
// day passes (the work closes).
void Console::make_paused(SessionId session_id) {
  sessions_.set_status(session_id, SessionStatus::kPaused, runtime_.now());
  end_after_a_day(session_id);
}

void Console::end_after_a_day(SessionId session_id) {
  sessions_.get(session_id).timer = runtime_.schedule_after(kInactiveEndsAfter, [this, session_id]() {
    Session& waiting = sessions_.get(session_id);
    waiting.timer = runtime::EventId();
    if (waiting.status == SessionStatus::kPaused) {
      const AgentId agent = waiting.agent;
      sessions_.set_status(session_id, SessionStatus::kEnded, runtime_.now(), EndedBy::kSystem);
      router_.close(waiting.work);
      ConsoleClient* agent_client = client(agent);
      if (agent_client != nullptr) agent_client->on_withdrawn(waiting.work, session_id);
    } else if (waiting.status == SessionStatus::kInactive) {
      sessions_.set_status(session_id, SessionStatus::kEnded, runtime_.now(), EndedBy::kSystem);
    }
  });
}

// Active -> Inactive: the work closes (tab-based capacity is freed), the
// agent is told, and the session ends by System after 24 h unless the
// customer writes again.
void Console::make_inactive(SessionId session_id) {
  Session& session = sessions_.get(session_id);
  const AgentId agent = session.agent;
  const WorkId work = session.work;
  session.last_agent = agent;
  session.agent = AgentId();
  sessions_.set_status(session_id, SessionStatus::kInactive, runtime_.now());
  router_.close(work);
  ConsoleClient* agent_client = client(agent);
  if (agent_client != nullptr) agent_client->on_withdrawn(work, session_id);
  end_after_a_day(session_id);
}

void Console::reactivate(SessionId session_id) {
  stop_timer(session_id);
  Session& session = sessions_.get(session_id);
  if (session.status == SessionStatus::kPaused) {
    sessions_.set_status(session_id, SessionStatus::kActive, runtime_.now());
    ConsoleClient* agent_client = client(session.agent);
    if (agent_client != nullptr) agent_client->on_resumed(session_id);
    return;
  }
  sessions_.set_status(session_id, SessionStatus::kWaiting, runtime_.now());
  const WorkItem& previous = router_.work(session.work);
  RoutingTarget target;
  target.queue = previous.queue;
  target.additional_skills = router_.skill_set(previous.additional_skills);
  target.partner_routed = previous.partner_routed;
  // The agent who had the conversation is tried first, not waited for.
  target.preferred_agent = session.last_agent;
  session.work = router_.request(session_id, session.channel, target);
}

Status Console::end_session(AgentId agent, SessionId session_id) {
  Status owned = owns(agent, session_id);
  if (!owned.is_ok()) return owned;
  stop_timer(session_id);
  Session& session = sessions_.get(session_id);
  session.last_agent = agent;
  sessions_.set_status(session_id, SessionStatus::kEnded, runtime_.now(), EndedBy::kAgent);
  router_.close(session.work);
  return Status::ok();
}

Status Console::transfer(AgentId agent, SessionId session_id, const RoutingTarget& target) {
  Status owned = owns(agent, session_id);
  if (!owned.is_ok()) return owned;
  stop_timer(session_id);
  Session& session = sessions_.get(session_id);
  session.last_agent = agent;
  session.agent = AgentId();
  sessions_.set_status(session_id, SessionStatus::kWaiting, runtime_.now());
  session.work = router_.transfer(session.work, target);
  return Status::ok();
}

runtime::Result<SessionId> Console::start_conversation(AgentId agent, MessagingUserId user_id, std::string_view text) {
  MessagingUser& user = users_.get(user_id);
  if (user.open_session && is_open(sessions_.get(user.open_session).status)) {
    return Status(StatusCode::kRefused, "the customer is in a live session");
  }
  const SessionId session_id =
      sessions_.create(user_id, user.channel, SessionOrigin::kAgentInitiated, SessionStatus::kNew, runtime_.now());
  user.open_session = session_id;
  user.last_session = session_id;
  Session& session = sessions_.get(session_id);
  session.agent = agent;
  session.last_agent = agent;
  runtime::Result<OutboundId> sent = outbound_.send(session_id, agent, text);
  if (!sent.is_ok()) {
    sessions_.set_status(session_id, SessionStatus::kEnded, runtime_.now(), EndedBy::kSystem);
    return sent.status();
  }
  sessions_.get(session_id).timer = runtime_.schedule_after(kUnansweredEndsAfter, [this, session_id]() {
    Session& unanswered = sessions_.get(session_id);
    unanswered.timer = runtime::EventId();
    if (unanswered.status == SessionStatus::kNew && !unanswered.work) {
      sessions_.set_status(session_id, SessionStatus::kEnded, runtime_.now(), EndedBy::kSystem);
    }
  });
  return session_id;
}

void Console::on_late_refusal(OutboundId id) {
  const SessionId session_id = outbound_.record(id).session;
  const Session& session = sessions_.get(session_id);
  if (session.status != SessionStatus::kNew || session.entries == 0) return;
  const TranscriptEntry& opening = sessions_.entry(session.first_entry);
  if (opening.direction != Direction::kOutbound || opening.message != id.value) return;
  stop_timer(session_id);
  sessions_.set_status(session_id, SessionStatus::kEnded, runtime_.now(), EndedBy::kSystem);
}

void Console::customer_replied(SessionId session_id) {
  stop_timer(session_id);
  Session& session = sessions_.get(session_id);
  if (session.work) return;  // already waiting for its agent
  const AgentId agent = session.agent;
  if (capacity_model_ == CapacityModel::kStatusBased) {
    RoutingTarget target;
    target.queue = channels_.settings(session.channel).fallback_queue;
    target.preferred_agent = agent;
    target.preferred_required = true;
    session.work = router_.request(session_id, session.channel, target);
    return;
  }
  sessions_.set_status(session_id, SessionStatus::kEnded, runtime_.now(), EndedBy::kSystem);
  MSGSIM_CHECK(route_new_session_ != nullptr);
  // The reply opens a new session in the same conversation, routed as usual.
  const SessionId next = sessions_.create(session.user, session.channel, SessionOrigin::kInboundInitiated,
                                          SessionStatus::kWaiting, runtime_.now());
  users_.get(session.user).open_session = next;
  users_.get(session.user).last_session = next;
  route_new_session_(next);
}

Status Console::transfer_to_flow(AgentId agent, SessionId session_id, FlowId flow) {
  Status owned = owns(agent, session_id);
  if (!owned.is_ok()) return owned;
  MSGSIM_CHECK(flows_ != nullptr);
  stop_timer(session_id);
  Session& session = sessions_.get(session_id);
  session.last_agent = agent;
  session.agent = AgentId();
  sessions_.set_status(session_id, SessionStatus::kWaiting, runtime_.now());
  const QueueId queue = router_.work(session.work).queue;
  router_.transfer_out(session.work);
  flows_->start(session_id, flow, queue);
  return Status::ok();
}

Status Console::set_presence(AgentId agent, PresenceStatus status) {
  router_.set_presence(agent, status);
  return Status::ok();
}

// Opened work whose agent became unavailable goes back to Waiting and is
// routed again; pushed work returns to its queue inside the router.
void Console::withdrawn(AgentId agent, WorkId work_id, WorkState why) {
  const WorkItem& work = router_.work(work_id);
  Session& session = sessions_.get(work.session);
  if (why == WorkState::kUnavailable && session.work == work_id && session.status == SessionStatus::kActive) {
    session.agent = AgentId();
    sessions_.set_status(work.session, SessionStatus::kWaiting, runtime_.now());
    session.work = router_.reroute(work_id);
  }
  ConsoleClient* agent_client = client(agent);
  if (agent_client != nullptr) agent_client->on_withdrawn(work_id, work.session);
}

void Console::customer_left(SessionId session_id, EndedBy by) {
  stop_timer(session_id);
  Session& session = sessions_.get(session_id);
  // A session may have no routing request yet (waiting for business hours
  // or for a partner's route call).
  if (session.work) {
    const WorkItem& work = router_.work(session.work);
    if (work.state == WorkState::kOpened) {
      const AgentId agent = work.agent;
      router_.close(session.work);
      ConsoleClient* agent_client = client(agent);
      if (agent_client != nullptr) agent_client->on_withdrawn(session.work, session_id);
    } else if (work.state == WorkState::kPending || work.state == WorkState::kAssigned) {
      router_.cancel(session.work);
    }
  }
  sessions_.set_status(session_id, SessionStatus::kEnded, runtime_.now(), by);
}

void Console::notify_customer_message(SessionId session_id, EntryId entry) {
  stop_timer(session_id);
  const Session& session = sessions_.get(session_id);
  if (!session.agent || session.status != SessionStatus::kActive) return;
  ConsoleClient* agent_client = client(session.agent);
  if (agent_client != nullptr) agent_client->on_customer_message(session_id, entry);
}

}  // namespace msgsim::stack
