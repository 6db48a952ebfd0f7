// Test doubles shared by the stack's tests, each the smallest thing a test
// of the stack needs at one of its boundaries:
//   - RecordingProvider: a channel's provider API that keeps what the stack
//     sent (texts and outbound ids) and answers as the test says;
//   - TraceRecorder: the trace events the stack published, by kind;
//   - OfferRecorder: an agent's console client that keeps its offers,
//     withdrawals and resumed sessions and answers nothing itself;
//   - add_desk: the smallest deployment, one queue, one channel into it and
//     one agent serving it.
#pragma once

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "sim/stack/stack.h"

namespace msgsim::stack::testing {

struct RecordingProvider : ProviderApi {
  SendOutcome answer{true, 0};  // what every send gets
  std::vector<std::string> sent;  // texts, in order
  std::vector<OutboundId> ids;    // the same sends' outbound ids
  std::vector<std::pair<CustomerHandle, WorkId>> routing_requests;  // routing_requested calls
  int joined = 0;  // agent_joined calls

  SendOutcome send(const OutboundRequest& request) override {
    sent.emplace_back(request.text);
    ids.push_back(request.id);
    return answer;
  }
  void agent_joined(ChannelId, CustomerHandle) override { ++joined; }
  void routing_requested(ChannelId, CustomerHandle customer, WorkId work) override {
    routing_requests.emplace_back(customer, work);
  }
};

struct TraceRecorder : TraceSink {
  std::vector<TraceEvent> events;

  void on_trace(const TraceEvent& event) override { events.push_back(event); }
  int count(TraceKind kind) const {
    return static_cast<int>(
        std::count_if(events.begin(), events.end(), [kind](const TraceEvent& event) { return event.kind == kind; }));
  }
  std::vector<TraceEvent> of(TraceKind kind) const {
    std::vector<TraceEvent> found;
    for (const TraceEvent& event : events) {
      if (event.kind == kind) found.push_back(event);
    }
    return found;
  }
};

struct OfferRecorder : ConsoleClient {
  std::vector<WorkId> offers;
  std::vector<WorkId> withdrawn;
  std::vector<SessionId> resumed;

  void on_offer(WorkId work, SessionId, bool) override { offers.push_back(work); }
  void on_customer_message(SessionId, EntryId) override {}
  void on_withdrawn(WorkId work, SessionId) override { withdrawn.push_back(work); }
  void on_resumed(SessionId session) override { resumed.push_back(session); }
};

struct Desk {
  QueueId queue;
  ChannelId channel;
  AgentId agent;
};

// Queue "support"; `channel` routed to it (its route and fallback queue are
// set here) and connected to `provider`; agent "a" of `capacity` serving the
// queue, attached to `client`.
inline Desk add_desk(Stack& stack, ChannelSettings channel, ProviderApi& provider, ConsoleClient& client,
                     int capacity = 2) {
  Desk desk;
  QueueSettings queue;
  queue.id = "support";
  desk.queue = stack.router().add_queue(queue);
  channel.route_queue = desk.queue;
  channel.fallback_queue = desk.queue;
  desk.channel = stack.channels().add(channel).value();
  stack.channels().connect(desk.channel, &provider);
  AgentSettings agent;
  agent.id = "a";
  agent.capacity = capacity;
  agent.queues = {desk.queue};
  desk.agent = stack.router().add_agent(agent);
  stack.console().attach(desk.agent, &client);
  return desk;
}

}  // namespace msgsim::stack::testing
