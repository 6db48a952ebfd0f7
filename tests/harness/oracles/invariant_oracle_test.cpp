// The invariant oracle judged against a deliberately broken router: a test
// double that publishes the trace a faulty router would.
#include "sim/harness/oracles/invariant_oracle.h"

#include <gtest/gtest.h>

#include "sim/stack/routing/routing_settings.h"

namespace msgsim::harness {
namespace {

using runtime::Duration;
using runtime::Time;
using stack::TraceEvent;
using stack::TraceKind;

// A scripted "router" that publishes whatever trace the test tells it to.
struct BrokenRouter {
  InvariantOracle oracle;
  std::int64_t clock_s = 0;

  explicit BrokenRouter(InvariantConfig config) : oracle(std::move(config)) {}
  TraceEvent event(TraceKind kind, std::uint32_t work, std::uint32_t agent = stack::AgentId::kNone,
                   std::uint32_t queue = 0, std::uint8_t detail = 0) {
    TraceEvent e(Time::at(Duration::seconds(++clock_s)), kind, detail);
    e.work = stack::WorkId(work);
    e.agent = stack::AgentId(agent);
    e.queue = stack::QueueId(queue);
    e.channel = stack::ChannelId(0);
    return e;
  }
  void online(std::uint32_t agent, stack::PresenceStatus status = stack::PresenceStatus::kOnline) {
    oracle.on_trace(event(TraceKind::kAgentPresence, 0, agent, 0, static_cast<std::uint8_t>(status)));
  }
  void request(std::uint32_t work) { oracle.on_trace(event(TraceKind::kRoutingRequested, work)); }
  void offer(std::uint32_t work, std::uint32_t agent) { oracle.on_trace(event(TraceKind::kWorkOffered, work, agent)); }
  void close(std::uint32_t work, std::uint32_t agent) { oracle.on_trace(event(TraceKind::kWorkClosed, work, agent)); }
  void decline(std::uint32_t work, std::uint32_t agent) { oracle.on_trace(event(TraceKind::kWorkDeclined, work, agent)); }
};

InvariantConfig one_queue_two_agents(bool second_has_permission = true) {
  InvariantConfig config;
  config.queues.push_back({QueueWeight{1, std::nullopt}, {}});
  config.agents.push_back({1, true, {0}, {}, {}});
  config.agents.push_back({1, second_has_permission, {0}, {}, {}});
  config.channels.push_back({});
  return config;
}

// A correct trace gives no violations.
TEST(InvariantOracle, CorrectRoutingHasNoViolations) {
  BrokenRouter router(one_queue_two_agents());
  router.online(0);
  router.online(1);
  router.request(0);
  router.offer(0, 0);
  router.request(1);
  router.offer(1, 1);
  router.close(0, 0);
  router.request(2);
  router.offer(2, 0);
  const InvariantSummary& s = router.oracle.summary();
  EXPECT_EQ(s.capacity_exceeded + s.offered_to_ineligible + s.fifo_violations, 0u);
  EXPECT_EQ(s.checked_offers, 3u);
}

// Offering a second item to an agent of capacity 1 is caught.
TEST(InvariantOracle, CatchesCapacityExceeded) {
  BrokenRouter router(one_queue_two_agents());
  router.online(0);
  router.request(0);
  router.offer(0, 0);
  router.request(1);
  router.offer(1, 0);
  EXPECT_EQ(router.oracle.summary().capacity_exceeded, 1u);
}

// Offers to an offline agent or one without the permission set are caught.
TEST(InvariantOracle, CatchesOffersToIneligibleAgents) {
  BrokenRouter router(one_queue_two_agents(false));
  router.online(0, stack::PresenceStatus::kAway);
  router.online(1);
  router.request(0);
  router.offer(0, 0);  // away
  router.request(1);
  router.offer(1, 1);  // no permission
  EXPECT_EQ(router.oracle.summary().offered_to_ineligible, 2u);
}

// Giving a freed agent a newer item while an older one waits is a FIFO violation.
TEST(InvariantOracle, CatchesFifoViolation) {
  BrokenRouter router(one_queue_two_agents());
  router.online(0);
  router.request(0);
  router.offer(0, 0);
  router.request(1);  // older
  router.request(2);  // newer
  router.close(0, 0);
  router.offer(2, 0);
  EXPECT_EQ(router.oracle.summary().fifo_violations, 1u);
}

// Passing over an older item the agent declined is not a FIFO violation.
TEST(InvariantOracle, DeclinedItemsDoNotCountAsPassedOver) {
  BrokenRouter router(one_queue_two_agents());
  router.online(0);
  router.request(0);
  router.offer(0, 0);
  router.decline(0, 0);
  router.request(1);
  router.offer(1, 0);
  EXPECT_EQ(router.oracle.summary().fifo_violations, 0u);
}

}  // namespace
}  // namespace msgsim::harness
