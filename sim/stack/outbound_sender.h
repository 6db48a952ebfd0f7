// Every business message (agent reply, auto-response, later automations)
// leaves through here: the channel adapter's outbound rules are checked, the
// message is recorded in the transcript, submitted to the channel's provider
// API, and its delivery state is tracked (a state never moves backwards: a
// late `delivered` never overwrites `read`). A refused send returns the
// reason to the sender; nothing is dropped silently. Owned by the Stack.
#pragma once

#include <string>
#include <vector>

#include "sim/runtime/runtime.h"
#include "sim/runtime/status.h"
#include "sim/stack/channels/channel_registry.h"
#include "sim/stack/consent/consent_gate.h"
#include "sim/stack/consent/consent_ledger.h"
#include "sim/stack/sessions/sessions.h"
#include "sim/stack/users/messaging_users.h"

namespace msgsim::stack {

struct OutboundRecord {
  ChannelId channel;
  SessionId session;
  MessagingUserId user;
  AgentId agent;
  DeliveryState state = DeliveryState::kQueued;
  // Why the provider failed it: the code of its synchronous refusal or of
  // its failed status report (0 = none given), and the refusal's subcode.
  int error_code = 0;
  int error_subcode = 0;  // the provider's refinement of error_code, 0 = none
};

class OutboundSender {
 public:
  OutboundSender(runtime::Runtime& runtime, const Tracer& tracer, ChannelRegistry& channels,
                 MessagingUsers& users, Sessions& sessions, ConsentLedger& consent)
      : runtime_(runtime), tracer_(tracer), channels_(channels), users_(users), sessions_(sessions), consent_(consent) {}

  // Sends `text` into `session` on behalf of `agent` (none = automation);
  // `options` say what else the message is (template, tag, interactive type).
  // kRefused (traced as kOutboundRefused) with the rule's reason when the
  // channel forbids it now; kInvalidInput for options the channel lacks. On
  // LINE, a send the adapter makes a reply uses up the reply token.
  runtime::Result<OutboundId> send(SessionId session, AgentId agent, std::string_view text,
                                   const OutboundOptions& options = {});
  void reserve(std::size_t messages) { records_.reserve(messages); }
  // Tells the channel's provider that an agent joined the session.
  void announce_agent(SessionId session);
  // Applies a provider receipt; ignores one that would move the state back.
  // A failed one leaves its error code on the record.
  void on_receipt(const DeliveryReceipt& receipt);
  // The provider's late answer to a send that returned SendOutcome::pending:
  // a refusal is traced and fails the message, as an immediate one does
  // (the sender's call has long returned, so nobody else hears of it).
  // Returns true iff it was a refusal of a message of ours.
  bool on_send_outcome(OutboundId id, const SendOutcome& outcome);
  // Tests only: `gate` makes the consent decision instead of the ledger
  // (consent_gate.h); null restores the ledger. `gate` must outlive its use.
  void set_consent_gate(const ConsentGate* gate) { consent_gate_ = gate; }

  const OutboundRecord& record(OutboundId id) const { return records_[id.value]; }
  std::size_t size() const { return records_.size(); }

 private:
  // What the channel's outbound rules need about this user and message.
  OutboundContext context_for(const Session& session, const MessagingUser& user, AgentId agent,
                              std::string_view text, const OutboundOptions& options) const;
  void refuse(SessionId session, AgentId agent, runtime::StatusCode code) const;
  // The provider refused outbound message `id`: records the codes, traces
  // kProviderRefused and fails the message.
  void record_provider_refusal(OutboundId id, const SendOutcome& outcome);

  runtime::Runtime& runtime_;
  const Tracer& tracer_;
  ChannelRegistry& channels_;
  MessagingUsers& users_;
  Sessions& sessions_;
  ConsentLedger& consent_;
  const ConsentGate* consent_gate_ = nullptr;  // null: the ledger decides
  std::vector<OutboundRecord> records_;
};

}  // namespace msgsim::stack
