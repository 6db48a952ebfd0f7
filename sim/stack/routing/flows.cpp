#include "sim/stack/routing/flows.h"

#include <cctype>

namespace msgsim::stack {

namespace {
constexpr int kMaxFlowDepth = 5;

// True iff `word` occurs in `text` as a whole word, ignoring case.
bool contains_word(std::string_view text, std::string_view word) {
  if (word.empty() || text.size() < word.size()) return false;
  auto lower = [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); };
  auto is_word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; };
  for (std::size_t at = 0; at + word.size() <= text.size(); ++at) {
    if (at > 0 && is_word(text[at - 1])) continue;
    const std::size_t end = at + word.size();
    if (end < text.size() && is_word(text[end])) continue;
    bool same = true;
    for (std::size_t i = 0; same && i < word.size(); ++i) same = lower(text[at + i]) == lower(word[i]);
    if (same) return true;
  }
  return false;
}
}  // namespace

Flows::Flows(runtime::Runtime& runtime, const Tracer& tracer, Sessions& sessions, OutboundSender& outbound,
             Router& router)
    : runtime_(runtime),
      tracer_(tracer),
      sessions_(sessions),
      outbound_(outbound),
      router_(router),
      stream_(runtime.stream("stack/flows")) {}

FlowId Flows::add(FlowSettings settings) {
  flows_.push_back(std::move(settings));
  return FlowId(static_cast<std::uint32_t>(flows_.size() - 1));
}

FlowId Flows::find(const std::string& id) const {
  for (std::size_t i = 0; i < flows_.size(); ++i) {
    if (flows_[i].id == id) return FlowId(static_cast<std::uint32_t>(i));
  }
  return FlowId();
}

void Flows::start(SessionId session, FlowId flow, QueueId fallback) {
  auto existing = bots_.find(session.value);
  const int depth = existing == bots_.end() ? 1 : existing->second.depth + 1;
  if (!flow || depth > kMaxFlowDepth) {
    bots_.erase(session.value);
    route_to(session, RoutingTarget{fallback, {}, AgentId(), false});
    return;
  }
  const FlowSettings& settings = flows_[flow.value];
  if (!settings.greeting.empty()) (void)outbound_.send(session, AgentId(), settings.greeting);
  Bot bot{flow, fallback, runtime::EventId(), depth};
  bot.timer = runtime_.schedule_after(settings.bot_time, [this, session]() { finish(session); });
  bots_[session.value] = bot;
}

void Flows::cancel(SessionId session) {
  auto it = bots_.find(session.value);
  if (it == bots_.end()) return;
  runtime_.cancel(it->second.timer);
  bots_.erase(it);
}

std::optional<std::size_t> Flows::capture_intent(const FlowSettings& flow, SessionId session_id) const {
  const Session& session = sessions_.get(session_id);
  for (std::size_t i = 0; i < flow.by_intent.size(); ++i) {
    for (EntryId entry = session.first_entry; entry; entry = sessions_.entry(entry).next) {
      if (sessions_.entry(entry).direction != Direction::kInbound) continue;
      if (contains_word(sessions_.text(entry), flow.by_intent[i].first)) return i;
    }
  }
  return std::nullopt;
}

// The bot's time is up: it resolves the conversation or routes it on.
void Flows::finish(SessionId session) {
  auto it = bots_.find(session.value);
  if (it == bots_.end()) return;
  const Bot bot = it->second;
  const FlowSettings& flow = flows_[bot.flow.value];
  // One draw per finished bot conversation, whatever the outcome.
  if (stream_.bernoulli(flow.resolve_probability)) {
    bots_.erase(it);
    TraceEvent event{runtime_.now(), TraceKind::kBotResolved};
    event.session = session;
    event.channel = sessions_.get(session).channel;
    event.user = sessions_.get(session).user;
    tracer_.publish(event);
    sessions_.set_status(session, SessionStatus::kEnded, runtime_.now(), EndedBy::kBot);
    return;
  }
  const std::optional<std::size_t> intent = capture_intent(flow, session);
  if (intent) return route(session, flow.by_intent[*intent].second, bot);
  if (flow.default_route) return route(session, *flow.default_route, bot);
  bots_.erase(it);
  route_to(session, RoutingTarget{bot.fallback, {}, AgentId(), false});
}

void Flows::route(SessionId session, const FlowRoute& next, const Bot& bot) {
  if (next.flow) return start(session, next.flow, bot.fallback);
  bots_.erase(session.value);
  RoutingTarget target = next.target;
  // A target that does not exist is a failure: the fallback queue takes it.
  if (!target.queue) target = RoutingTarget{bot.fallback, {}, target.preferred_agent, target.preferred_required};
  route_to(session, target);
}

void Flows::route_to(SessionId session, const RoutingTarget& target) {
  sessions_.get(session).work = router_.request(session, sessions_.get(session).channel, target);
}

}  // namespace msgsim::stack
