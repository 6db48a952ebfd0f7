#include "sim/runtime/live_runtime.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "sim/runtime/check.h"

namespace msgsim::runtime {

namespace {

// Wall spans are capped here (about three years) so that mapping a far-away
// simulated instant at a slow speed cannot overflow the clock's range.
constexpr std::int64_t kWallSpanMaxNs = 100'000'000'000'000'000;

}  // namespace

LivePacer::LivePacer(boost::asio::io_context& io, SimRuntime& runtime, LivePacerOptions options)
    : io_(io), runtime_(runtime), options_(options), timer_(io), self_(std::make_shared<LivePacer*>(this)) {
  MSGSIM_CHECK_MSG(std::isfinite(options_.speed) && options_.speed > 0.0, "live pacer speed must be finite and > 0");
  MSGSIM_CHECK(options_.wake_interval_max.count() > 0);
  MSGSIM_CHECK(options_.batch_wall_max.count() > 0);
}

LivePacer::~LivePacer() {
  self_.reset();  // handlers already queued on the io_context now do nothing
  timer_.cancel();
}

void LivePacer::start(Time end, std::function<void()> on_end) {
  MSGSIM_CHECK_MSG(!started_, "a live pacer starts once");
  started_ = true;
  running_ = true;
  wall_start_ = WallClock::now();
  simulated_start_ = runtime_.now();
  end_ = std::max(end, simulated_start_);
  on_end_ = std::move(on_end);
  post_wake();  // the first events run from the io_context, never inside the caller
}

void LivePacer::run_until(Time end) {
  MSGSIM_CHECK_MSG(end != Time::max(), "run_until needs a finite end");
  start(end);
  while (running_) {
    // run_one returns 0 only when the io_context was stopped from outside.
    if (io_.run_one() == 0) io_.restart();
  }
}

void LivePacer::stop() {
  running_ = false;
  timer_.cancel();
  timer_armed_ = false;
}

Time LivePacer::catch_up() {
  if (!running_) return runtime_.now();
  run_due_events(false);
  post_wake();  // events the caller's input schedules run as soon as it returns
  return runtime_.now();
}

Time LivePacer::simulated_at(WallClock::time_point wall) const {
  MSGSIM_CHECK(started_);
  const std::int64_t elapsed_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(wall - wall_start_).count();
  if (elapsed_ns <= 0) return simulated_start_;
  const long double ahead_ns = std::floor(static_cast<long double>(elapsed_ns) * options_.speed);
  const long double room_ns = static_cast<long double>(Time::max().ns() - simulated_start_.ns());
  if (ahead_ns >= room_ns) return Time::max();
  return simulated_start_ + Duration::nanoseconds(static_cast<std::int64_t>(ahead_ns));
}

LivePacer::WallClock::time_point LivePacer::wall_at(Time simulated) const {
  MSGSIM_CHECK(started_);
  if (simulated <= simulated_start_) return wall_start_;
  const long double exact_ns = static_cast<long double>((simulated - simulated_start_).ns()) / options_.speed;
  if (simulated == Time::max() || exact_ns >= static_cast<long double>(kWallSpanMaxNs)) {
    return wall_start_ + std::chrono::nanoseconds(kWallSpanMaxNs);
  }
  // simulated_at() floors; nudge the rounded inverse so that wall_at(t) is
  // exactly the first nanosecond whose simulated_at() reaches t. Then "due"
  // means the same thing in both directions.
  std::int64_t wall_ns = static_cast<std::int64_t>(std::ceil(exact_ns));
  auto at = [&](std::int64_t ns) { return wall_start_ + std::chrono::nanoseconds(ns); };
  while (simulated_at(at(wall_ns)) < simulated) ++wall_ns;
  while (wall_ns > 0 && simulated_at(at(wall_ns - 1)) >= simulated) --wall_ns;
  return at(wall_ns);
}

std::chrono::nanoseconds LivePacer::lateness(Time simulated) const {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(WallClock::now() - wall_at(simulated));
}

std::chrono::nanoseconds LivePacer::wall_elapsed() const {
  if (!started_) return std::chrono::nanoseconds(0);
  const WallClock::time_point until = finished_ ? wall_end_ : WallClock::now();
  return std::chrono::duration_cast<std::chrono::nanoseconds>(until - wall_start_);
}

// Runs the events due by the wall clock. The clock is read after every event,
// so a slow event shows as lag on the next; the exact due instant (long
// double arithmetic, costly next to a small event) is recomputed from it
// every kEventsPerDueUpdate events and before leaving, so events falling due
// meanwhile join the batch. With `within_budget`, stops after batch_wall_max
// and returns false (events may still be due); otherwise runs until none is
// due. When none is due, the simulated clock moves to the last reading's
// instant: nothing earlier remains, so no event is skipped.
bool LivePacer::run_due_events(bool within_budget) {
  constexpr std::uint32_t kEventsPerDueUpdate = 32;
  const WallClock::time_point batch_start = WallClock::now();
  WallClock::time_point now = batch_start;
  Time due = std::min(simulated_at(now), end_);
  std::uint32_t since_update = 0;
  for (;;) {
    const Time next = runtime_.next_event_time();
    if (next > due || since_update == kEventsPerDueUpdate) {
      if (since_update == 0) break;  // `due` is from the latest reading and nothing is due
      since_update = 0;
      if (within_budget && now - batch_start >= options_.batch_wall_max) return false;
      due = std::min(simulated_at(now), end_);
      continue;
    }
    note_lag(now, next);
    runtime_.step();
    ++events_run_;
    ++since_update;
    now = WallClock::now();
  }
  if (due > runtime_.now()) runtime_.run_until(due);
  return true;
}

// How late an event at `simulated` starts at `wall`, in double precision:
// a lag figure, cheap enough for every event (nothing is decided on it).
void LivePacer::note_lag(WallClock::time_point wall, Time simulated) {
  const double wall_ns =
      static_cast<double>(std::chrono::duration_cast<std::chrono::nanoseconds>(wall - wall_start_).count());
  const double due_ns = static_cast<double>((simulated - simulated_start_).ns()) / options_.speed;
  const double late_ns = wall_ns - due_ns;
  if (late_ns > static_cast<double>(lag_max_.count())) {
    lag_max_ = std::chrono::nanoseconds(static_cast<std::int64_t>(late_ns));
  }
}

void LivePacer::on_wake() {
  if (!running_) return;
  if (!run_due_events(true)) {
    post_wake();  // behind: yield to other handlers, then go on at once
    return;
  }
  if (runtime_.now() >= end_) {
    finish();
    return;
  }
  schedule_wake();
}

void LivePacer::finish() {
  running_ = false;
  finished_ = true;
  wall_end_ = WallClock::now();
  timer_.cancel();
  timer_armed_ = false;
  if (on_end_) {
    std::function<void()> on_end = std::move(on_end_);
    on_end();
  }
}

void LivePacer::schedule_wake() {
  const Time next = std::min(runtime_.next_event_time(), end_);
  arm_timer(std::min(wall_at(next), WallClock::now() + options_.wake_interval_max));
}

void LivePacer::arm_timer(WallClock::time_point wake) {
  // A wait that ends no later stays: waking early only runs nothing and
  // arms again, while re-arming costs a system call (the kernel timer is
  // reprogrammed), once per input under load.
  if (timer_armed_ && timer_.expiry() <= wake) return;
  // Re-arming cancels the pending wait; its handler sees operation_aborted.
  timer_.expires_at(wake);
  timer_armed_ = true;
  timer_.async_wait([self = std::weak_ptr<LivePacer*>(self_)](const boost::system::error_code& error) {
    if (error) return;
    if (std::shared_ptr<LivePacer*> pacer = self.lock()) {
      (*pacer)->timer_armed_ = false;
      (*pacer)->on_wake();
    }
  });
}

void LivePacer::post_wake() {
  if (wake_posted_) return;
  wake_posted_ = true;
  boost::asio::post(io_, [self = std::weak_ptr<LivePacer*>(self_)] {
    std::shared_ptr<LivePacer*> pacer = self.lock();
    if (!pacer) return;
    (*pacer)->wake_posted_ = false;
    (*pacer)->on_wake();
  });
}

}  // namespace msgsim::runtime
