// What a fake BYOC for CCaaS partner owns and knows: whether it routes the
// channel's conversations itself (with its own roster of the platform's
// agents, tried in its own order) and whether it owns consent (matching the
// keywords itself, answering the customer itself and telling the platform
// the outcome). Plain values, filled by the world builder from the
// scenario's `byoc` object; the fakes never read scenario files.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/runtime/time.h"
#include "sim/stack/channels/keywords.h"
#include "sim/stack/ids.h"

namespace msgsim::fakes {

struct PartnerSettings {
  bool owns_routing = false;
  // The agents the partner's routing may choose, in the order it tries them
  // (it starts after the one it chose last).
  std::vector<stack::AgentId> roster;
  // When every agent refused, the partner tries again after this long (its
  // own poll of agent availability; the platform does not tell it).
  runtime::Duration retry_after = runtime::Duration::seconds(1);

  bool owns_consent = false;
  stack::KeywordPack keywords;  // the partner's opt-out / opt-in / help words
  std::string opt_out_confirmation;
  std::optional<std::string> opt_in_confirmation;
  std::optional<std::string> help_response;
};

// What a partner that owns routing or consent did (the report's `partner`).
struct PartnerCounts {
  std::uint64_t routes = 0;           // routing requests it created
  std::uint64_t assignments = 0;      // agentWork calls the platform accepted
  std::uint64_t refusals = 0;         // agentWork calls the platform refused
  std::uint64_t retries = 0;          // passes over the roster after every agent refused
  std::uint64_t consent_updates = 0;  // consent calls the platform accepted

  void merge(const PartnerCounts& other) {
    routes += other.routes;
    assignments += other.assignments;
    refusals += other.refusals;
    retries += other.retries;
    consent_updates += other.consent_updates;
  }
};

}  // namespace msgsim::fakes
