#include "sim/stack/routing/router.h"

#include <gtest/gtest.h>

#include <vector>

namespace msgsim::stack {
namespace {

using runtime::Duration;
using runtime::Time;

struct RecordingOffers : OfferSink {
  std::vector<std::pair<AgentId, WorkId>> offers;
  void offer(AgentId agent, WorkId work) override { offers.emplace_back(agent, work); }
};

struct RouterTest : ::testing::Test {
  Tracer tracer;
  RecordingOffers offers;
  Router router{tracer, offers};
  Time t(int s) { return Time::at(Duration::seconds(s)); }
  AgentId agent(const char* id, int capacity, std::vector<QueueId> queues, int at_s = 0, bool permission = true) {
    AgentSettings settings;
    settings.id = id;
    settings.capacity = capacity;
    settings.queues = std::move(queues);
    settings.messaging_permission = permission;
    return router.add_agent(settings, t(at_s));
  }
  QueueId queue(const char* id, RoutingModel model = RoutingModel::kMostAvailable, int priority = 1) {
    QueueSettings settings;
    settings.id = id;
    settings.model = model;
    settings.priority = priority;
    return router.add_queue(settings);
  }
  WorkId request(QueueId q, int at_s, std::uint32_t session = 0) {
    return router.request(SessionId(session), ChannelId(0), q, t(at_s));
  }
};

// Most available gives work to the agent with the most free capacity.
TEST_F(RouterTest, MostAvailablePicksTheAgentWithMostFreeCapacity) {
  QueueId q = queue("q");
  AgentId small = agent("small", 1, {q});
  AgentId big = agent("big", 3, {q});
  request(q, 1);
  ASSERT_EQ(offers.offers.size(), 1u);
  EXPECT_EQ(offers.offers[0].first, big);
  request(q, 2);
  request(q, 3);
  // big now has 1 free, small 1 free: tie broken by "no work" (small).
  EXPECT_EQ(offers.offers[1].first, big);
  EXPECT_EQ(offers.offers[2].first, small);
}

// Least active gives work to the agent with the fewest open items.
TEST_F(RouterTest, LeastActivePicksTheAgentWithFewestItems) {
  QueueId q = queue("q", RoutingModel::kLeastActive);
  AgentId a = agent("a", 5, {q}, 0);
  AgentId b = agent("b", 2, {q}, 1);
  request(q, 2);
  request(q, 3);
  ASSERT_EQ(offers.offers.size(), 2u);
  EXPECT_EQ(offers.offers[0].first, a);  // earliest login among the idle
  EXPECT_EQ(offers.offers[1].first, b);  // fewest open items
}

// Capacity is never exceeded: extra requests wait, then the freed agent takes the oldest.
TEST_F(RouterTest, FreedAgentTakesTheOldestPendingItem) {
  QueueId q = queue("q");
  AgentId a = agent("a", 1, {q});
  WorkId first = request(q, 1);
  WorkId second = request(q, 2);
  WorkId third = request(q, 3);
  EXPECT_EQ(offers.offers.size(), 1u);
  EXPECT_EQ(router.used_capacity(a), 1);
  EXPECT_EQ(router.pending_in(q), 2u);
  router.accept(first, t(4));
  router.close(first, t(5));
  ASSERT_EQ(offers.offers.size(), 2u);
  EXPECT_EQ(offers.offers[1].second, second);
  router.close(second, t(6));
  EXPECT_EQ(offers.offers[2].second, third);
}

// Across queues a freed agent serves the lower priority number first, then the oldest.
TEST_F(RouterTest, FreedAgentServesPriorityThenAge) {
  QueueId low = queue("low", RoutingModel::kMostAvailable, 2);
  QueueId high = queue("high", RoutingModel::kMostAvailable, 1);
  agent("a", 1, {low, high});
  WorkId busy = request(low, 0);
  request(low, 1);
  WorkId urgent = request(high, 2);
  router.close(busy, t(3));
  EXPECT_EQ(offers.offers.back().second, urgent);
}

// Agents without the permission set or not online never receive work.
TEST_F(RouterTest, IneligibleAgentsNeverReceiveWork) {
  QueueId q = queue("q");
  agent("no-permission", 3, {q}, 0, false);
  AgentId away = agent("away", 3, {q});
  router.set_presence(away, PresenceStatus::kAway, t(0));
  request(q, 1);
  EXPECT_TRUE(offers.offers.empty());
  router.set_presence(away, PresenceStatus::kOnline, t(2));
  ASSERT_EQ(offers.offers.size(), 1u);
  EXPECT_EQ(offers.offers[0].first, away);
}

}  // namespace
}  // namespace msgsim::stack
