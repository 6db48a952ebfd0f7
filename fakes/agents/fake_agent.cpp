#include "fakes/agents/fake_agent.h"

#include <algorithm>

namespace msgsim::fakes {

FakeAgent::FakeAgent(runtime::Runtime& runtime, stack::Console& console, stack::AgentId agent,
                     const std::string& name, AgentBehaviorSpec behavior)
    : runtime_(runtime),
      console_(console),
      agent_(agent),
      behavior_(std::move(behavior)),
      stream_(runtime.stream("agent/" + name)) {
  console_.attach(agent_, this);
  for (const ShiftChange& change : behavior_.shift) {
    const stack::PresenceStatus status = change.status;
    runtime_.schedule_at(change.at, [this, status]() { (void)console_.set_presence(agent_, status); });
  }
}

void FakeAgent::on_offer(stack::WorkId work, stack::SessionId session, bool accepted) {
  if (accepted) {
    start_handling(session);
    return;
  }
  const runtime::EventId decision = runtime_.schedule_after(
      behavior_.accept_delay.sample_duration(stream_), [this, work, session]() { decide(work, session); });
  offers_.push_back(Offer{work, decision});
}

void FakeAgent::decide(stack::WorkId work, stack::SessionId session) {
  auto it = std::find_if(offers_.begin(), offers_.end(), [work](const Offer& o) { return o.work == work; });
  if (it == offers_.end()) return;
  offers_.erase(it);
  // The draw is made whatever the outcome, so a probability change does not
  // shift the agent's later draws.
  const bool wants_to_decline = stream_.bernoulli(behavior_.decline_probability);
  if (wants_to_decline && console_.decline(agent_, work).is_ok()) return;
  if (console_.accept(agent_, work).is_ok()) start_handling(session);
}

void FakeAgent::start_handling(stack::SessionId session) {
  handling_.push_back(Handling{session, runtime::EventId(), runtime::EventId(), runtime::EventId()});
  // The customer has been waiting: answer what they wrote so far.
  schedule_reply(handling_.back());
  handling_.back().end =
      runtime_.schedule_after(behavior_.handle_time.sample_duration(stream_), [this, session]() { finish(session); });
}

void FakeAgent::on_customer_message(stack::SessionId session, stack::EntryId) {
  Handling* handling = find(session);
  if (handling == nullptr) return;
  runtime_.cancel(handling->silence);
  handling->silence = runtime::EventId();
  if (!handling->reply) schedule_reply(*handling);
}

void FakeAgent::on_withdrawn(stack::WorkId work, stack::SessionId session) {
  auto it = std::find_if(offers_.begin(), offers_.end(), [work](const Offer& o) { return o.work == work; });
  if (it != offers_.end()) {
    runtime_.cancel(it->decision);
    offers_.erase(it);
  }
  drop_handling(session);
}

// The customer came back to a paused conversation: handle it again.
void FakeAgent::on_resumed(stack::SessionId session) {
  if (find(session) == nullptr) start_handling(session);
}

void FakeAgent::schedule_reply(Handling& handling) {
  const stack::SessionId session = handling.session;
  handling.reply = runtime_.schedule_after(behavior_.reply_delay.sample_duration(stream_),
                                           [this, session]() { reply(session); });
}

void FakeAgent::reply(stack::SessionId session) {
  Handling* handling = find(session);
  if (handling == nullptr) return;
  handling->reply = runtime::EventId();
  if (!console_.send(agent_, session, "Happy to help!").is_ok()) return;
  ++replies_sent_;
  if (!behavior_.end_when_silent) return;
  runtime_.cancel(handling->silence);
  handling->silence = runtime_.schedule_after(behavior_.end_when_silent->sample_duration(stream_),
                                              [this, session]() { end_silent(session); });
}

// Nothing from the customer since the reply: they have gone, whether or not
// their channel could say so.
void FakeAgent::end_silent(stack::SessionId session) {
  Handling* handling = find(session);
  if (handling == nullptr) return;
  handling->silence = runtime::EventId();
  drop_handling(session);
  if (console_.end_session(agent_, session).is_ok()) ++ended_silent_;
}

void FakeAgent::finish(stack::SessionId session) {
  Handling* handling = find(session);
  if (handling == nullptr) return;
  handling->end = runtime::EventId();
  const bool transfer = stream_.bernoulli(behavior_.transfer_probability);
  const bool mark_inactive = stream_.bernoulli(behavior_.mark_inactive_probability);
  drop_handling(session);
  if (transfer && behavior_.transfer_to_flow &&
      console_.transfer_to_flow(agent_, session, behavior_.transfer_to_flow).is_ok()) {
    return;
  }
  if (transfer && behavior_.transfer_to && console_.transfer(agent_, session, *behavior_.transfer_to).is_ok()) return;
  if (mark_inactive && console_.mark_inactive(agent_, session).is_ok()) return;
  const bool follow_up_later = stream_.bernoulli(behavior_.follow_up_probability);
  if (!console_.end_session(agent_, session).is_ok() || !follow_up_later || !behavior_.follow_up_after) return;
  const stack::MessagingUserId user = console_.user_of(session);
  runtime_.schedule_after(behavior_.follow_up_after->sample_duration(stream_), [this, user]() { follow_up(user); });
}

void FakeAgent::follow_up(stack::MessagingUserId user) {
  if (console_.start_conversation(agent_, user, "Following up on your request: is everything sorted?").is_ok()) {
    ++follow_ups_started_;
  } else {
    ++follow_ups_refused_;
  }
}

void FakeAgent::drop_handling(stack::SessionId session) {
  Handling* handling = find(session);
  if (handling == nullptr) return;
  runtime_.cancel(handling->reply);
  runtime_.cancel(handling->end);
  runtime_.cancel(handling->silence);
  *handling = handling_.back();
  handling_.pop_back();
}

FakeAgent::Handling* FakeAgent::find(stack::SessionId session) {
  auto it = std::find_if(handling_.begin(), handling_.end(),
                         [session](const Handling& h) { return h.session == session; });
  return it == handling_.end() ? nullptr : &*it;
}

}  // namespace msgsim::fakes
