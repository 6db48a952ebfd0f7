#include "sim/stack/stack.h"

#include <utility>

namespace msgsim::stack {

using runtime::Status;

namespace {
void publish_user_created(const Tracer& tracer, MessagingUserId user, ChannelId channel, CustomerHandle handle,
                          runtime::Time now) {
  TraceEvent event{now, TraceKind::kMessagingUserCreated};
  event.user = user;
  event.channel = channel;
  event.message = handle.value;
  tracer.publish(event);
}

// Conversation events change only what the business may send to the user
// (Apple's deleted conversation, LINE's follow / unfollow): no session, no
// transcript entry. A follow may come before any message, so it creates the
// user; other events about an unknown user have nothing to change.
void apply_conversation_event(MessagingUsers& users, const Tracer& tracer, const InboundWebhook& webhook,
                              runtime::Time now) {
  MessagingUserId id = users.find(webhook.channel, webhook.from);
  if (!id && webhook.kind != InboundKind::kFollow) return;
  if (!id) {
    id = users.find_or_create(webhook.channel, webhook.from).id;
    publish_user_created(tracer, id, webhook.channel, webhook.from, now);
  }
  MessagingUser& user = users.get(id);
  switch (webhook.kind) {
    case InboundKind::kConversationDeleted: user.conversation_deleted = true; break;
    case InboundKind::kFollow: user.follows_account = true; user.blocked_account = false; break;
    case InboundKind::kUnfollow: user.follows_account = false; user.blocked_account = true; break;
    case InboundKind::kMessage: break;
  }
}

// A customer message reopens a deleted (Apple) conversation, refreshes the
// device's capability list and brings a fresh reply token (typed mode: the
// message's provider id).
void note_customer_message(MessagingUser& user, const InboundWebhook& webhook, runtime::Time now) {
  user.conversation_deleted = false;
  user.device_capabilities = webhook.capabilities;
  user.reply_token = webhook.id;
  user.reply_token_at = now;
  user.reply_token_unused = true;
}
}  // namespace

Stack::Stack(runtime::Runtime& runtime)
    : runtime_(runtime),
      identity_(tracer_, users_),
      sessions_(tracer_),
      outbound_(runtime, tracer_, channels_, users_, sessions_, consent_),
      console_(runtime, router_, sessions_, users_, channels_, outbound_),
      router_(runtime, tracer_, console_),
      flows_(runtime, tracer_, sessions_, outbound_, router_),
      notifications_(runtime, *this) {
  console_.set_flows(&flows_);
  console_.set_identity(&identity_);
  console_.set_router_entry([this](SessionId session) { start_handling(session); });
  console_.set_partner_entry([this](WorkId work) { announce_to_partner(router_.work(work).session, work); });
}

MessagingUserId Stack::find_or_create_user(ChannelId channel, CustomerHandle handle) {
  const MessagingUsers::Found found = users_.find_or_create(channel, handle);
  if (found.created) publish_user_created(tracer_, found.id, channel, handle, runtime_.now());
  return found.id;
}

void Stack::announce_to_partner(SessionId session_id, WorkId work) {
  const Session& session = sessions_.get(session_id);
  ProviderApi* partner = channels_.provider(session.channel);
  if (partner != nullptr) partner->routing_requested(session.channel, users_.get(session.user).handle, work);
}

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
  if (webhook.kind != InboundKind::kMessage) {
    apply_conversation_event(users_, tracer_, webhook, now);
  } else if (webhook.end_conversation) {
    customer_ended(webhook);
  } else {
    receive_message(webhook);
  }
  return Status::ok();
}

// The customer closed the chat: a session with the bot ends there, one with
// an agent (or waiting for one) is the console's to end.
void Stack::customer_ended(const InboundWebhook& webhook) {
  const MessagingUserId user_id = users_.find(webhook.channel, webhook.from);
  const SessionId session = user_id ? open_session(user_id) : SessionId();
  if (!session) return;
  if (flows_.running(session)) {
    // Still with the bot: no routing request exists yet.
    flows_.cancel(session);
    sessions_.set_status(session, SessionStatus::kEnded, runtime_.now(), EndedBy::kEndUser);
  } else {
    console_.customer_left(session);
  }
}

