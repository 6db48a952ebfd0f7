// Sampled conversations: the few conversations of a run that the report
// shows whole, each in two views. The customer view is what the customer's
// device sent and received on that channel (from the provider boundary and
// the device, never from the stack); the agent view is the transcript as the
// agent console shows it: the conversation's messages and routing events,
// plus the messages of the contact's other messaging users once identity
// linked them (the cross-channel view). Times are simulated seconds. Texts
// are kept as written: report writers mask personal data. Value types.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace msgsim::harness {

struct CustomerViewLine {
  enum class Kind : std::uint8_t { kSent, kReceived, kAgentJoined };
  double t_s = 0.0;
  Kind kind = Kind::kSent;
  std::string text;  // empty for kAgentJoined
};

struct AgentViewLine {
  double t_s = 0.0;
  std::uint32_t session = 0;
  std::string channel;  // channel id
  // "customer", an agent's id, "automation" (auto-responses, bots,
  // notifications) or "system" (routing and session events).
  std::string from;
  std::string text;     // a message's text, or what happened
  bool linked = false;  // from another messaging user of the same contact
};

struct SampledConversation {
  std::string channel;   // channel id
  std::string customer;  // "c-<person id>", as consent violations name customers
  std::vector<std::uint32_t> sessions;       // session ids, in creation order
  std::vector<std::string> linked_channels;  // channels of the contact's other users, sorted
  bool transfer = false;  // an agent transferred one of its sessions
  bool consent = false;   // it holds a consent keyword exchange
  std::vector<CustomerViewLine> customer_view;  // in time order
  std::uint64_t customer_view_omitted = 0;      // lines beyond the limit, not kept
  std::vector<AgentViewLine> agent_view;        // in time order
  std::uint64_t agent_view_omitted = 0;
};

// The report's `transcripts` array (spec: report-format.md allows new keys).
nlohmann::ordered_json transcripts_json(const std::vector<SampledConversation>& conversations);

}  // namespace msgsim::harness
