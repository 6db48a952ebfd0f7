#include "sim/runtime/event_queue.h"

#include <gtest/gtest.h>

#include <vector>

namespace msgsim::runtime {
namespace {

std::vector<int> drain(EventQueue& queue) {
  std::vector<int> order;
  while (!queue.empty()) queue.pop().callback();
  return order;
}

// Events run by time, and events at the same time run in the order they were scheduled.
TEST(EventQueue, OrdersByTimeThenInsertion) {
  EventQueue queue;
  std::vector<int> order;
  queue.push(Time::from_ns(20), [&] { order.push_back(3); });
  queue.push(Time::from_ns(10), [&] { order.push_back(1); });
  queue.push(Time::from_ns(10), [&] { order.push_back(2); });
  queue.push(Time::from_ns(30), [&] { order.push_back(4); });
  drain(queue);
  EXPECT_EQ(order, (std::vector<int>{1, 2, 3, 4}));
}

// A cancelled event never runs, cancelling twice reports false, and size counts live events only.
TEST(EventQueue, CancelledEventsNeverRun) {
  EventQueue queue;
  std::vector<int> order;
  queue.push(Time::from_ns(1), [&] { order.push_back(1); });
  EventId second = queue.push(Time::from_ns(2), [&] { order.push_back(2); });
  queue.push(Time::from_ns(3), [&] { order.push_back(3); });
  EXPECT_EQ(queue.size(), 3u);
  EXPECT_TRUE(queue.cancel(second));
  EXPECT_FALSE(queue.cancel(second));
  EXPECT_EQ(queue.size(), 2u);
  drain(queue);
  EXPECT_EQ(order, (std::vector<int>{1, 3}));
}

// An id of an event that already ran cannot cancel the event that reuses its slot.
TEST(EventQueue, StaleIdDoesNotCancelReusedSlot) {
  EventQueue queue;
  int ran = 0;
  EventId first = queue.push(Time::from_ns(1), [&] { ++ran; });
  queue.pop().callback();
  queue.push(Time::from_ns(2), [&] { ++ran; });
  EXPECT_FALSE(queue.cancel(first));
  drain(queue);
  EXPECT_EQ(ran, 2);
}

// The next time skips cancelled events at the head of the queue.
TEST(EventQueue, NextTimeSkipsTombstones) {
  EventQueue queue;
  EventId head = queue.push(Time::from_ns(5), [] {});
  queue.push(Time::from_ns(9), [] {});
  ASSERT_TRUE(queue.cancel(head));
  EXPECT_EQ(queue.next_time(), Time::from_ns(9));
}

// A large random workload pops in non-decreasing (time, sequence) order.
TEST(EventQueue, LargeWorkloadStaysOrdered) {
  EventQueue queue;
  std::vector<std::pair<std::int64_t, int>> popped;
  std::uint64_t x = 88172645463325252ull;
  for (int i = 0; i < 20000; ++i) {
    x ^= x << 13; x ^= x >> 7; x ^= x << 17;
    const auto at = static_cast<std::int64_t>(x % 1000);
    queue.push(Time::from_ns(at), [&popped, at, i] { popped.emplace_back(at, i); });
  }
  drain(queue);
  ASSERT_EQ(popped.size(), 20000u);
  for (std::size_t i = 1; i < popped.size(); ++i) {
    ASSERT_TRUE(popped[i - 1].first < popped[i].first ||
                (popped[i - 1].first == popped[i].first && popped[i - 1].second < popped[i].second));
  }
}

// Scheduling before the last popped event is a programmer error: the run stops with exit code 3.
TEST(EventQueueDeathTest, SchedulingInThePastStopsTheRun) {
  EXPECT_EXIT(
      {
        EventQueue queue;
        queue.push(Time::from_ns(10), [] {});
        queue.pop().callback();
        queue.push(Time::from_ns(5), [] {});
      },
      ::testing::ExitedWithCode(3), "event scheduled in the past");
}

}  // namespace
}  // namespace msgsim::runtime