// A customer's message (not a duplicate): the messaging user and identity,
// a consent keyword exchange or the message landing in its session, which is
// routed when new or woken when waiting for the customer.
void Stack::receive_message(const InboundWebhook& webhook) {
  const ChannelId channel = webhook.channel;
  const runtime::Time now = runtime_.now();
  MessagingUsers::Found found = users_.find_or_create(channel, webhook.from);
  if (found.created) publish_user_created(tracer_, found.id, channel, webhook.from, now);
  const ChannelSettings& settings = channels_.settings(channel);
  identity_.on_inbound(found.id, settings.type, found.created, webhook, now);
  // "YES" is an answer only to a pending double opt-in prompt.
  const ConsentMatch consent_word =
      ConsentLedger::classify(settings.consent, webhook.text, consent_.awaiting_double_opt_in(found.id));
  if (consent_word.exchange != ConsentExchange::kNone) {
    handle_consent_exchange(found.id, webhook, consent_word);
    return;
  }
  consent_.on_inbound(found.id, settings.consent, ConsentExchange::kNone, now);
  const SessionId open = open_session(found.id);
  const SessionId session_id =
      open ? open : sessions_.create(found.id, channel, SessionOrigin::kInboundInitiated, SessionStatus::kWaiting, now);

  const EntryId entry_id = land_inbound(found.id, session_id, webhook);
  MessagingUser& user = users_.get(found.id);
  ++sessions_.get(session_id).unanswered_inbound;

  // The message is in the transcript before anyone (bot, agent) acts on it.
  if (!open) {
    user.open_session = session_id;
    user.last_session = session_id;
    start_handling(session_id);
  } else if (sessions_.get(session_id).status == SessionStatus::kInactive ||
             sessions_.get(session_id).status == SessionStatus::kPaused) {
    console_.reactivate(session_id);
  } else if (sessions_.get(session_id).status == SessionStatus::kNew) {
    console_.customer_replied(session_id);
  }
  console_.notify_customer_message(session_id, entry_id);
  if (settings.initial_response && !users_.get(found.id).initial_response_sent) {
    users_.get(found.id).initial_response_sent = true;
    (void)outbound_.send(session_id, AgentId(), *settings.initial_response);
  }
}

// A customer message lands in the session's transcript: the user's inbound
// facts are updated and the landing is traced (the conservation oracle counts it).
EntryId Stack::land_inbound(MessagingUserId user_id, SessionId session, const InboundWebhook& webhook) {
  const runtime::Time now = runtime_.now();
  TranscriptEntry entry;
  entry.at = now;
  entry.direction = Direction::kInbound;
  entry.message = webhook.id.value;
  const EntryId entry_id = sessions_.append(session, entry, webhook.text);
  MessagingUser& user = users_.get(user_id);
  user.last_inbound_at = now;
  user.has_inbound = true;
  note_customer_message(user, webhook, now);
  TraceEvent event{now, TraceKind::kInboundAccepted};
  event.user = user_id;
  event.channel = webhook.channel;
  event.session = session;
  event.entry = entry_id;
  event.message = webhook.id.value;
  tracer_.publish(event);
  return entry_id;
}

void Stack::receive_send_outcome(OutboundId id, const SendOutcome& outcome) {
  if (outbound_.on_send_outcome(id, outcome)) console_.on_late_refusal(id);
}

