#include "sim/stack/stack.h"

#include <utility>

namespace msgsim::stack {

using runtime::Status;

Stack::Stack(runtime::Runtime& runtime)
    : runtime_(runtime),
      sessions_(tracer_),
      outbound_(runtime, tracer_, channels_, users_, sessions_),
      console_(runtime, router_, sessions_, users_, outbound_),
      router_(runtime, tracer_, console_) {}

void Stack::reserve(const CapacityHint& hint) {
  users_.reserve(hint.messaging_users);
  sessions_.reserve(hint.sessions, hint.transcript_entries);
  outbound_.reserve(hint.transcript_entries / 2);
  router_.reserve(hint.sessions);
}

// The inbound path: adapter check, redelivery absorption, messaging user,
// session (created and routed when none is open), transcript, agent notice,
// initial auto-response.
Status Stack::receive_webhook(const InboundWebhook& webhook) {
  const ChannelId channel = webhook.channel;
  const runtime::Time now = runtime_.now();
  Status valid = channels_.adapter(channel).check_inbound(webhook);
  if (!valid.is_ok()) return valid;
  if (!deduplicator_.first_time(channel, webhook.id, now)) {
    TraceEvent event{now, TraceKind::kDuplicateAbsorbed};
    event.channel = channel;
    event.message = webhook.id.value;
    tracer_.publish(event);
    return Status::ok();
  }
  if (webhook.end_conversation) {
    const MessagingUserId user = users_.find(channel, webhook.from);
    if (user && users_.get(user).open_session) console_.customer_left(users_.get(user).open_session);
    return Status::ok();
  }
  MessagingUsers::Found found = users_.find_or_create(channel, webhook.from);
  if (found.created) {
    TraceEvent event{now, TraceKind::kMessagingUserCreated};
    event.user = found.id;
    event.channel = channel;
    event.message = webhook.from.value;
    tracer_.publish(event);
  }
  SessionId session_id = open_session_for(found.id, channel);

  TranscriptEntry entry;
  entry.at = now;
  entry.direction = Direction::kInbound;
  entry.message = webhook.id.value;
  EntryId entry_id = sessions_.append(session_id, entry, webhook.text);
  MessagingUser& user = users_.get(found.id);
  user.last_inbound_at = now;
  user.has_inbound = true;
  ++sessions_.get(session_id).unanswered_inbound;

  TraceEvent event{now, TraceKind::kInboundAccepted};
  event.user = found.id;
  event.channel = channel;
  event.session = session_id;
  event.entry = entry_id;
  event.message = webhook.id.value;
  tracer_.publish(event);

  console_.notify_customer_message(session_id, entry_id);
  const ChannelSettings& settings = channels_.settings(channel);
  if (settings.initial_response && !user.initial_response_sent) {
    user.initial_response_sent = true;
    (void)outbound_.send(session_id, AgentId(), *settings.initial_response);
  }
  return Status::ok();
}

// The user's open session, or a new Waiting session routed to the channel's
// queue (the fallback queue when the channel has no handler).
SessionId Stack::open_session_for(MessagingUserId user_id, ChannelId channel) {
  MessagingUser& user = users_.get(user_id);
  if (user.open_session) return user.open_session;
  const runtime::Time now = runtime_.now();
  SessionId session_id =
      sessions_.create(user_id, channel, SessionOrigin::kInboundInitiated, SessionStatus::kWaiting, now);
  user.open_session = session_id;
  user.last_session = session_id;
  const ChannelSettings& settings = channels_.settings(channel);
  RoutingTarget target;
  target.queue = settings.route_queue ? settings.route_queue : settings.fallback_queue;
  target.additional_skills = settings.route_skills;
  if (settings.route_agent) {
    // Routing to an agent: the channel's fallback queue carries the item, and
    // only that agent may take it.
    target.queue = settings.fallback_queue;
    target.preferred_agent = settings.route_agent;
    target.preferred_required = true;
  }
  WorkId work = router_.request(session_id, channel, target);
  sessions_.get(session_id).work = work;
  return session_id;
}

}  // namespace msgsim::stack
