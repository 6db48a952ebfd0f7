#include "sim/harness/transcripts.h"

namespace msgsim::harness {

namespace {

const char* kind_name(CustomerViewLine::Kind kind) {
  switch (kind) {
    case CustomerViewLine::Kind::kSent: return "sent";
    case CustomerViewLine::Kind::kReceived: return "received";
    case CustomerViewLine::Kind::kAgentJoined: return "agent_joined";
  }
  return "?";
}

nlohmann::ordered_json events_json(const SampledConversation& conversation) {
  nlohmann::ordered_json events = nlohmann::ordered_json::array();
  if (conversation.transfer) events.push_back("transfer");
  if (conversation.consent) events.push_back("consent");
  return events;
}

}  // namespace

nlohmann::ordered_json transcripts_json(const std::vector<SampledConversation>& conversations) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const SampledConversation& conversation : conversations) {
    nlohmann::ordered_json customer_view = nlohmann::ordered_json::array();
    for (const CustomerViewLine& line : conversation.customer_view) {
      customer_view.push_back({{"t_s", line.t_s}, {"direction", kind_name(line.kind)}, {"text", line.text}});
    }
    nlohmann::ordered_json agent_view = nlohmann::ordered_json::array();
    for (const AgentViewLine& line : conversation.agent_view) {
      agent_view.push_back({{"t_s", line.t_s}, {"session", line.session}, {"channel", line.channel},
                            {"from", line.from}, {"text", line.text}, {"linked", line.linked}});
    }
    nlohmann::ordered_json item;
    item["channel"] = conversation.channel;
    item["customer"] = conversation.customer;
    item["sessions"] = conversation.sessions;
    item["linked_channels"] = conversation.linked_channels;
    item["events"] = events_json(conversation);
    item["customer_view"] = std::move(customer_view);
    item["customer_view_omitted"] = conversation.customer_view_omitted;
    item["agent_view"] = std::move(agent_view);
    item["agent_view_omitted"] = conversation.agent_view_omitted;
    out.push_back(std::move(item));
  }
  return out;
}

}  // namespace msgsim::harness
