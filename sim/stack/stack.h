// The messaging platform under test, in process: channels, messaging users,
// sessions, routing and the agent console, wired to one Runtime. Its two
// boundaries are the ones a real deployment has: provider webhooks in
// (receive_webhook, receive_receipt) with provider APIs out, and the agent
// console. It knows nothing of fakes, scenarios or oracles; observers
// subscribe to its trace. Single-threaded.
#pragma once

#include "sim/runtime/runtime.h"
#include "sim/runtime/status.h"
#include "sim/stack/channels/channel_registry.h"
#include "sim/stack/channels/deduplicator.h"
#include "sim/stack/console/console.h"
#include "sim/stack/notifications.h"
#include "sim/stack/outbound_sender.h"
#include "sim/stack/partner/partner_api.h"
#include "sim/stack/routing/flows.h"
#include "sim/stack/routing/router.h"
#include "sim/stack/sessions/sessions.h"
#include "sim/stack/trace.h"
#include "sim/stack/users/identity.h"
#include "sim/stack/users/messaging_users.h"

namespace msgsim::stack {

// Expected volumes of a run, so storage is sized once instead of grown by
// doubling (a hint: exceeding it only costs growth).
struct CapacityHint {
  std::size_t messaging_users = 0;
  std::size_t sessions = 0;
  std::size_t transcript_entries = 0;
};

class Stack {
 public:
  explicit Stack(runtime::Runtime& runtime);
  Stack(const Stack&) = delete;
  Stack& operator=(const Stack&) = delete;

  // Provider webhook: a customer message. Ok for an accepted or absorbed
  // duplicate delivery; kInvalidInput (the provider would get a 400) when the
  // channel's adapter rejects it; nothing changes then.
  runtime::Status receive_webhook(const InboundWebhook& webhook);
  // Provider webhook: a delivery receipt.
  void receive_receipt(const DeliveryReceipt& receipt) { outbound_.on_receipt(receipt); }
  // The provider's answer to outbound message `id`, whose send was answered
  // later (SendOutcome::pending).
  void receive_send_outcome(OutboundId id, const SendOutcome& outcome);

  void reserve(const CapacityHint& hint);
  void set_capacity_model(CapacityModel model) { console_.set_capacity_model(model); }

  runtime::Runtime& runtime() { return runtime_; }
  Tracer& tracer() { return tracer_; }
  ChannelRegistry& channels() { return channels_; }
  const ChannelRegistry& channels() const { return channels_; }
  MessagingUsers& users() { return users_; }
  Identity& identity() { return identity_; }
  Sessions& sessions() { return sessions_; }
  Router& router() { return router_; }
  const Router& router() const { return router_; }
  Flows& flows() { return flows_; }
  ConsentLedger& consent() { return consent_; }
  Notifications& notifications() { return notifications_; }
  // What a BYOC for CCaaS partner calls when it owns routing or consent.
  PartnerApi& partner() { return partner_; }
  // The channel's messaging user for `handle`, created (and traced) on first use.
  MessagingUserId find_or_create_user(ChannelId channel, CustomerHandle handle);
  // The user's session that is not Ended/Error, or none.
  SessionId open_session(MessagingUserId user_id) const;
  Console& console() { return console_; }
  OutboundSender& outbound() { return outbound_; }
  const Deduplicator& deduplicator() const { return deduplicator_; }

 private:
  void start_handling(SessionId session);
  void route_new_session(SessionId session);
  // Tells a partner-routed channel's partner that work needs it.
  void announce_to_partner(SessionId session, WorkId work);
  EntryId land_inbound(MessagingUserId user, SessionId session, const InboundWebhook& webhook);
  // A consent keyword: its own session (origin OptIn/OptOut/Help), the
  // ledger updated, the platform's response sent, the session ended.
  void customer_ended(const InboundWebhook& webhook);
  void receive_message(const InboundWebhook& webhook);
  void handle_consent_exchange(MessagingUserId user, const InboundWebhook& webhook, const ConsentMatch& match);

  runtime::Runtime& runtime_;
  Tracer tracer_;
  ChannelRegistry channels_;
  Deduplicator deduplicator_;
  MessagingUsers users_;
  Identity identity_;
  Sessions sessions_;
  ConsentLedger consent_;
  OutboundSender outbound_;
  Console console_;
  Router router_;
  Flows flows_;
  Notifications notifications_;
  PartnerApi partner_{*this};
};

}  // namespace msgsim::stack
