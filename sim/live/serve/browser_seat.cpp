#include "sim/live/serve/browser_seat.h"

#include <algorithm>
#include <utility>

namespace msgsim::live {

using runtime::Status;
using runtime::StatusCode;

std::optional<stack::PresenceStatus> presence_from_name(std::string_view name) {
  if (name == "online") return stack::PresenceStatus::kOnline;
  if (name == "busy") return stack::PresenceStatus::kBusy;
  if (name == "away") return stack::PresenceStatus::kAway;
  if (name == "offline") return stack::PresenceStatus::kOffline;
  return std::nullopt;
}

BrowserSeat::BrowserSeat(stack::Stack& stack, stack::AgentId agent, Observer observer, AddressOf address_of,
                         std::vector<fakes::ShiftChange> shift)
    : stack_(stack),
      agent_(agent),
      observer_(std::move(observer)),
      address_of_(std::move(address_of)),
      shift_(std::move(shift)) {
  stack_.console().attach(agent_, this);
  (void)stack_.console().set_presence(agent_, stack::PresenceStatus::kOffline);
  for (const fakes::ShiftChange& change : shift_) {
    stack_.runtime().schedule_at(change.at, [this, change]() { on_shift_change(change); });
  }
}

void BrowserSeat::on_shift_change(const fakes::ShiftChange& change) {
  const bool applied = change.status != stack::PresenceStatus::kOnline;
  if (applied) (void)stack_.console().set_presence(agent_, change.status);
  notify("shift", {{"status", stack::presence_status_name(change.status)},
                   {"applied", applied},
                   {"presence", stack::presence_status_name(stack_.router().presence(agent_))}});
}

nlohmann::ordered_json BrowserSeat::shift_json() const {
  if (shift_.empty()) return nullptr;
  const runtime::Time now = stack_.runtime().now();
  nlohmann::ordered_json entries = nlohmann::ordered_json::array();
  nlohmann::ordered_json status = nullptr;
  nlohmann::ordered_json next = nullptr;
  for (const fakes::ShiftChange& change : shift_) {
    const nlohmann::ordered_json entry = {{"at_s", change.at.to_seconds()},
                                          {"status", stack::presence_status_name(change.status)}};
    entries.push_back(entry);
    if (change.at <= now) status = entry["status"];
    if (change.at > now && next.is_null()) next = entry;
  }
  return {{"entries", std::move(entries)}, {"status", std::move(status)}, {"next", std::move(next)}};
}

void BrowserSeat::notify(std::string_view kind, const nlohmann::ordered_json& data) const {
  if (observer_) observer_(kind, data);
}

void BrowserSeat::remember_session(stack::SessionId session) {
  if (std::find(sessions_.begin(), sessions_.end(), session) == sessions_.end()) sessions_.push_back(session);
}

void BrowserSeat::on_offer(stack::WorkId work, stack::SessionId session, bool accepted) {
  offers_.push_back(work);
  remember_session(session);
  notify("offer", {{"work", work.value}, {"session", session.value}, {"accepted", accepted}});
}

void BrowserSeat::on_customer_message(stack::SessionId session, stack::EntryId entry) {
  remember_session(session);
  notify("message", {{"session", session.value}, {"entry", entry.value}, {"text", stack_.sessions().text(entry)}});
}

void BrowserSeat::on_withdrawn(stack::WorkId work, stack::SessionId session) {
  notify("withdrawn", {{"work", work.value}, {"session", session.value}});
}

void BrowserSeat::on_resumed(stack::SessionId session) { notify("resumed", {{"session", session.value}}); }

Status BrowserSeat::set_presence(std::string_view status) {
  const std::optional<stack::PresenceStatus> presence = presence_from_name(status);
  if (!presence) {
    return Status(StatusCode::kInvalidInput,
                  "field 'status': \"" + std::string(status) + "\" is not online, busy, away or offline");
  }
  Status set = stack_.console().set_presence(agent_, *presence);
  if (set.is_ok()) notify("state", {{"presence", stack::presence_status_name(*presence)}});
  return set;
}

Status BrowserSeat::accept(std::uint32_t work) {
  const stack::WorkId id(work);
  if (std::find(offers_.begin(), offers_.end(), id) == offers_.end()) {
    return Status(StatusCode::kNotFound, "work " + std::to_string(work) + " was never offered to this seat");
  }
  Status accepted = stack_.console().accept(agent_, id);
  if (accepted.is_ok()) notify("state", {{"accepted", work}});
  return accepted;
}

Status BrowserSeat::decline(std::uint32_t work) {
  const stack::WorkId id(work);
  if (std::find(offers_.begin(), offers_.end(), id) == offers_.end()) {
    return Status(StatusCode::kNotFound, "work " + std::to_string(work) + " was never offered to this seat");
  }
  Status declined = stack_.console().decline(agent_, id);
  if (declined.is_ok()) notify("state", {{"declined", work}});
  return declined;
}

bool BrowserSeat::knows_session(std::uint32_t session) const {
  return std::find(sessions_.begin(), sessions_.end(), stack::SessionId(session)) != sessions_.end();
}

Status BrowserSeat::known_session(std::uint32_t session) const {
  if (knows_session(session)) return Status::ok();
  return Status(StatusCode::kNotFound, "session " + std::to_string(session) + " was never given to this seat");
}

runtime::Result<stack::OutboundId> BrowserSeat::send(std::uint32_t session, std::string_view text) {
  Status known = known_session(session);
  if (!known.is_ok()) return known;
  const stack::SessionId id(session);
  runtime::Result<stack::OutboundId> sent = stack_.console().send(agent_, id, text);
  if (!sent.is_ok()) {
    refusals_.push_back(SeatRefusal{id, stack_.runtime().now(), std::string(text), sent.status().message()});
    notify("refused", {{"session", session}, {"reason", sent.status().message()}});
  } else {
    notify("state", {{"sent", session}});
  }
  return sent;
}

Status BrowserSeat::transfer(std::uint32_t session, std::string_view queue) {
  Status known = known_session(session);
  if (!known.is_ok()) return known;
  const stack::QueueId target = stack_.router().find_queue(std::string(queue));
  if (!target.valid()) return Status(StatusCode::kInvalidInput, "field 'queue': no queue \"" + std::string(queue) + "\"");
  stack::RoutingTarget routing;
  routing.queue = target;
  Status moved = stack_.console().transfer(agent_, stack::SessionId(session), routing);
  if (moved.is_ok()) notify("state", {{"transferred", session}});
  return moved;
}

Status BrowserSeat::mark_inactive(std::uint32_t session) {
  Status known = known_session(session);
  if (!known.is_ok()) return known;
  Status marked = stack_.console().mark_inactive(agent_, stack::SessionId(session));
  if (marked.is_ok()) notify("state", {{"inactive", session}});
  return marked;
}

Status BrowserSeat::end(std::uint32_t session) {
  Status known = known_session(session);
  if (!known.is_ok()) return known;
  Status ended = stack_.console().end_session(agent_, stack::SessionId(session));
  if (ended.is_ok()) notify("state", {{"ended", session}});
  return ended;
}

std::vector<SeatRefusal> BrowserSeat::refusals_of(stack::SessionId session) const {
  std::vector<SeatRefusal> found;
  for (const SeatRefusal& refusal : refusals_) {
    if (refusal.session == session) found.push_back(refusal);
  }
  return found;
}

nlohmann::ordered_json BrowserSeat::state_json() const {
  const stack::Router& router = stack_.router();
  nlohmann::ordered_json offers = nlohmann::ordered_json::array();
  for (const stack::WorkId work : offers_) {
    const stack::WorkItem& item = router.work(work);
    if (item.agent != agent_ || item.state != stack::WorkState::kAssigned) continue;
    offers.push_back({{"work", work.value},
                      {"session", item.session.value},
                      {"channel", stack_.channels().settings(item.channel).id},
                      {"queue", router.queue(item.queue).id},
                      {"requested_s", item.requested_at.to_seconds()}});
  }
  nlohmann::ordered_json held = nlohmann::ordered_json::array();
  for (const stack::SessionId id : sessions_) {
    const stack::Session& session = stack_.sessions().get(id);
    if (session.agent != agent_) continue;
    if (session.status != stack::SessionStatus::kActive && session.status != stack::SessionStatus::kPaused) continue;
    std::string last;
    if (session.last_entry.valid()) last = std::string(stack_.sessions().text(session.last_entry));
    held.push_back({{"session", id.value},
                    {"channel", stack_.channels().settings(session.channel).id},
                    {"status", stack::session_status_name(session.status)},
                    {"customer", address_of_ ? address_of_(session.user) : std::string()},
                    {"unanswered", session.unanswered_inbound},
                    {"last", std::move(last)}});
  }
  const double slot = stack::Router::kUnitsPerSlot;
  return {{"agent", router.agent(agent_).id},
          {"presence", stack::presence_status_name(router.presence(agent_))},
          {"capacity", router.capacity_units(agent_) / slot},
          {"used", router.used_capacity_units(agent_) / slot},
          {"offers", std::move(offers)},
          {"sessions", std::move(held)},
          {"shift", shift_json()}};
}

}  // namespace msgsim::live
