#include "sim/stack/routing/router.h"

#include <gtest/gtest.h>

#include <vector>

#include "sim/runtime/sim_runtime.h"

namespace msgsim::stack {
namespace {

using runtime::Duration;
using runtime::Time;

struct Recorder : RouterListener {
  std::vector<std::pair<AgentId, WorkId>> offers;
  std::vector<std::pair<WorkId, WorkState>> withdrawals;
  void offer(AgentId agent, WorkId work) override { offers.emplace_back(agent, work); }
  void withdrawn(AgentId, WorkId work, WorkState why) override { withdrawals.emplace_back(work, why); }
};

struct RouterTest : ::testing::Test {
  runtime::SimRuntime runtime{1};
  Tracer tracer;
  Recorder recorder;
  Router router{runtime, tracer, recorder};

  void at(int s) { runtime.run_until(Time::at(Duration::seconds(s))); }
  AgentId agent(const char* id, int capacity, std::vector<QueueId> queues, bool permission = true,
                std::vector<std::pair<SkillId, int>> skills = {}, PresenceConfig presence = {}) {
    AgentSettings settings;
    settings.id = id;
    settings.capacity = capacity;
    settings.queues = std::move(queues);
    settings.messaging_permission = permission;
    settings.skills = std::move(skills);
    settings.presence = presence;
    return router.add_agent(settings);
  }
  QueueId queue(const char* id, RoutingModel model = RoutingModel::kMostAvailable, int priority = 1) {
    QueueSettings settings;
    settings.id = id;
    settings.model = model;
    settings.priority = priority;
    return router.add_queue(settings);
  }
  WorkId request(QueueId q, std::vector<SkillId> skills = {}) {
    RoutingTarget target;
    target.queue = q;
    target.additional_skills = std::move(skills);
    return router.request(SessionId(0), ChannelId(0), target);
  }
  AgentId last_offered_to() const { return recorder.offers.back().first; }
};

// Most available gives work to the agent with the most free capacity.
TEST_F(RouterTest, MostAvailablePicksTheAgentWithMostFreeCapacity) {
  QueueId q = queue("q");
  AgentId small = agent("small", 1, {q});
  AgentId big = agent("big", 3, {q});
  request(q);
  EXPECT_EQ(last_offered_to(), big);
  request(q);
  request(q);
  // big now has 1 free, small 1 free: the tie goes to the agent with no work.
  EXPECT_EQ(recorder.offers[1].first, big);
  EXPECT_EQ(recorder.offers[2].first, small);
}

// Least active gives work to the agent with the fewest open items.
TEST_F(RouterTest, LeastActivePicksTheAgentWithFewestItems) {
  QueueId q = queue("q", RoutingModel::kLeastActive);
  AgentId a = agent("a", 5, {q});
  at(1);
  AgentId b = agent("b", 2, {q});
  request(q);
  request(q);
  EXPECT_EQ(recorder.offers[0].first, a);  // earliest login among the idle
  EXPECT_EQ(recorder.offers[1].first, b);  // fewest open items
}

// Capacity is never exceeded: extra requests wait, and a freed agent takes the oldest.
TEST_F(RouterTest, FreedAgentTakesTheOldestPendingItem) {
  QueueId q = queue("q");
  AgentId a = agent("a", 1, {q});
  WorkId first = request(q);
  WorkId second = request(q);
  WorkId third = request(q);
  EXPECT_EQ(recorder.offers.size(), 1u);
  EXPECT_EQ(router.used_capacity_units(a), Router::kUnitsPerSlot);
  EXPECT_EQ(router.pending_in(q), 2u);
  router.accept(first);
  router.close(first);
  EXPECT_EQ(recorder.offers.back().second, second);
  router.close(second);
  EXPECT_EQ(recorder.offers.back().second, third);
}

// Across queues a freed agent serves the lower priority number first, then the oldest.
TEST_F(RouterTest, FreedAgentServesPriorityThenAge) {
  QueueId low = queue("low", RoutingModel::kMostAvailable, 2);
  QueueId high = queue("high", RoutingModel::kMostAvailable, 1);
  agent("a", 1, {low, high});
  WorkId busy = request(low);
  request(low);
  WorkId urgent = request(high);
  router.close(busy);
  EXPECT_EQ(recorder.offers.back().second, urgent);
}

// Older items too heavy for the room a freed agent has left do not keep it
// from a lighter item behind them in another queue.
TEST_F(RouterTest, FreedAgentPassesOverItemsTooHeavyForItsRoom) {
  QueueSettings heavy_settings;
  heavy_settings.id = "heavy";
  heavy_settings.capacity_weight = 2;
  QueueId heavy = router.add_queue(heavy_settings);
  QueueId light = queue("light");
  AgentId a = agent("a", 2, {heavy, light});
  WorkId first = request(light);
  WorkId second = request(light);
  request(heavy);
  request(heavy);
  WorkId third = request(light);
  ASSERT_EQ(recorder.offers.size(), 2u);
  router.close(first);  // one slot free: both heavy items are too heavy, and older
  EXPECT_EQ(recorder.offers.back().second, third);
  EXPECT_EQ(router.used_capacity_units(a), router.capacity_units(a));
  EXPECT_EQ(router.pending_in(heavy), 2u);
  router.close(second);
  router.close(third);  // the whole agent free: the oldest heavy item
  EXPECT_EQ(recorder.offers.size(), 4u);
  EXPECT_EQ(router.pending_in(heavy), 1u);
}

// Items needing skills are served by priority, then age, across queues and
// skill sets, and an agent lacking one set's skills still gets another's.
TEST_F(RouterTest, SkilledItemsAreServedByPriorityThenAgeAcrossQueues) {
  SkillId spanish = router.add_skill("spanish");
  SkillId billing = router.add_skill("billing");
  QueueId low = queue("low", RoutingModel::kMostAvailable, 2);
  QueueId high = queue("high", RoutingModel::kMostAvailable, 1);
  AgentId a = agent("a", 1, {}, true, {{spanish, 3}});
  WorkId busy = request(low, {spanish});
  WorkId needs_billing = request(high, {billing});  // a lacks billing: never offered to a
  WorkId older = request(low, {spanish});
  WorkId urgent = request(high, {spanish});
  ASSERT_EQ(recorder.offers.size(), 1u);
  router.close(busy);
  EXPECT_EQ(recorder.offers.back().second, urgent);
  router.close(urgent);
  EXPECT_EQ(recorder.offers.back().second, older);
  router.close(older);
  EXPECT_EQ(recorder.offers.size(), 3u);
  EXPECT_EQ(router.pending_in(high), 1u);
  EXPECT_EQ(last_offered_to(), a);
  (void)needs_billing;
}

// Most available: when the agent with the most room has too little for an
// item, the item waits (no later agent has more).
TEST_F(RouterTest, MostAvailableWaitsWhenTheRoomiestAgentHasTooLittle) {
  QueueSettings settings;
  settings.id = "q";
  settings.capacity_weight = 2;
  QueueId q = router.add_queue(settings);
  QueueId light = queue("light");
  agent("a", 3, {q, light});
  agent("b", 3, {q, light});
  request(light);
  request(light);
  request(q);
  request(q);
  ASSERT_EQ(recorder.offers.size(), 4u);  // each agent: one light, one heavy
  WorkId waiting = request(q);
  EXPECT_EQ(recorder.offers.size(), 4u);
  EXPECT_EQ(router.pending_in(q), 1u);
  router.close(recorder.offers[0].second);  // a light item ends: 1 free is too little
  EXPECT_EQ(recorder.offers.size(), 4u);
  router.close(recorder.offers[2].second);  // a heavy one ends: its agent has 2 free
  ASSERT_EQ(recorder.offers.size(), 5u);
  EXPECT_EQ(recorder.offers.back().second, waiting);
}

// Agents without the permission set or not online never receive work.
TEST_F(RouterTest, IneligibleAgentsNeverReceiveWork) {
  QueueId q = queue("q");
  agent("no-permission", 3, {q}, false);
  AgentId away = agent("away", 3, {q});
  router.set_presence(away, PresenceStatus::kAway);
  request(q);
  EXPECT_TRUE(recorder.offers.empty());
  router.set_presence(away, PresenceStatus::kOnline);
  ASSERT_EQ(recorder.offers.size(), 1u);
  EXPECT_EQ(last_offered_to(), away);
}

// A declined item goes to another agent and never back to the decliner while others remain.
TEST_F(RouterTest, DeclinedItemIsNotOfferedAgainToTheDecliner) {
  QueueId q = queue("q");
  AgentId a = agent("a", 2, {q});
  AgentId b = agent("b", 1, {q});
  WorkId work = request(q);
  ASSERT_EQ(last_offered_to(), a);
  router.decline(work);
  EXPECT_EQ(last_offered_to(), b);
  router.decline(work);
  // Everyone eligible has declined: all are eligible again, and a (most free) gets it.
  EXPECT_EQ(last_offered_to(), a);
  EXPECT_EQ(router.counters().declines, 2u);
}

// An offer that rings out is withdrawn, the agent's status changes as configured, and the item keeps its age.
TEST_F(RouterTest, PushTimeoutWithdrawsTheOfferAndKeepsTheAge) {
  QueueSettings settings;
  settings.id = "q";
  settings.push_timeout = Duration::seconds(30);
  QueueId q = router.add_queue(settings);
  PresenceConfig presence;
  presence.status_on_push_timeout = PresenceStatus::kAway;
  AgentId sleepy = agent("sleepy", 1, {q}, true, {}, presence);
  WorkId older = request(q);
  at(10);
  AgentId late = agent("late", 1, {q});
  WorkId newer = request(q);
  EXPECT_EQ(recorder.offers.back(), std::make_pair(late, newer));
  at(31);
  ASSERT_EQ(recorder.withdrawals.size(), 1u);
  EXPECT_EQ(recorder.withdrawals[0], std::make_pair(older, WorkState::kDeclinedOnPushTimeout));
  EXPECT_EQ(router.presence(sleepy), PresenceStatus::kAway);
  EXPECT_EQ(router.used_capacity_units(sleepy), 0);
  // The older item waits; when `late` frees up it takes the older item first.
  router.accept(newer);
  router.close(newer);
  EXPECT_EQ(recorder.offers.back(), std::make_pair(late, older));
}

// Items with skills go only to agents holding every required skill; additional skills drop after the timeout.
TEST_F(RouterTest, SkillsRestrictAgentsUntilTheyAreDropped) {
  SkillId billing = router.add_skill("billing");
  QueueSettings settings;
  settings.id = "q";
  settings.drop_additional_skills_after = Duration::seconds(60);
  QueueId q = router.add_queue(settings);
  agent("generalist", 1, {q});
  WorkId work = request(q, {billing});
  EXPECT_TRUE(recorder.offers.empty());
  at(61);
  ASSERT_EQ(recorder.offers.size(), 1u);
  EXPECT_EQ(recorder.offers[0].second, work);
}

// A skilled agent outside the queue can take an item that needs its skill.
TEST_F(RouterTest, SkillMatchCanComeFromOutsideTheQueue) {
  SkillId spanish = router.add_skill("spanish");
  QueueId q = queue("q");
  QueueId other = queue("other");
  agent("member", 1, {q});
  AgentId speaker = agent("speaker", 1, {other}, true, {{spanish, 3}});
  request(q, {spanish});
  EXPECT_EQ(last_offered_to(), speaker);
}

// An item still waiting after the overflow delay moves to the overflow queue.
TEST_F(RouterTest, WaitingItemOverflowsToAnotherQueue) {
  QueueId tier2 = queue("tier2");
  QueueSettings settings;
  settings.id = "support";
  settings.overflow_queue = tier2;
  settings.overflow_after = Duration::minutes(10);
  QueueId support = router.add_queue(settings);
  AgentId expert = agent("expert", 1, {tier2});
  WorkId work = request(support);
  EXPECT_TRUE(recorder.offers.empty());
  at(601);
  EXPECT_EQ(recorder.offers.back(), std::make_pair(expert, work));
  EXPECT_EQ(router.work(work).queue, tier2);
  EXPECT_EQ(router.counters().overflows, 1u);
}

// A required preferred agent is waited for, even when others are free.
TEST_F(RouterTest, RequiredPreferredAgentIsWaitedFor) {
  QueueId q = queue("q");
  agent("other", 1, {q});
  AgentId favourite = agent("favourite", 1, {q});
  router.set_presence(favourite, PresenceStatus::kAway);
  RoutingTarget target;
  target.queue = q;
  target.preferred_agent = favourite;
  target.preferred_required = true;
  WorkId work = router.request(SessionId(0), ChannelId(0), target);
  EXPECT_TRUE(recorder.offers.empty());
  router.set_presence(favourite, PresenceStatus::kOnline);
  EXPECT_EQ(recorder.offers.back(), std::make_pair(favourite, work));
}

// An agent going offline loses its pushed work, which returns to the queue for another agent.
TEST_F(RouterTest, OfflineAgentsWorkIsRerouted) {
  QueueId q = queue("q");
  AgentId leaving = agent("leaving", 2, {q});
  WorkId work = request(q);
  AgentId staying = agent("staying", 1, {q});
  router.set_presence(leaving, PresenceStatus::kOffline);
  EXPECT_EQ(recorder.withdrawals.back(), std::make_pair(work, WorkState::kUnavailable));
  EXPECT_EQ(recorder.offers.back(), std::make_pair(staying, work));
  EXPECT_EQ(router.used_capacity_units(leaving), 0);
}

// A capacity percentage takes that share of each agent's own capacity.
TEST_F(RouterTest, CapacityPercentageIsOfTheAgentsCapacity) {
  QueueSettings settings;
  settings.id = "q";
  settings.capacity_percentage = 50.0;
  QueueId q = router.add_queue(settings);
  AgentId a = agent("a", 4, {q});
  request(q);
  request(q);
  request(q);
  EXPECT_EQ(recorder.offers.size(), 2u);  // 2 x 50% of 4 slots fills the agent
  EXPECT_EQ(router.used_capacity_units(a), router.capacity_units(a));
}

// A transfer closes the sender's work and creates a new routing request for the target.
TEST_F(RouterTest, TransferCreatesANewRequest) {
  QueueId q = queue("q");
  QueueId tier2 = queue("tier2");
  AgentId first = agent("first", 1, {q});
  AgentId second = agent("second", 1, {tier2});
  WorkId work = request(q);
  router.accept(work);
  RoutingTarget target;
  target.queue = tier2;
  WorkId next = router.transfer(work, target);
  EXPECT_NE(next, work);
  EXPECT_EQ(router.work(work).state, WorkState::kTransferred);
  EXPECT_EQ(router.used_capacity_units(first), 0);
  EXPECT_EQ(recorder.offers.back(), std::make_pair(second, next));
  EXPECT_EQ(router.counters().transfers, 1u);
}

}  // namespace
}  // namespace msgsim::stack

namespace msgsim::stack {
namespace {

// In a partner-routed (external) queue the router never routes; the partner assigns, within the rules.
TEST_F(RouterTest, ExternalQueueWaitsForThePartnersAssignment) {
  QueueId partner = queue("partner", RoutingModel::kExternal);
  AgentId a = agent("a", 1, {partner});
  AgentId away = agent("away", 1, {partner});
  router.set_presence(away, PresenceStatus::kAway);
  WorkId work = request(partner);
  EXPECT_TRUE(recorder.offers.empty());
  EXPECT_FALSE(router.assign_external(work, away).is_ok());  // not online: refused
  ASSERT_TRUE(router.assign_external(work, a).is_ok());
  EXPECT_EQ(recorder.offers.back(), std::make_pair(a, work));
  EXPECT_FALSE(router.assign_external(work, a).is_ok());  // no longer pending
}

}  // namespace
}  // namespace msgsim::stack
