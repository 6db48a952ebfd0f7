#include "sim/harness/script_facts.h"

namespace msgsim::harness {

using stack::TraceKind;

ScriptFacts::ScriptFacts(const fakes::GroundTruth& truth, const stack::Sessions& sessions, std::size_t scripts)
    : truth_(truth), stack_sessions_(sessions), scripts_(scripts) {}

std::optional<std::uint32_t> ScriptFacts::apply(const stack::TraceEvent& event) {
  switch (event.kind) {
    case TraceKind::kMessagingUserCreated: return on_user_created(event);
    case TraceKind::kSessionCreated: return on_session_created(event);
    case TraceKind::kSessionStatus:
    case TraceKind::kWorkAccepted: return on_session_event(event);
    case TraceKind::kContactLinked: return script_of_user(event.user);  // rejudges `linked`
    case TraceKind::kInboundAccepted:
    case TraceKind::kOutboundSubmitted: return on_user_event(event);
    default: return std::nullopt;
  }
}

std::optional<std::uint32_t> ScriptFacts::script_of_user(stack::MessagingUserId user) const {
  auto it = script_of_user_.find(user.value);
  if (it == script_of_user_.end()) return std::nullopt;
  return it->second;
}

// The handle in the event is the provider's; the ground truth says whose it is.
std::optional<std::uint32_t> ScriptFacts::on_user_created(const stack::TraceEvent& event) {
  const stack::CustomerHandle handle{event.message};
  const fakes::Person& person = truth_.persons()[truth_.person_of(handle)];
  if (!person.scripted()) return std::nullopt;
  script_of_user_.emplace(event.user.value, person.member);
  scripts_[person.member].users.push_back(ScriptUserFacts{event.user, event.channel, handle});
  return person.member;
}

std::optional<std::uint32_t> ScriptFacts::on_session_created(const stack::TraceEvent& event) {
  const std::optional<std::uint32_t> script = script_of_user(event.user);
  if (!script) return std::nullopt;
  std::vector<ScriptSessionFacts>& sessions = scripts_[*script].sessions;
  ScriptSessionFacts facts;
  facts.id = event.session;
  facts.channel = event.channel;
  facts.user = event.user;
  facts.created_at = event.at;
  facts.status_at = event.at;
  session_refs_.emplace(event.session.value, SessionRef{*script, static_cast<std::uint32_t>(sessions.size())});
  sessions.push_back(facts);
  return script;
}

std::optional<std::uint32_t> ScriptFacts::on_session_event(const stack::TraceEvent& event) {
  auto it = session_refs_.find(event.session.value);
  if (it == session_refs_.end()) return std::nullopt;
  ScriptSessionFacts& facts = scripts_[it->second.script].sessions[it->second.index];
  if (event.kind == TraceKind::kSessionStatus) {
    facts.status = static_cast<stack::SessionStatus>(event.detail);
    facts.status_at = event.at;
  } else {
    if (!facts.first_accepted_at) facts.first_accepted_at = event.at;
    facts.agent = event.agent;
  }
  return it->second.script;
}

std::optional<std::uint32_t> ScriptFacts::on_user_event(const stack::TraceEvent& event) {
  const std::optional<std::uint32_t> script = script_of_user(event.user);
  if (!script) return std::nullopt;
  if (event.kind == TraceKind::kInboundAccepted) {
    auto it = session_refs_.find(event.session.value);
    if (it != session_refs_.end()) session_of_message_.emplace(event.message, it->second);
  } else {
    scripts_[*script].submitted.push_back(
        Submitted{event.user, event.agent, std::string(stack_sessions_.text(event.entry))});
  }
  return script;
}

stack::MessagingUserId ScriptFacts::user_of(std::uint32_t script, stack::ChannelId channel,
                                            stack::CustomerHandle handle) const {
  for (const ScriptUserFacts& user : scripts_[script].users) {
    if (user.channel == channel && user.handle == handle) return user.id;
  }
  return stack::MessagingUserId();
}

const ScriptSessionFacts* ScriptFacts::session_of_message(std::uint64_t message) const {
  auto it = session_of_message_.find(message);
  if (it == session_of_message_.end()) return nullptr;
  return &scripts_[it->second.script].sessions[it->second.index];
}

const ScriptSessionFacts* ScriptFacts::latest_session_of(std::uint32_t script, stack::MessagingUserId user) const {
  const std::vector<ScriptSessionFacts>& sessions = scripts_[script].sessions;
  for (auto it = sessions.rbegin(); it != sessions.rend(); ++it) {
    if (it->user == user) return &*it;
  }
  return nullptr;
}

BusinessSender ScriptFacts::take_sender(std::uint32_t script, stack::ChannelId channel, stack::CustomerHandle handle,
                                        const std::string& text) {
  const stack::MessagingUserId user = user_of(script, channel, handle);
  std::vector<Submitted>& submitted = scripts_[script].submitted;
  for (auto it = submitted.begin(); it != submitted.end(); ++it) {
    if (it->user != user || it->text != text) continue;
    const BusinessSender sender{true, it->agent};
    submitted.erase(it);
    return sender;
  }
  return BusinessSender{};
}

}  // namespace msgsim::harness
