// Omni-Channel configuration as the router sees it: queues with their routing
// configuration, agents with presence configuration, capacity and skills, and
// the target of one routing request. Built by the deployer.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sim/runtime/time.h"
#include "sim/stack/ids.h"

namespace msgsim::stack {

// kExternal: the router does not route; a partner assigns the work itself.
enum class RoutingModel : std::uint8_t { kMostAvailable, kLeastActive, kExternal };
enum class PresenceStatus : std::uint8_t { kOnline, kBusy, kAway, kOffline };
// tab_based: capacity is freed when the agent closes the work (an inactive
// session frees it); status_based: work stays counted until completed, a
// paused session keeping its weight and returning to the same agent.
enum class CapacityModel : std::uint8_t { kTabBased, kStatusBased };

const char* presence_status_name(PresenceStatus status);

struct QueueSettings {
  std::string id;
  int priority = 1;  // lower routes first
  RoutingModel model = RoutingModel::kMostAvailable;
  runtime::Duration push_timeout;  // zero = off
  int capacity_weight = 1;
  std::optional<double> capacity_percentage;  // of the agent's capacity, (0, 100]; replaces the weight
  std::vector<SkillId> skills;                // required of every item of the queue
  runtime::Duration drop_additional_skills_after;  // zero = never
  QueueId overflow_queue;                     // none = no overflow
  runtime::Duration overflow_after;
};

struct PresenceConfig {
  bool auto_accept = false;
  bool decline_enabled = true;
  std::optional<PresenceStatus> status_on_decline;       // none = unchanged
  std::optional<PresenceStatus> status_on_push_timeout;  // none = unchanged
};

struct AgentSettings {
  std::string id;
  int capacity = 1;
  bool messaging_permission = true;  // the MessagingUser permission set
  std::vector<QueueId> queues;
  std::vector<std::pair<SkillId, int>> skills;  // skill and level
  PresenceConfig presence;
  PresenceStatus initial_status = PresenceStatus::kOnline;
};

// Where one routing request goes.
struct RoutingTarget {
  QueueId queue;
  std::vector<SkillId> additional_skills;  // on top of the queue's; dropped after its timeout
  AgentId preferred_agent;                 // e.g. the customer's last agent
  bool preferred_required = false;         // wait for that agent only (then no push timeout)
  // A partner that owns routing assigns it (Router::assign_external); the
  // router never routes it, whatever the queue's model.
  bool partner_routed = false;
};

// The life of one routing request's current agent work (AgentWork).
enum class WorkState : std::uint8_t {
  kPending,  // in a queue, not pushed to an agent
  kAssigned,
  kOpened,
  kDeclined,
  kDeclinedOnPushTimeout,
  kCanceled,
  kTransferred,
  kUnavailable,
  kClosed,
};

const char* work_state_name(WorkState state);

}  // namespace msgsim::stack
