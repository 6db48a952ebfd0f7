// Omni-Channel flows: the bot in front of the queues. A session whose channel
// routes to a flow first gets the bot's greeting; after the bot's time the
// flow either resolves the conversation itself (the session ends, ended by
// Bot) or captures the customer's intent from what they wrote and routes the
// session to that intent's target (a queue with skills, an agent, or another
// flow); no intent and no default route, a missing target or a loop of flows
// all go to the channel's fallback queue. Owned by the Stack; single-threaded;
// the bot's own chance draws come from its runtime stream.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "sim/runtime/runtime.h"
#include "sim/stack/outbound_sender.h"
#include "sim/stack/routing/router.h"
#include "sim/stack/sessions/sessions.h"

namespace msgsim::stack {

// Where a flow sends a session: a routing target, or another flow.
struct FlowRoute {
  RoutingTarget target;  // used when `flow` is none
  FlowId flow;
};

struct FlowSettings {
  std::string id;
  std::string greeting;  // empty = no greeting
  runtime::Duration bot_time;
  double resolve_probability = 0.0;
  std::vector<std::pair<std::string, FlowRoute>> by_intent;  // intent word -> route, checked in order
  std::optional<FlowRoute> default_route;
};

class Flows {
 public:
  Flows(runtime::Runtime& runtime, const Tracer& tracer, Sessions& sessions, OutboundSender& outbound,
        Router& router);

  FlowId add(FlowSettings settings);
  FlowId find(const std::string& id) const;
  // Runs `flow` on `session`; `fallback` takes the session on any failure.
  void start(SessionId session, FlowId flow, QueueId fallback);
  // The customer left while the bot had the session.
  void cancel(SessionId session);
  bool running(SessionId session) const { return bots_.count(session.value) != 0; }
  // The intent the flow reads in the session's customer messages, or none.
  std::optional<std::size_t> capture_intent(const FlowSettings& flow, SessionId session) const;

 private:
  struct Bot {
    FlowId flow;
    QueueId fallback;
    runtime::EventId timer;
    int depth = 0;  // flows entered in a row, to stop loops
  };
  void finish(SessionId session);
  void route(SessionId session, const FlowRoute& route, const Bot& bot);
  void route_to(SessionId session, const RoutingTarget& target);

  runtime::Runtime& runtime_;
  const Tracer& tracer_;
  Sessions& sessions_;
  OutboundSender& outbound_;
  Router& router_;
  runtime::RandomStream stream_;
  std::vector<FlowSettings> flows_;
  // Looked up by session only, never iterated: order cannot leak.
  std::unordered_map<std::uint32_t, Bot> bots_;
};

}  // namespace msgsim::stack
