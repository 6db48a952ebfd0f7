// The progress line of `msgsim run` on a terminal: scenario name, simulated
// time done of the total, events per second and the estimated time left,
// rewritten in place (\r) at most four times a second and erased at the end.
// The wall clock is read here and nowhere else in a run: progress is shown
// from the harness's counters (harness::Progress) and never feeds back into
// the simulation. One ProgressLine per scenario run; its update() is called
// from the runner's threads one at a time (runner.h).
#pragma once

#include <chrono>
#include <cstdio>
#include <string>

#include "sim/harness/runner.h"

namespace msgsim::cli {

// True when a progress line is wanted: stderr is a terminal and not --quiet.
bool progress_wanted(bool quiet);

// The text of the line, e.g.
// "demo  sim 4.5 h / 9.0 h (50%)  1.2 M events/s  ETA 0:03".
std::string progress_text(const std::string& scenario, const harness::Progress& progress, double wall_s);

class ProgressLine {
 public:
  ProgressLine(std::string scenario, std::FILE* out);
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;
  ~ProgressLine();  // clears the line

  void update(const harness::Progress& progress);
  // Erases the line (once); later updates are ignored.
  void clear();

 private:
  using Clock = std::chrono::steady_clock;
  std::string scenario_;
  std::FILE* out_;
  Clock::time_point started_;
  Clock::time_point last_shown_;
  bool shown_ = false;
  bool cleared_ = false;
};

}  // namespace msgsim::cli
