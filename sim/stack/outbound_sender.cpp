#include "sim/stack/outbound_sender.h"

#include <utility>

namespace msgsim::stack {

using runtime::Status;
using runtime::StatusCode;

namespace {
// Delivery states advance queued < sent < delivered < read; failed is final.
bool advances(DeliveryState from, DeliveryState to) {
  if (from == DeliveryState::kFailed) return false;
  if (to == DeliveryState::kFailed) return true;
  return static_cast<int>(to) > static_cast<int>(from);
}
}  // namespace

runtime::Result<OutboundId> OutboundSender::send(SessionId session_id, AgentId agent, std::string_view text,
                                                 const OutboundOptions& options) {
  Session& session = sessions_.get(session_id);
  MessagingUser& user = users_.get(session.user);
  const ChannelAdapter& adapter = channels_.adapter(session.channel);
  // The one consent gate: agents, automations and auto-responses alike.
  const auto response = static_cast<ConsentResponse>(options.consent_response);
  const ChannelConsentSettings& consent_settings = channels_.settings(session.channel).consent;
  Status consented = consent_gate_ != nullptr
                         ? consent_gate_->allows(consent_, session.user, consent_settings, response)
                         : consent_.allows(session.user, consent_settings, response);
  if (!consented.is_ok()) {
    refuse(session_id, agent, consented.code());
    return consented;
  }
  const OutboundContext context = context_for(session, user, agent, text, options);
  Status allowed = adapter.check_outbound(context);
  if (!allowed.is_ok()) {
    refuse(session_id, agent, allowed.code());
    return allowed;
  }
  consent_.on_sent(session.user, response);
  ProviderApi* provider = channels_.provider(session.channel);
  if (provider == nullptr) {
    refuse(session_id, agent, StatusCode::kUnavailable);
    return Status(StatusCode::kUnavailable, "channel " + channels_.settings(session.channel).id + " has no provider");
  }

  OutboundId id(static_cast<std::uint32_t>(records_.size()));
  records_.push_back(OutboundRecord{session.channel, session_id, session.user, agent});
  TranscriptEntry entry;
  entry.at = runtime_.now();
  entry.direction = Direction::kOutbound;
  entry.agent = agent;
  entry.message = id.value;
  EntryId entry_id = sessions_.append(session_id, entry, text);
  session.unanswered_inbound = 0;

  TraceEvent event{runtime_.now(), TraceKind::kOutboundSubmitted};
  event.outbound = id;
  event.session = session_id;
  event.user = session.user;
  event.channel = session.channel;
  event.agent = agent;
  event.entry = entry_id;
  tracer_.publish(event);

  OutboundRequest request{session.channel, user.handle, id, sessions_.text(entry_id), &options};
  if (adapter.uses_reply_token(context)) {
    // Single use: spent on submission, whatever the provider answers.
    request.uses_reply_token = true;
    request.reply_token = user.reply_token;
    user.reply_token_unused = false;
  }
  SendOutcome outcome = provider->send(request);
  if (!outcome.accepted && !outcome.pending) {
    record_provider_refusal(id, outcome);
    const std::string subcode = outcome.error_subcode != 0 ? "/" + std::to_string(outcome.error_subcode) : "";
    return Status(StatusCode::kRefused,
                  "provider refused the message (error " + std::to_string(outcome.error_code) + subcode + ")");
  }
  return id;
}

bool OutboundSender::on_send_outcome(OutboundId id, const SendOutcome& outcome) {
  if (id.value >= records_.size() || outcome.accepted || outcome.pending) return false;
  record_provider_refusal(id, outcome);
  return true;
}

void OutboundSender::record_provider_refusal(OutboundId id, const SendOutcome& outcome) {
  OutboundRecord& record = records_[id.value];
  record.error_code = outcome.error_code;
  record.error_subcode = outcome.error_subcode;
  TraceEvent refused{runtime_.now(), TraceKind::kProviderRefused};
  refused.outbound = id;
  refused.session = record.session;
  refused.channel = record.channel;
  refused.message = static_cast<std::uint64_t>(outcome.error_code);
  tracer_.publish(refused);
  on_receipt(DeliveryReceipt{record.channel, id, DeliveryState::kFailed, outcome.error_code});
}

OutboundContext OutboundSender::context_for(const Session& session, const MessagingUser& user, AgentId agent,
                                            std::string_view text, const OutboundOptions& options) const {
  const runtime::Time now = runtime_.now();
  OutboundContext context;
  // An agent-initiated session the customer has not answered (New) is
  // business-initiated: it does not count as an open conversation.
  context.session_open = is_open(session.status) && session.status != SessionStatus::kNew;
  context.customer_wrote_first = user.has_inbound;
  if (user.has_inbound) context.since_last_inbound = now - user.last_inbound_at;
  context.human_agent = static_cast<bool>(agent);
  context.text = text;
  context.options = options;
  context.reply_token_unused = user.reply_token_unused;
  if (user.reply_token_unused) context.since_reply_token = now - user.reply_token_at;
  context.follows_account = user.follows_account;
  context.blocked_account = user.blocked_account;
  context.conversation_deleted = user.conversation_deleted;
  context.device_capabilities = user.device_capabilities;
  return context;
}

void OutboundSender::announce_agent(SessionId session_id) {
  const Session& session = sessions_.get(session_id);
  ProviderApi* provider = channels_.provider(session.channel);
  if (provider != nullptr) provider->agent_joined(session.channel, users_.get(session.user).handle);
}

void OutboundSender::on_receipt(const DeliveryReceipt& receipt) {
  if (receipt.id.value >= records_.size()) return;  // not ours: a forged or stale receipt
  OutboundRecord& record = records_[receipt.id.value];
  // Failed is final, so a late `delivered` never reaches the code below and
  // the failure's code stays on the record.
  if (!advances(record.state, receipt.state)) return;
  record.state = receipt.state;
  if (receipt.state == DeliveryState::kFailed) record.error_code = receipt.error_code;
  TraceEvent event{runtime_.now(), TraceKind::kDeliveryStatus, static_cast<std::uint8_t>(receipt.state)};
  if (receipt.state == DeliveryState::kFailed) event.message = static_cast<std::uint64_t>(receipt.error_code);
  event.outbound = receipt.id;
  event.channel = record.channel;
  event.session = record.session;
  tracer_.publish(event);
}

void OutboundSender::refuse(SessionId session_id, AgentId agent, StatusCode code) const {
  const Session& session = sessions_.get(session_id);
  TraceEvent event{runtime_.now(), TraceKind::kOutboundRefused, static_cast<std::uint8_t>(code)};
  event.session = session_id;
  event.user = session.user;
  event.channel = session.channel;
  event.agent = agent;
  tracer_.publish(event);
}

}  // namespace msgsim::stack
