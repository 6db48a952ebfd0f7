// Omni-Channel configuration as the router sees it: queues with their routing
// configuration, agents with presence and capacity. Built by the deployer.
#pragma once

#include <string>
#include <vector>

#include "sim/runtime/time.h"
#include "sim/stack/ids.h"

namespace msgsim::stack {

enum class RoutingModel : std::uint8_t { kMostAvailable, kLeastActive };
enum class PresenceStatus : std::uint8_t { kOnline, kBusy, kAway, kOffline };

const char* presence_status_name(PresenceStatus status);

struct QueueSettings {
  std::string id;
  int priority = 1;  // lower routes first
  RoutingModel model = RoutingModel::kMostAvailable;
  int capacity_weight = 1;
};

struct AgentSettings {
  std::string id;
  int capacity = 1;
  bool messaging_permission = true;  // the MessagingUser permission set
  std::vector<QueueId> queues;
  PresenceStatus initial_status = PresenceStatus::kOnline;
};

// The life of one routed item (AgentWork).
enum class WorkState : std::uint8_t {
  kPending,  // in a queue, not yet pushed to an agent
  kAssigned,
  kOpened,
  kDeclined,
  kDeclinedOnPushTimeout,
  kCanceled,
  kTransferred,
  kUnavailable,
  kClosed,
};

}  // namespace msgsim::stack
