#include "sim/live/serve/conversation_view.h"

#include <algorithm>

namespace msgsim::live {

namespace {

const std::vector<stack::SessionId> kNoSessions;

const char* delivery_name(stack::DeliveryState state) {
  switch (state) {
    case stack::DeliveryState::kQueued: return "queued";
    case stack::DeliveryState::kSent: return "sent";
    case stack::DeliveryState::kDelivered: return "delivered";
    case stack::DeliveryState::kRead: return "read";
    case stack::DeliveryState::kFailed: return "failed";
  }
  return "queued";
}

nlohmann::ordered_json entries_json(stack::Stack& stack, const stack::Session& session) {
  const stack::Sessions& sessions = stack.sessions();
  const stack::Router& router = stack.router();
  const stack::OutboundSender& outbound = stack.outbound();
  nlohmann::ordered_json entries = nlohmann::ordered_json::array();
  for (stack::EntryId id = session.first_entry; id.valid(); id = sessions.entry(id).next) {
    const stack::TranscriptEntry& entry = sessions.entry(id);
    nlohmann::ordered_json item;
    item["at_s"] = entry.at.to_seconds();
    const bool inbound = entry.direction == stack::Direction::kInbound;
    item["direction"] = inbound ? "customer" : "business";
    item["agent"] = entry.agent.valid() ? nlohmann::ordered_json(router.agent(entry.agent).id) : nullptr;
    item["text"] = std::string(sessions.text(id));
    if (!inbound && entry.message < outbound.size()) {
      const stack::OutboundId sent(static_cast<std::uint32_t>(entry.message));
      const stack::OutboundRecord& record = outbound.record(sent);
      item["delivery"] = delivery_name(record.state);
      const bool failed = record.state == stack::DeliveryState::kFailed;
      if (failed && record.error_code != 0) item["error_code"] = record.error_code;
    }
    entries.push_back(std::move(item));
  }
  return entries;
}

}  // namespace

void ConversationIndex::on_trace(const stack::TraceEvent& event) {
  if (event.kind != stack::TraceKind::kSessionCreated) return;
  if (sessions_by_user_.size() <= event.user.value) sessions_by_user_.resize(event.user.value + 1);
  sessions_by_user_[event.user.value].push_back(event.session);
}

const std::vector<stack::SessionId>& ConversationIndex::sessions_of(stack::MessagingUserId user) const {
  return user.value < sessions_by_user_.size() ? sessions_by_user_[user.value] : kNoSessions;
}

nlohmann::ordered_json conversation_json(stack::Stack& stack, const ConversationIndex& index,
                                         stack::SessionId session_id, const CustomerAddress& address_of) {
  const stack::Sessions& sessions = stack.sessions();
  const stack::Session& session = sessions.get(session_id);
  const stack::ChannelSettings& channel = stack.channels().settings(session.channel);
  const stack::ContactId contact = stack.identity().contact_of(session.user);

  nlohmann::ordered_json view;
  view["session"] = session_id.value;
  view["channel"] = channel.id;
  view["type"] = stack::channel_type_name(channel.type);
  view["status"] = stack::session_status_name(session.status);
  view["created_s"] = session.created_at.to_seconds();
  view["customer"] = address_of ? address_of(session.user) : std::string();
  view["contact"] = contact.valid() ? nlohmann::ordered_json(contact.value) : nullptr;
  view["entries"] = entries_json(stack, session);

  // The person's other sessions: every messaging user linked to the contact
  // (or just this one), in creation order of the sessions.
  std::vector<stack::MessagingUserId> users{session.user};
  if (contact.valid()) users = stack.identity().contacts().members(contact);
  std::vector<stack::SessionId> others;
  for (const stack::MessagingUserId user : users) {
    for (const stack::SessionId other : index.sessions_of(user)) {
      if (other != session_id) others.push_back(other);
    }
  }
  std::sort(others.begin(), others.end());  // ids grow with creation time
  nlohmann::ordered_json history = nlohmann::ordered_json::array();
  for (const stack::SessionId other : others) {
    const stack::Session& earlier = sessions.get(other);
    if (earlier.entries == 0) continue;
    history.push_back({{"session", other.value},
                       {"channel", stack.channels().settings(earlier.channel).id},
                       {"status", stack::session_status_name(earlier.status)},
                       {"created_s", earlier.created_at.to_seconds()},
                       {"customer", address_of ? address_of(earlier.user) : std::string()},
                       {"entries", entries_json(stack, earlier)}});
  }
  view["history"] = std::move(history);
  return view;
}

}  // namespace msgsim::live