void Stack::handle_consent_exchange(MessagingUserId user_id, const InboundWebhook& webhook, const ConsentMatch& match) {
  const ConsentExchange exchange = match.exchange;
  const runtime::Time now = runtime_.now();
  const ChannelConsentSettings& consent = channels_.settings(webhook.channel).consent;
  static constexpr SessionOrigin kOrigins[] = {SessionOrigin::kInboundInitiated, SessionOrigin::kOptOut,
                                               SessionOrigin::kOptIn, SessionOrigin::kOptIn, SessionOrigin::kHelp};
  const SessionId session =
      sessions_.create(user_id, webhook.channel, kOrigins[static_cast<int>(exchange)], SessionStatus::kConsent, now);
  (void)land_inbound(user_id, session, webhook);

  consent_.on_inbound(user_id, consent, exchange, now);
  // The platform answers in the language of the keyword the customer used
  // (FCC revocation wording, in no keyword set, keeps the user's language).
  MessagingUser& user = users_.get(user_id);
  if (match.language) user.consent_language = *match.language;
  const ConsentLanguageIndex language = user.consent_language;
  OutboundOptions options;
  std::optional<std::string> reply;
  if (exchange == ConsentExchange::kOptOut) {
    options.consent_response = static_cast<std::uint8_t>(ConsentResponse::kOptOutConfirmation);
    reply = consent.opt_out_text(language);
  } else if (exchange == ConsentExchange::kOptIn && consent_.awaiting_double_opt_in(user_id)) {
    options.consent_response = static_cast<std::uint8_t>(ConsentResponse::kDoubleOptInPrompt);
    reply = consent.double_opt_in_prompt_text(language);
  } else if (exchange == ConsentExchange::kOptIn || exchange == ConsentExchange::kDoubleOptIn) {
    options.consent_response = static_cast<std::uint8_t>(ConsentResponse::kOptInConfirmation);
    reply = consent.opt_in_text(language);
  } else if (exchange == ConsentExchange::kHelp) {
    options.consent_response = static_cast<std::uint8_t>(ConsentResponse::kHelp);
    reply = consent.help_text(language);
  }
  if (reply) (void)outbound_.send(session, AgentId(), *reply, options);
  sessions_.set_status(session, SessionStatus::kEnded, now, EndedBy::kSystem);
}

SessionId Stack::open_session(MessagingUserId user_id) const {
  const SessionId session = users_.get(user_id).open_session;
  return session && is_open(sessions_.get(session).status) ? session : SessionId();
}

// Outside the channel's business hours a new session gets the offline
// auto-response and waits, unrouted, until the channel opens.
void Stack::start_handling(SessionId session_id) {
  const ChannelSettings& settings = channels_.settings(sessions_.get(session_id).channel);
  if (settings.business_hours && !settings.business_hours->is_open(runtime_.now())) {
    if (settings.offline_response) (void)outbound_.send(session_id, AgentId(), *settings.offline_response);
    const runtime::Time opens = settings.business_hours->next_open(runtime_.now());
    if (opens == runtime::Time::max()) return;  // never opens: reported open at the end
    runtime_.schedule_at(opens, [this, session_id]() {
      const Session& session = sessions_.get(session_id);
      if (is_open(session.status) && !session.work && !flows_.running(session_id)) route_new_session(session_id);
    });
    return;
  }
  route_new_session(session_id);
}

// A new session goes to the channel's handler: a flow, an agent, or a queue
// (with skills); the fallback queue when the channel names none.
void Stack::route_new_session(SessionId session_id) {
  const ChannelId channel = sessions_.get(session_id).channel;
  const ChannelSettings& settings = channels_.settings(channel);
  if (settings.partner_routing) {
    // The partner creates the routing request (PartnerApi::route).
    announce_to_partner(session_id, WorkId());
    return;
  }
  if (settings.route_flow) {
    flows_.start(session_id, settings.route_flow, settings.fallback_queue);
    return;
  }
  RoutingTarget target;
  target.queue = settings.route_queue ? settings.route_queue : settings.fallback_queue;
  target.additional_skills = settings.route_skills;
  const AgentId last_agent = users_.get(sessions_.get(session_id).user).last_agent;
  if (settings.prefer_last_agent && last_agent) {
    target.preferred_agent = last_agent;
    target.preferred_required = settings.last_agent_required;
  }
  if (settings.route_agent) {
    // Routing to an agent: the channel's fallback queue carries the item, and
    // only that agent may take it.
    target.queue = settings.fallback_queue;
    target.preferred_agent = settings.route_agent;
    target.preferred_required = true;
  }
  sessions_.get(session_id).work = router_.request(session_id, channel, target);
}

}  // namespace msgsim::stack
