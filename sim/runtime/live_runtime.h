// Live mode's clock. A LivePacer runs a SimRuntime's event queue against the
// wall clock on a Boost.Asio io_context, optionally accelerated:
//
//   simulated(wall) = simulated_start + (wall - wall_start) x speed
//
// The live runtime is the pair: the stack and the fakes keep talking to the
// SimRuntime through runtime::Runtime and run unchanged; the pacer only decides
// when its events run. It runs the events that are due, then arms a
// steady_timer for the wall instant of the next one (at most
// `wake_interval_max` away), so sockets and other handlers on the same
// io_context run between events without locks.
//
// Guarantees: an event never runs before the wall instant its time maps to
// (wall_at); simulated time never goes backwards; events keep their (time,
// sequence) order. Not guaranteed: deterministic content, since external input
// lands whenever it arrives, and on-time events when the loop cannot keep up
// (that shows as lag, which the pacer records).
//
// Threading: single-threaded. Every member is called on the thread running
// the io_context, and the events run there too. This is the one place in sim/
// that reads the wall clock.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>

#include "sim/runtime/asio.h"
#include "sim/runtime/sim_runtime.h"
#include "sim/runtime/time.h"

namespace msgsim::runtime {

struct LivePacerOptions {
  // Simulated seconds per wall second; finite and > 0 (1 = real time).
  double speed = 1.0;
  // The longest the pacer sleeps without looking at the clock, so input that
  // schedules events from outside (without catch_up) waits at most this long.
  std::chrono::nanoseconds wake_interval_max = std::chrono::milliseconds(50);
  // The longest one batch of due events runs before the pacer yields to the
  // other handlers of the io_context; a loop that is behind still serves input.
  std::chrono::nanoseconds batch_wall_max = std::chrono::milliseconds(5);
};

class LivePacer {
 public:
  using WallClock = std::chrono::steady_clock;

  // REQUIRES: options.speed is finite and > 0. `io` and `runtime` outlive the
  // pacer. Nothing runs until start().
  LivePacer(boost::asio::io_context& io, SimRuntime& runtime, LivePacerOptions options = {});
  ~LivePacer();
  LivePacer(const LivePacer&) = delete;
  LivePacer& operator=(const LivePacer&) = delete;

  // Starts pacing: the wall clock's now maps to the runtime's now(). Due
  // events run as the wall clock advances until simulated time reaches `end`;
  // then the clock stands at `end`, pacing stops and `on_end` runs once.
  // REQUIRES: not started before.
  void start(Time end = Time::max(), std::function<void()> on_end = {});
  // start(end), then runs the io_context's handlers (its other work too)
  // until simulated time reaches `end`. REQUIRES: `end` is finite.
  void run_until(Time end);
  // Stops pacing; pending events stay in the queue. Idempotent.
  void stop();

  bool running() const { return running_; }
  bool finished() const { return finished_; }

  // Runs every event due by the wall clock now and moves the simulated clock
  // to now, so external input applied next (an HTTP request) sees current
  // time. Events that the input schedules run at their time: the pacer looks
  // at the queue again as soon as the calling handler returns. Returns
  // runtime.now(). Before start() and after the end it only returns now().
  Time catch_up();

  // The simulated instant that `wall` maps to (clamped at the start).
  // REQUIRES: started.
  Time simulated_at(WallClock::time_point wall) const;
  // The earliest wall instant at which `simulated` is due: events at that
  // time run at or after it. REQUIRES: started.
  WallClock::time_point wall_at(Time simulated) const;
  // How late the wall clock is now against the instant `simulated` maps to
  // (negative when `simulated` is still ahead). REQUIRES: started.
  std::chrono::nanoseconds lateness(Time simulated) const;

  double speed() const { return options_.speed; }
  WallClock::time_point wall_start() const { return wall_start_; }
  // Wall time since start() (until the end, when pacing stopped).
  std::chrono::nanoseconds wall_elapsed() const;
  // The most an event ran after its due wall instant: how far the pacer fell
  // behind (timer wake-up delay, slow events, slow handlers).
  std::chrono::nanoseconds lag_max() const { return lag_max_; }
  std::uint64_t events_run() const { return events_run_; }

 private:
  bool run_due_events(bool within_budget);
  void note_lag(WallClock::time_point wall, Time simulated);
  void finish();
  void schedule_wake();
  void arm_timer(WallClock::time_point wake);
  void post_wake();
  void on_wake();

  boost::asio::io_context& io_;
  SimRuntime& runtime_;
  LivePacerOptions options_;
  boost::asio::steady_timer timer_;
  // Handlers posted to the io_context check this so they never touch a
  // destroyed pacer.
  std::shared_ptr<LivePacer*> self_;
  WallClock::time_point wall_start_{};
  WallClock::time_point wall_end_{};
  Time simulated_start_ = Time::zero();
  Time end_ = Time::max();
  std::function<void()> on_end_;
  bool started_ = false;
  bool running_ = false;
  bool finished_ = false;
  bool wake_posted_ = false;
  bool timer_armed_ = false;  // a wait on timer_ is pending (ends at timer_.expiry())
  std::chrono::nanoseconds lag_max_{0};
  std::uint64_t events_run_ = 0;
};

}  // namespace msgsim::runtime
