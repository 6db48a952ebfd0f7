// A messaging channel as the platform configures it: type, platform key
// (address), session handler with its mandatory fallback queue, timers and
// auto-responses. Built by whoever deploys the stack (the harness's world
// builder); the stack never reads scenario files.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sim/runtime/time.h"
#include "sim/stack/channels/business_hours.h"
#include "sim/stack/consent/consent_settings.h"
#include "sim/stack/ids.h"

namespace msgsim::stack {

enum class ChannelType : std::uint8_t { kSms, kWhatsapp, kMessenger, kApple, kLine, kWeb, kInApp, kByoc, kByocCcaas };

const char* channel_type_name(ChannelType type);

struct ChannelSettings {
  std::string id;
  ChannelType type = ChannelType::kWeb;
  std::string address;
  bool active = true;
  QueueId route_queue;     // the session handler: a queue (with skills) ...
  std::vector<SkillId> route_skills;
  AgentId route_agent;     // ... or an agent
  FlowId route_flow;       // ... or a flow
  // A returning customer's last agent is offered the new session first
  // (prefer_last_agent), or only that agent may take it (last_agent_required).
  bool prefer_last_agent = false;
  bool last_agent_required = false;
  QueueId fallback_queue;  // mandatory
  // BYOC for CCaaS with partner-owned routing: the platform's router stays
  // out; the partner creates the routing request and assigns the agent
  // (sim/stack/partner/partner_api.h) in route_queue (or the fallback queue).
  bool partner_routing = false;
  runtime::Duration customer_inactivity_timeout;  // zero = off
  std::optional<std::string> initial_response;
  std::optional<std::string> offline_response;  // sent to a new session outside business hours
  std::optional<BusinessHours> business_hours;   // none = always open
  ChannelConsentSettings consent;
};

}  // namespace msgsim::stack
