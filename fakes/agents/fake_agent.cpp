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
}

void FakeAgent::on_offer(stack::WorkId work, stack::SessionId session) {
  runtime_.schedule_after(behavior_.accept_delay.sample_duration(stream_),
                          [this, work, session]() { accept(work, session); });
}

void FakeAgent::accept(stack::WorkId work, stack::SessionId session) {
  if (!console_.accept(agent_, work).is_ok()) return;
  handling_.push_back(Handling{session, runtime::EventId()});
  // The customer has been waiting: answer what they wrote so far.
  schedule_reply(handling_.back());
  runtime_.schedule_after(behavior_.handle_time.sample_duration(stream_), [this, session]() { end(session); });
}

void FakeAgent::on_customer_message(stack::SessionId session, stack::EntryId) {
  Handling* handling = find(session);
  if (handling != nullptr && !handling->reply) schedule_reply(*handling);
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
  if (console_.send(agent_, session, "Happy to help!").is_ok()) ++replies_sent_;
}

void FakeAgent::end(stack::SessionId session) {
  Handling* handling = find(session);
  if (handling == nullptr) return;
  runtime_.cancel(handling->reply);
  *handling = handling_.back();
  handling_.pop_back();
  (void)console_.end_session(agent_, session);
}

FakeAgent::Handling* FakeAgent::find(stack::SessionId session) {
  auto it = std::find_if(handling_.begin(), handling_.end(),
                         [session](const Handling& h) { return h.session == session; });
  return it == handling_.end() ? nullptr : &*it;
}

}  // namespace msgsim::fakes
