// LivePacer: a SimRuntime's events run against the wall clock. These tests use
// high speed factors so they finish in well under a second, and assert only
// order and "not before" bounds, never "within" bounds, which a loaded machine
// could break.
#include "sim/runtime/live_runtime.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace msgsim::runtime {
namespace {

using WallClock = LivePacer::WallClock;

Time seconds(std::int64_t s) { return Time::at(Duration::seconds(s)); }

struct Ran {
  Time at;
  WallClock::time_point wall;
  int label = 0;
};

// Every event runs in (time, sequence) order, and never before the wall
// instant its simulated time maps to.
TEST(LivePacer, EventsRunInOrderAndNeverBeforeTheirWallInstant) {
  boost::asio::io_context io;
  SimRuntime runtime(7);
  LivePacer pacer(io, runtime, LivePacerOptions{.speed = 2000.0});
  std::vector<Ran> ran;
  int label = 0;
  for (std::int64_t ms : {300'000, 1, 150'000, 150'000, 0, 42'000, 150'000, 299'999}) {
    const int this_label = label++;
    runtime.schedule_at(Time::at(Duration::milliseconds(ms)),
                        [&, this_label] { ran.push_back({runtime.now(), WallClock::now(), this_label}); });
  }
  pacer.run_until(seconds(400));

  ASSERT_EQ(ran.size(), 8u);
  const std::vector<int> expected_order = {4, 1, 5, 2, 3, 6, 7, 0};  // equal times keep insertion order
  for (std::size_t i = 0; i < ran.size(); ++i) {
    EXPECT_EQ(ran[i].label, expected_order[i]) << "position " << i;
    EXPECT_GE(ran[i].wall, pacer.wall_at(ran[i].at)) << "event at " << ran[i].at.ns() << " ns ran early";
    if (i > 0) {
      EXPECT_LE(ran[i - 1].at, ran[i].at);
    }
  }
  EXPECT_TRUE(pacer.finished());
  EXPECT_EQ(runtime.now(), seconds(400));
  EXPECT_EQ(pacer.events_run(), 8u);
}

// The run does not end before the wall time that the simulated span needs.
TEST(LivePacer, RunTakesAtLeastTheScaledWallTime) {
  boost::asio::io_context io;
  SimRuntime runtime(7);
  LivePacer pacer(io, runtime, LivePacerOptions{.speed = 1000.0});
  const WallClock::time_point before = WallClock::now();
  pacer.run_until(seconds(100));  // 100 ms of wall time at 1000x
  EXPECT_GE(WallClock::now() - before, std::chrono::milliseconds(100));
  EXPECT_GE(pacer.wall_elapsed(), std::chrono::milliseconds(100));
  EXPECT_EQ(runtime.now(), seconds(100));
}

// Events after the end stay pending and the clock stops exactly at the end.
TEST(LivePacer, StopsAtTheEndWithLaterEventsPending) {
  boost::asio::io_context io;
  SimRuntime runtime(7);
  LivePacer pacer(io, runtime, LivePacerOptions{.speed = 5000.0});
  bool early = false;
  bool late = false;
  runtime.schedule_at(seconds(10), [&] { early = true; });
  runtime.schedule_at(seconds(10) + Duration::nanoseconds(1), [&] { late = true; });
  bool ended = false;
  pacer.start(seconds(10), [&] { ended = true; });
  while (!pacer.finished()) io.run_one();
  EXPECT_TRUE(ended);
  EXPECT_TRUE(early);
  EXPECT_FALSE(late);
  EXPECT_EQ(runtime.now(), seconds(10));
  EXPECT_EQ(runtime.pending(), 1u);
}

// wall_at is the exact inverse of simulated_at's floor: the first wall
// nanosecond at which a simulated instant is due.
TEST(LivePacer, WallAtIsTheFirstInstantAtWhichATimeIsDue) {
  boost::asio::io_context io;
  SimRuntime runtime(7);
  for (double speed : {0.5, 1.0, 3.0, 60.0, 1000.0, 123456.789}) {
    LivePacer pacer(io, runtime, LivePacerOptions{.speed = speed});
    pacer.start();
    for (std::int64_t ns : {std::int64_t{1}, std::int64_t{7}, std::int64_t{999'999'999}, std::int64_t{3'600'000'000'001}}) {
      const Time t = Time::from_ns(ns);
      const WallClock::time_point wall = pacer.wall_at(t);
      EXPECT_GE(pacer.simulated_at(wall), t) << "speed " << speed << " t " << ns;
      EXPECT_LT(pacer.simulated_at(wall - std::chrono::nanoseconds(1)), t) << "speed " << speed << " t " << ns;
    }
    EXPECT_EQ(pacer.wall_at(Time::zero()), pacer.wall_start());
    EXPECT_EQ(pacer.simulated_at(pacer.wall_start() - std::chrono::seconds(1)), Time::zero());
    pacer.stop();
  }
}

// catch_up brings the simulated clock at least to the wall clock's now and
// runs everything due by then; across many calls time never goes backwards.
TEST(LivePacer, CatchUpReachesNowAndTimeNeverGoesBackwards) {
  boost::asio::io_context io;
  SimRuntime runtime(7);
  LivePacer pacer(io, runtime, LivePacerOptions{.speed = 1000.0});
  // A steady stream of events every 10 ms of simulated time.
  std::function<void()> tick = [&] { runtime.schedule_after(Duration::milliseconds(10), [&] { tick(); }); };
  tick();
  std::vector<Time> seen;
  int checks = 0;
  boost::asio::steady_timer poll(io);
  std::function<void()> external = [&] {
    const WallClock::time_point before = WallClock::now();
    const Time now = pacer.catch_up();
    EXPECT_GE(now, pacer.simulated_at(before));
    EXPECT_GT(runtime.next_event_time(), now);  // nothing due is left behind
    seen.push_back(now);
    if (++checks < 40) {
      poll.expires_after(std::chrono::microseconds(500));
      poll.async_wait([&](const boost::system::error_code& error) {
        if (!error) external();
      });
    }
  };
  pacer.start(seconds(60));
  boost::asio::post(io, external);
  while (!pacer.finished()) io.run_one();
  poll.cancel();
  io.poll();
  ASSERT_FALSE(seen.empty());
  for (std::size_t i = 1; i < seen.size(); ++i) EXPECT_LE(seen[i - 1], seen[i]);
}

// An event scheduled by external input right after catch_up runs, at or
// after its due instant, without waiting for the next scheduled wake-up.
TEST(LivePacer, InputScheduledAfterCatchUpRunsAtItsTime) {
  boost::asio::io_context io;
  SimRuntime runtime(7);
  LivePacer pacer(io, runtime, LivePacerOptions{.speed = 1000.0, .wake_interval_max = std::chrono::seconds(5)});
  runtime.schedule_at(seconds(3600), [] {});  // the next wake-up is far away
  Time scheduled_at;
  WallClock::time_point ran_wall{};
  Time ran_at;
  pacer.start();
  boost::asio::steady_timer input(io);
  input.expires_after(std::chrono::milliseconds(5));
  input.async_wait([&](const boost::system::error_code&) {
    scheduled_at = pacer.catch_up();
    runtime.schedule_after(Duration::zero(), [&] {
      ran_wall = WallClock::now();
      ran_at = runtime.now();
      pacer.stop();
    });
  });
  while (pacer.running()) io.run_one();
  EXPECT_EQ(ran_at, scheduled_at);
  EXPECT_GE(ran_wall, pacer.wall_at(scheduled_at));
}

// A flood of due events does not starve other handlers: the pacer yields
// after a bounded batch.
TEST(LivePacer, DueEventsYieldToOtherHandlers) {
  boost::asio::io_context io;
  SimRuntime runtime(7);
  LivePacer pacer(io, runtime, LivePacerOptions{.speed = 1e6, .batch_wall_max = std::chrono::milliseconds(2)});
  constexpr int kEvents = 20'000;
  for (int i = 0; i < kEvents; ++i) {
    runtime.schedule_at(Time::zero(), [] {
      // About 2 us of work per event: the flood takes tens of milliseconds.
      const WallClock::time_point until = WallClock::now() + std::chrono::microseconds(2);
      while (WallClock::now() < until) {
      }
    });
  }
  std::uint64_t events_when_served = 0;
  bool served = false;
  pacer.start(seconds(1));
  boost::asio::post(io, [&] {
    served = true;
    events_when_served = pacer.events_run();
  });
  while (!pacer.finished()) io.run_one();
  EXPECT_TRUE(served);
  EXPECT_LT(events_when_served, static_cast<std::uint64_t>(kEvents));
  EXPECT_EQ(pacer.events_run(), static_cast<std::uint64_t>(kEvents));
}

// A slow event makes the ones after it late, and the pacer records that lag.
TEST(LivePacer, RecordsLagWhenAnEventBlocksTheLoop) {
  boost::asio::io_context io;
  SimRuntime runtime(7);
  LivePacer pacer(io, runtime, LivePacerOptions{.speed = 1000.0});
  runtime.schedule_at(seconds(1), [] { std::this_thread::sleep_for(std::chrono::milliseconds(30)); });
  runtime.schedule_at(seconds(1) + Duration::milliseconds(1), [] {});  // due 1 us of wall later
  pacer.run_until(seconds(2));
  EXPECT_GE(pacer.lag_max(), std::chrono::milliseconds(25));
}

}  // namespace
}  // namespace msgsim::runtime
