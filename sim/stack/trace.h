// Typed trace events: every step of the stack publishes one, and the harness's
// oracles subscribe to judge the stack against ground truth. Events are small
// plain structs; publishing is a loop over subscribers (no allocation). The
// Tracer is owned by the Stack; single-threaded.
#pragma once

#include <cstdint>
#include <vector>

#include "sim/runtime/time.h"
#include "sim/stack/ids.h"

namespace msgsim::stack {

enum class TraceKind : std::uint8_t {
  kMessagingUserCreated,  // user, channel, handle
  kInboundAccepted,       // user, channel, session, entry, message: landed in a transcript
  kDuplicateAbsorbed,     // channel, message: a provider redelivery dropped
  kSessionCreated,        // session, user, channel
  kSessionStatus,         // session, status (new), previous status in `detail`
  kRoutingRequested,      // work, session, queue, channel
  kWorkOffered,           // work, agent, session, queue
  kWorkAccepted,          // work, agent, session, queue
  kWorkClosed,            // work, agent, session, queue
  kWorkDeclined,          // work, agent, session, queue
  kWorkPushTimeout,       // work, agent, session, queue
  kWorkWithdrawn,         // work, agent, session, queue: the agent became unavailable
  kWorkCanceled,          // work, session, queue: the request ended before an agent took it
  kWorkTransferred,       // work, agent (the sender), session, queue (the new target)
  kOverflowed,            // work, session, queue (the overflow queue it moved to)
  kSkillsDropped,         // work, session, queue
  kOutboundSubmitted,     // outbound, session, user, channel, agent (none for automation)
  kOutboundRefused,       // session, user, channel, agent, detail = refusal reason
  kDeliveryStatus,        // outbound, channel, detail = DeliveryState, message = error code (failed)
  kAgentPresence,         // agent, detail = presence status
  kBotResolved,           // session, user, channel: a flow's bot ended the conversation itself
  kContactLinked,         // user, channel, message = contact, detail = LinkCause, agent (agent links)
  kProviderRefused,       // outbound, session, channel, message = the provider's error code
};

struct TraceEvent {
  TraceEvent(runtime::Time at_time, TraceKind event_kind, std::uint8_t event_detail = 0)
      : at(at_time), kind(event_kind), detail(event_detail) {}

  runtime::Time at;
  TraceKind kind;
  std::uint8_t detail = 0;
  ChannelId channel;
  MessagingUserId user;
  SessionId session;
  QueueId queue;
  AgentId agent;
  WorkId work;
  EntryId entry;
  OutboundId outbound;
  std::uint64_t message = 0;  // provider message id or customer handle
};

class TraceSink {
 public:
  virtual ~TraceSink() = default;
  virtual void on_trace(const TraceEvent& event) = 0;
};

class Tracer {
 public:
  void subscribe(TraceSink* sink) { sinks_.push_back(sink); }
  void publish(const TraceEvent& event) const {
    for (TraceSink* sink : sinks_) sink->on_trace(event);
  }

 private:
  std::vector<TraceSink*> sinks_;
};

}  // namespace msgsim::stack
