// The deployment lint of `msgsim validate`: setup mistakes an administrator
// makes that the format allows but that make part of the deployment dead
// (platform.md §4 and the scenario format). The loader has already checked
// the file's syntax and references; the lint judges a valid model. Findings
// are warnings; `validate --strict` turns them into errors. Pure function of
// the model; any thread.
//
// Rules (id: what it finds):
//   messaging-disabled          org.messaging_enabled is false
//   agent-without-messaging-user an agent group lacks the MessagingUser permission set
//   channel-without-routing     a channel's routing names no target, or one that does not exist
//   channel-without-fallback-queue a channel's fallback queue is missing or does not exist
//   queue-not-served            no agent with MessagingUser lists the queue or has all its skills
//   sms-without-opt-out         an SMS channel with keyword_pack "none" and no opt_out keywords
//   unreachable-flow-intent     a flow's by_intent intent that no population has (weight > 0)
//   flow-not-routed             a flow no channel, transfer or other flow routes to
//   business-hours-never-open   business hours closed on all seven days
//   capacity-below-weight       an agent group's capacity is below the capacity_weight of a queue it serves
//   offline-without-auto-response a channel with business hours but no offline auto-response
// A channel declared with `count` > 1 yields one finding, not one per copy.
#pragma once

#include <string>
#include <vector>

#include "sim/harness/scenario.h"

namespace msgsim::harness {

struct LintFinding {
  std::string path;     // JSON path of the offending item ("org.channels[1].routing")
  std::string message;  // what is wrong and what it causes
  std::string rule;     // one of the rule ids above
};

// The findings in a fixed order: org-wide and agent rules, queues, channels,
// flows, business hours; document order within each.
std::vector<LintFinding> lint_scenario(const Scenario& scenario);

}  // namespace msgsim::harness
