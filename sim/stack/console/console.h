// The agent-facing API: the Omni widget (offers to accept or decline), the
// conversation (send) and the session's end, transfer and presence. Agents,
// fake or human, are ConsoleClients; every refused action returns a Status
// with the reason. The console is the router's listener: it applies
// auto-accept and turns withdrawn work into session changes. Owned by the
// Stack; single-threaded.
#pragma once

#include <functional>
#include <string_view>
#include <vector>

#include "sim/runtime/runtime.h"
#include "sim/runtime/status.h"
#include "sim/stack/outbound_sender.h"
#include "sim/stack/routing/router.h"
#include "sim/stack/sessions/sessions.h"
#include "sim/stack/users/identity.h"
#include "sim/stack/users/messaging_users.h"

namespace msgsim::stack {

class Flows;

class ConsoleClient {
 public:
  virtual ~ConsoleClient() = default;
  // Work was pushed to this agent; answer with accept or decline. With
  // auto-accept the console has already accepted (`accepted` is true).
  virtual void on_offer(WorkId work, SessionId session, bool accepted) = 0;
  // The customer wrote in a session this agent owns.
  virtual void on_customer_message(SessionId session, EntryId entry) = 0;
  // The agent no longer holds this work (push timeout, went offline, customer left).
  virtual void on_withdrawn(WorkId work, SessionId session) = 0;
  // A paused session of this agent is active again (status-based capacity).
  virtual void on_resumed(SessionId session) = 0;
};

class Console final : public RouterListener {
 public:
  Console(runtime::Runtime& runtime, Router& router, Sessions& sessions, MessagingUsers& users,
          ChannelRegistry& channels, OutboundSender& outbound)
      : runtime_(runtime),
        router_(router),
        sessions_(sessions),
        users_(users),
        channels_(channels),
        outbound_(outbound) {}

  // How long an Inactive session waits for the customer before it ends.
  static constexpr runtime::Duration kInactiveEndsAfter = runtime::Duration::hours(24);

  // Connects the client that acts for `agent` (one per agent).
  void attach(AgentId agent, ConsoleClient* client);

  runtime::Status accept(AgentId agent, WorkId work);
  runtime::Status decline(AgentId agent, WorkId work);
  runtime::Result<OutboundId> send(AgentId agent, SessionId session, std::string_view text);
  runtime::Status end_session(AgentId agent, SessionId session);
  // Hands the session to another queue or agent: a new routing request.
  runtime::Status transfer(AgentId agent, SessionId session, const RoutingTarget& target);
  // The agent starts an outbound conversation with the messaging user: a New
  // session (origin AgentInitiated) and its first message, which the
  // channel's rules may refuse (then the session ends at once). Refused when
  // the user is in a live session. Without a reply in 48 h the session ends.
  runtime::Result<SessionId> start_conversation(AgentId agent, MessagingUserId user, std::string_view text);
  // The provider refused outbound message `id` after its send had returned
  // (an answer that came later): when it opened an agent-initiated session
  // that is still New, the session ends, as start_conversation ends it when
  // the refusal comes back with the send.
  void on_late_refusal(OutboundId id);
  // The customer answered an agent-initiated session: tab-based, that session
  // ends and a new one is routed; status-based, it is routed to the same agent
  // (only), who accepts it into Active. Called by the inbound path.
  void customer_replied(SessionId session);
  MessagingUserId user_of(SessionId session) const { return sessions_.get(session).user; }
  static constexpr runtime::Duration kUnansweredEndsAfter = runtime::Duration::hours(48);
  // Hands the session to a flow (its bot runs, then routes it).
  runtime::Status transfer_to_flow(AgentId agent, SessionId session, FlowId flow);
  runtime::Status set_presence(AgentId agent, PresenceStatus status);
  // The agent marks the customer inactive: the work closes (capacity freed)
  // and the session waits for the customer; after 24 h it ends.
  runtime::Status mark_inactive(AgentId agent, SessionId session);

  // The customer wrote in an Inactive or Paused session: tab-based, it is
  // routed again; status-based, it is Active with the same agent. Called by
  // the inbound path.
  void reactivate(SessionId session);
  void set_capacity_model(CapacityModel model) { capacity_model_ = model; }
  // Flows run after the console exists; the Stack connects them.
  void set_flows(Flows* flows) { flows_ = flows; }
  // Identity lives beside the console; the Stack connects it.
  void set_identity(Identity* identity) { identity_ = identity; }
  // The agent states that `user` is the person of `contact` (explicit link).
  runtime::Status link(AgentId agent, MessagingUserId user, ContactId contact) {
    return identity_->link_by_agent(agent, user, contact, runtime_.now());
  }
  // Routes a session that needs an agent (the Stack's routing of new sessions).
  void set_router_entry(std::function<void(SessionId)> route_new_session) { route_new_session_ = std::move(route_new_session); }

  // The customer ended the conversation: a waiting request is canceled, work
  // in hand is closed and its agent told; the session ends (by EndUser, or
  // System when a partner's messagingSession End closes it).
  void customer_left(SessionId session, EndedBy by = EndedBy::kEndUser);
  // Called by the inbound path when a customer writes in an owned session.
  void notify_customer_message(SessionId session, EntryId entry);
  void offer(AgentId agent, WorkId work) override;
  void withdrawn(AgentId agent, WorkId work, WorkState why) override;
  void awaiting_partner(WorkId work) override {
    if (partner_entry_) partner_entry_(work);
  }
  // Where work waiting for a partner's assignment is announced (the Stack
  // tells the channel's partner).
  void set_partner_entry(std::function<void(WorkId)> entry) { partner_entry_ = std::move(entry); }

 private:
  runtime::Status owns(AgentId agent, SessionId session) const;
  void make_inactive(SessionId session);
  void make_paused(SessionId session);
  void end_after_a_day(SessionId session);
  void start_inactivity_timer(SessionId session);
  void stop_timer(SessionId session);
  ConsoleClient* client(AgentId agent) const {
    return agent.value < clients_.size() ? clients_[agent.value] : nullptr;
  }

  runtime::Runtime& runtime_;
  Router& router_;
  Sessions& sessions_;
  MessagingUsers& users_;
  ChannelRegistry& channels_;
  OutboundSender& outbound_;
  std::vector<ConsoleClient*> clients_;
  CapacityModel capacity_model_ = CapacityModel::kTabBased;
  Flows* flows_ = nullptr;
  Identity* identity_ = nullptr;
  std::function<void(SessionId)> route_new_session_;
  std::function<void(WorkId)> partner_entry_;
};

}  // namespace msgsim::stack
