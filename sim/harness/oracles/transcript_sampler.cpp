#include "sim/harness/oracles/transcript_sampler.h"

#include <algorithm>

#include "sim/stack/users/identity.h"

namespace msgsim::harness {

using stack::TraceEvent;
using stack::TraceKind;

namespace {

const char* origin_text(stack::SessionOrigin origin) {
  switch (origin) {
    case stack::SessionOrigin::kInboundInitiated: return "the customer wrote";
    case stack::SessionOrigin::kAgentInitiated: return "an agent started it";
    case stack::SessionOrigin::kTriggeredOutbound: return "a notification";
    case stack::SessionOrigin::kOptIn: return "consent: opt-in keyword";
    case stack::SessionOrigin::kOptOut: return "consent: opt-out keyword";
    case stack::SessionOrigin::kHelp: return "consent: help keyword";
  }
  return "?";
}

bool consent_origin(stack::SessionOrigin origin) {
  return origin == stack::SessionOrigin::kOptIn || origin == stack::SessionOrigin::kOptOut ||
         origin == stack::SessionOrigin::kHelp;
}

const char* ended_by_text(stack::EndedBy by) {
  switch (by) {
    case stack::EndedBy::kAgent: return "Agent";
    case stack::EndedBy::kBot: return "Bot";
    case stack::EndedBy::kEndUser: return "EndUser";
    case stack::EndedBy::kSystem: return "System";
    case stack::EndedBy::kNone: break;
  }
  return "nobody";
}

const char* refusal_text(std::uint8_t code) {
  switch (static_cast<runtime::StatusCode>(code)) {
    case runtime::StatusCode::kRefused: return "a consent or channel rule forbids it";
    case runtime::StatusCode::kInvalidInput: return "the channel has no such message type";
    case runtime::StatusCode::kUnavailable: return "the channel has no provider";
    default: return "refused";
  }
}

const char* link_cause_text(std::uint8_t cause) {
  switch (static_cast<stack::LinkCause>(cause)) {
    case stack::LinkCause::kVerifiedSubject: return "verified login";
    case stack::LinkCause::kPhone: return "phone number";
    case stack::LinkCause::kTypedIdentifier: return "typed identifier";
    case stack::LinkCause::kAgent: return "agent link";
  }
  return "?";
}

}  // namespace

TranscriptSampler::TranscriptSampler(stack::Stack& stack, const fakes::GroundTruth& truth,
                                     TranscriptSampleLimits limits)
    : stack_(stack), truth_(truth), limits_(limits) {}

TranscriptSampler::Index TranscriptSampler::candidate_of(stack::ChannelId channel, stack::CustomerHandle handle) const {
  if (channel.value >= by_channel_.size()) return kNone;
  for (const Index index : by_channel_[channel.value]) {
    if (candidates_[index].handle == handle) return index;
  }
  return kNone;
}

TranscriptSampler::Index TranscriptSampler::candidate_of_user(stack::MessagingUserId user) const {
  for (const auto& [id, index] : users_) {
    if (id == user.value) return index;
  }
  return kNone;
}

TranscriptSampler::Index TranscriptSampler::candidate_of_session(stack::SessionId session) const {
  // Session ids only grow, so sessions_ is sorted and most events miss it at once.
  if (sessions_.empty() || session.value > sessions_.back().first) return kNone;
  const auto it = std::lower_bound(sessions_.begin(), sessions_.end(), std::make_pair(session.value, Index{0}));
  return it != sessions_.end() && it->first == session.value ? it->second : kNone;
}

void TranscriptSampler::on_customer_message(stack::ChannelId channel, stack::CustomerHandle handle,
                                            std::string_view text, runtime::Time at) {
  Index index = candidate_of(channel, handle);
  if (index == kNone) {
    if (candidates_.size() >= limits_.candidates_max) return;
    if (per_channel_max_ == 0) {
      // A desk with one or two channels can still show shown_max conversations.
      const std::size_t channels = std::max<std::size_t>(1, stack_.channels().size());
      per_channel_max_ = std::max(limits_.candidates_per_channel, (limits_.shown_max + channels - 1) / channels);
    }
    if (by_channel_.size() <= channel.value) by_channel_.resize(channel.value + 1);
    if (by_channel_[channel.value].size() >= per_channel_max_) return;
    index = static_cast<Index>(candidates_.size());
    Candidate candidate;
    candidate.channel = channel;
    candidate.handle = handle;
    candidate.conversation.channel = stack_.channels().settings(channel).id;
    candidate.conversation.customer = "c-" + std::to_string(truth_.person_of(handle));
    candidates_.push_back(std::move(candidate));
    by_channel_[channel.value].push_back(index);
  }
  add_customer_line(index, CustomerViewLine{at.to_seconds(), CustomerViewLine::Kind::kSent, std::string(text)});
}

void TranscriptSampler::on_business_message(stack::ChannelId channel, stack::CustomerHandle handle,
                                            std::string_view text) {
  const Index index = candidate_of(channel, handle);
  if (index == kNone) return;
  add_customer_line(index, CustomerViewLine{stack_.runtime().now().to_seconds(), CustomerViewLine::Kind::kReceived,
                                            std::string(text)});
}

void TranscriptSampler::on_agent_joined(stack::ChannelId channel, stack::CustomerHandle handle) {
  const Index index = candidate_of(channel, handle);
  if (index == kNone) return;
  add_customer_line(index,
                    CustomerViewLine{stack_.runtime().now().to_seconds(), CustomerViewLine::Kind::kAgentJoined, {}});
}

void TranscriptSampler::add_customer_line(Index candidate, CustomerViewLine line) {
  SampledConversation& conversation = candidates_[candidate].conversation;
  if (conversation.customer_view.size() >= limits_.lines_max) {
    ++conversation.customer_view_omitted;
    return;
  }
  conversation.customer_view.push_back(std::move(line));
}

void TranscriptSampler::on_trace(const TraceEvent& event) {
  switch (event.kind) {
    case TraceKind::kMessagingUserCreated:
    case TraceKind::kSessionCreated:
    case TraceKind::kContactLinked: on_user_event(event); return;
    default: break;
  }
  if (!event.session) return;
  const Index index = candidate_of_session(event.session);
  if (index != kNone) on_session_event(index, event);
}

// Events that name a messaging user: they make candidates' users and
// sessions known, or link them.
void TranscriptSampler::on_user_event(const TraceEvent& event) {
  if (event.kind == TraceKind::kMessagingUserCreated) {
    const Index index = candidate_of(event.channel, stack::CustomerHandle{event.message});
    if (index != kNone && !candidates_[index].user) {
      candidates_[index].user = event.user;
      users_.emplace_back(event.user.value, index);
    }
    return;
  }
  const Index index = candidate_of_user(event.user);
  if (index == kNone) return;
  if (event.kind == TraceKind::kContactLinked) {
    add_agent_line(index, event, "system",
                   "linked to contact " + std::to_string(event.message) + " (" + link_cause_text(event.detail) + ")");
    return;
  }
  SampledConversation& conversation = candidates_[index].conversation;
  sessions_.emplace_back(event.session.value, index);
  conversation.sessions.push_back(event.session.value);
  const stack::SessionOrigin origin = stack_.sessions().get(event.session).origin;
  if (consent_origin(origin)) conversation.consent = true;
  add_agent_line(index, event, "system",
                 "session " + std::to_string(event.session.value) + " started (" + origin_text(origin) + ")");
}

void TranscriptSampler::on_session_event(Index candidate, const TraceEvent& event) {
  const stack::Sessions& sessions = stack_.sessions();
  const std::string agent = event.agent ? agent_name(event.agent) : "automation";
  switch (event.kind) {
    case TraceKind::kInboundAccepted:
      add_agent_line(candidate, event, "customer", std::string(sessions.text(event.entry)));
      break;
    case TraceKind::kOutboundSubmitted:
      add_agent_line(candidate, event, agent, std::string(sessions.text(event.entry)));
      break;
    case TraceKind::kOutboundRefused:
      add_agent_line(candidate, event, agent, std::string("message not sent: ") + refusal_text(event.detail));
      break;
    case TraceKind::kRoutingRequested:
      add_agent_line(candidate, event, "system", "waiting in queue " + queue_name(event.queue));
      break;
    case TraceKind::kWorkAccepted: add_agent_line(candidate, event, "system", "accepted by " + agent); break;
    case TraceKind::kWorkDeclined: add_agent_line(candidate, event, "system", "declined by " + agent); break;
    case TraceKind::kWorkPushTimeout:
      add_agent_line(candidate, event, "system", "not answered in time by " + agent);
      break;
    case TraceKind::kWorkTransferred:
      candidates_[candidate].conversation.transfer = true;
      // Where it went shows in the routing request that follows.
      add_agent_line(candidate, event, "system", "transferred by " + agent);
      break;
    case TraceKind::kOverflowed:
      add_agent_line(candidate, event, "system", "overflowed to queue " + queue_name(event.queue));
      break;
    case TraceKind::kWorkCanceled: add_agent_line(candidate, event, "system", "routing request canceled"); break;
    case TraceKind::kBotResolved: add_agent_line(candidate, event, "system", "resolved by the bot"); break;
    case TraceKind::kSessionStatus: {
      const auto status = static_cast<stack::SessionStatus>(event.detail);
      std::string text = std::string("status ") + stack::session_status_name(status);
      if (status == stack::SessionStatus::kEnded) {
        text += std::string(" (ended by ") + ended_by_text(sessions.get(event.session).ended_by) + ")";
      }
      add_agent_line(candidate, event, "system", std::move(text));
      break;
    }
    default: break;
  }
}

void TranscriptSampler::add_agent_line(Index candidate, const TraceEvent& event, std::string from, std::string text) {
  SampledConversation& conversation = candidates_[candidate].conversation;
  if (conversation.agent_view.size() >= limits_.lines_max) {
    ++conversation.agent_view_omitted;
    return;
  }
  const std::uint32_t session = event.session ? event.session.value : 0;
  conversation.agent_view.push_back(AgentViewLine{event.at.to_seconds(), session, conversation.channel,
                                                  std::move(from), std::move(text), false});
}

std::string TranscriptSampler::agent_name(stack::AgentId agent) const { return stack_.router().agent(agent).id; }

std::string TranscriptSampler::queue_name(stack::QueueId queue) const {
  return queue ? stack_.router().queue(queue).id : "?";
}

std::vector<TranscriptSampler::Index> TranscriptSampler::chosen() const {
  std::vector<Index> picked;
  const auto take = [&](Index index) {
    const Candidate& candidate = candidates_[index];
    if (picked.size() >= limits_.shown_max || candidate.conversation.sessions.empty()) return false;
    if (std::find(picked.begin(), picked.end(), index) != picked.end()) return false;
    picked.push_back(index);
    return true;
  };
  for (Index i = 0; i < candidates_.size(); ++i) {
    const SampledConversation& conversation = candidates_[i].conversation;
    if ((conversation.transfer || conversation.consent) && take(i)) break;
  }
  for (Index i = 0; i < candidates_.size(); ++i) {
    const bool channel_shown = std::any_of(picked.begin(), picked.end(), [&](Index shown) {
      return candidates_[shown].channel == candidates_[i].channel;
    });
    if (!channel_shown) take(i);
  }
  for (Index i = 0; i < candidates_.size(); ++i) take(i);
  std::sort(picked.begin(), picked.end(), [&](Index a, Index b) {
    return candidates_[a].conversation.sessions.front() < candidates_[b].conversation.sessions.front();
  });
  return picked;
}

// One pass over the stored sessions: the messages of the shown
// conversations' linked users, in session order, then merged by time into
// each agent view (own lines first at equal times).
void TranscriptSampler::add_linked_lines(std::vector<SampledConversation>& shown,
                                         const std::vector<Index>& order) const {
  std::vector<std::pair<std::uint32_t, std::size_t>> wanted;  // (linked user id, shown index), sorted
  for (std::size_t s = 0; s < order.size(); ++s) {
    const stack::MessagingUserId user = candidates_[order[s]].user;
    const stack::ContactId contact = stack_.users().get(user).contact;
    if (!contact) continue;
    std::vector<std::string> channels;
    for (const stack::MessagingUserId member : stack_.identity().contacts().members(contact)) {
      if (member == user) continue;
      wanted.emplace_back(member.value, s);
      channels.push_back(stack_.channels().settings(stack_.users().get(member).channel).id);
    }
    std::sort(channels.begin(), channels.end());
    channels.erase(std::unique(channels.begin(), channels.end()), channels.end());
    shown[s].linked_channels = std::move(channels);
  }
  if (wanted.empty()) return;
  std::sort(wanted.begin(), wanted.end());
  std::vector<std::vector<AgentViewLine>> linked(shown.size());
  const stack::Sessions& sessions = stack_.sessions();
  for (std::uint32_t id = 0; id < sessions.size(); ++id) {
    const stack::Session& session = sessions.get(stack::SessionId(id));
    auto it = std::lower_bound(wanted.begin(), wanted.end(), std::make_pair(session.user.value, std::size_t{0}));
    for (; it != wanted.end() && it->first == session.user.value; ++it) {
      SampledConversation& conversation = shown[it->second];
      const std::string channel = stack_.channels().settings(session.channel).id;
      for (stack::EntryId entry = session.first_entry; entry; entry = sessions.entry(entry).next) {
        if (linked[it->second].size() >= limits_.lines_max) {
          ++conversation.agent_view_omitted;
          continue;
        }
        const stack::TranscriptEntry& stored = sessions.entry(entry);
        const std::string from = stored.direction == stack::Direction::kInbound ? "customer"
                                 : stored.agent                                 ? agent_name(stored.agent)
                                                                                : "automation";
        linked[it->second].push_back(
            AgentViewLine{stored.at.to_seconds(), id, channel, from, std::string(sessions.text(entry)), true});
      }
    }
  }
  for (std::size_t s = 0; s < shown.size(); ++s) {
    std::vector<AgentViewLine>& lines = shown[s].agent_view;
    lines.insert(lines.end(), linked[s].begin(), linked[s].end());
    std::stable_sort(lines.begin(), lines.end(),
                     [](const AgentViewLine& a, const AgentViewLine& b) { return a.t_s < b.t_s; });
  }
}

std::vector<SampledConversation> TranscriptSampler::finish() const {
  const std::vector<Index> order = chosen();
  std::vector<SampledConversation> shown;
  for (const Index index : order) shown.push_back(candidates_[index].conversation);
  add_linked_lines(shown, order);
  return shown;
}

}  // namespace msgsim::harness
