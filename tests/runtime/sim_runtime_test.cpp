#include "sim/runtime/sim_runtime.h"

#include <gtest/gtest.h>

#include <vector>

namespace msgsim::runtime {
namespace {

// Virtual time jumps to each event and run_until stops at its bound.
TEST(SimRuntime, TimeJumpsToEventsAndStopsAtTheBound) {
  SimRuntime runtime(1);
  std::vector<std::int64_t> seen;
  runtime.schedule_after(Duration::seconds(5), [&] { seen.push_back(runtime.now().ns()); });
  runtime.schedule_after(Duration::seconds(1), [&] {
    seen.push_back(runtime.now().ns());
    runtime.schedule_after(Duration::seconds(1), [&] { seen.push_back(runtime.now().ns()); });
  });
  runtime.schedule_after(Duration::seconds(100), [&] { seen.push_back(-1); });
  EXPECT_EQ(runtime.run_until(Time::at(Duration::seconds(10))), 3u);
  EXPECT_EQ(seen, (std::vector<std::int64_t>{1'000'000'000, 2'000'000'000, 5'000'000'000}));
  EXPECT_EQ(runtime.now(), Time::at(Duration::seconds(10)));
  EXPECT_EQ(runtime.pending(), 1u);
}

// A cancelled timer does not fire.
TEST(SimRuntime, CancelledTimerDoesNotFire) {
  SimRuntime runtime(1);
  bool fired = false;
  EventId id = runtime.schedule_after(Duration::seconds(1), [&] { fired = true; });
  EXPECT_TRUE(runtime.cancel(id));
  runtime.run_until(Time::max());
  EXPECT_FALSE(fired);
}

// Streams depend only on the root seed and the stream's name.
TEST(SimRuntime, StreamsDependOnSeedAndNameOnly) {
  SimRuntime a(42);
  SimRuntime b(42);
  SimRuntime c(43);
  RandomStream a1 = a.stream("agent/x");
  RandomStream b1 = b.stream("agent/x");
  RandomStream c1 = c.stream("agent/x");
  RandomStream a2 = a.stream("agent/y");
  const std::uint64_t first = a1.next_u64();
  EXPECT_EQ(first, b1.next_u64());
  EXPECT_NE(first, c1.next_u64());
  EXPECT_NE(first, a2.next_u64());
}

}  // namespace
}  // namespace msgsim::runtime
