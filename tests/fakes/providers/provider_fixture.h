// A stack with one web channel (the only adapter the stack has yet) and one
// agent, for driving any fake provider through it: the fake under test is
// connected to the channel, so its webhooks and receipts reach a real stack.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "fakes/ground_truth.h"
#include "fakes/providers/device.h"
#include "fakes/providers/provider_settings.h"
#include "sim/runtime/sim_runtime.h"
#include "sim/stack/stack.h"

namespace msgsim::fakes::testing {

struct RecordingDevice : Device {
  std::vector<std::string> received;
  void on_business_message(stack::ChannelId, stack::CustomerHandle, std::string_view text) override {
    received.emplace_back(text);
  }
  void on_agent_joined(stack::ChannelId, stack::CustomerHandle) override {}
};

struct CountingTrace : stack::TraceSink {
  std::vector<stack::TraceKind> kinds;
  void on_trace(const stack::TraceEvent& event) override { kinds.push_back(event.kind); }
  int count(stack::TraceKind kind) const { return static_cast<int>(std::count(kinds.begin(), kinds.end(), kind)); }
};

struct OfferLog : stack::ConsoleClient {
  std::vector<stack::WorkId> offers;
  std::vector<stack::SessionId> sessions;
  void on_offer(stack::WorkId work, stack::SessionId session, bool) override {
    offers.push_back(work);
    sessions.push_back(session);
  }
  void on_customer_message(stack::SessionId, stack::EntryId) override {}
  void on_withdrawn(stack::WorkId, stack::SessionId) override {}
  void on_resumed(stack::SessionId) override {}
};

class StackFixture : public ::testing::Test {
 protected:
  explicit StackFixture(std::uint64_t seed = 1) : runtime(seed), stack(runtime) {
    stack.tracer().subscribe(&trace);
    stack::QueueSettings queue;
    queue.id = "support";
    const stack::QueueId q = stack.router().add_queue(queue);
    stack::ChannelSettings settings;
    settings.id = "chan";
    settings.type = stack::ChannelType::kWeb;
    settings.route_queue = q;
    settings.fallback_queue = q;
    channel = stack.channels().add(settings).value();
    stack::AgentSettings agent_settings;
    agent_settings.id = "a";
    agent_settings.capacity = 1000;
    agent_settings.queues = {q};
    agent = stack.router().add_agent(agent_settings);
    stack.console().attach(agent, &client);
  }
  void run_for(runtime::Duration span) { runtime.run_until(runtime.now() + span); }
  stack::CustomerHandle new_customer() { return truth.new_handle(truth.add_person(0, 0, runtime.now())); }
  stack::OutboundRequest request(stack::CustomerHandle to, std::uint32_t id, std::string_view text) const {
    return stack::OutboundRequest{channel, to, stack::OutboundId(id), text};
  }

  runtime::SimRuntime runtime;
  stack::Stack stack;
  CountingTrace trace;
  OfferLog client;
  GroundTruth truth;
  RecordingDevice device;
  stack::ChannelId channel;
  stack::AgentId agent;
};

}  // namespace msgsim::fakes::testing
