#include "sim/cli/progress.h"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <utility>

namespace msgsim::cli {

namespace {

// At most four redraws a second: more is flicker, and each costs a write.
constexpr auto kMinInterval = std::chrono::milliseconds(250);

std::string format(const char* pattern, double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, pattern, value);
  return buffer;
}

// Simulated time in the unit that suits the run's total length.
std::string simulated(double seconds, double total_s) {
  if (total_s >= 2 * 3600.0) return format("%.1f h", seconds / 3600.0);
  if (total_s >= 2 * 60.0) return format("%.1f min", seconds / 60.0);
  return format("%.0f s", seconds);
}

std::string rate(double per_second) {
  if (per_second >= 1e6) return format("%.1f M", per_second / 1e6);
  if (per_second >= 1e3) return format("%.0f k", per_second / 1e3);
  return format("%.0f", per_second);
}

std::string clock_text(double seconds) {
  const long total = std::lround(seconds);
  char buffer[32];
  if (total >= 3600) {
    std::snprintf(buffer, sizeof buffer, "%ld:%02ld:%02ld", total / 3600, total / 60 % 60, total % 60);
  } else {
    std::snprintf(buffer, sizeof buffer, "%ld:%02ld", total / 60, total % 60);
  }
  return buffer;
}

}  // namespace

bool progress_wanted(bool quiet) { return !quiet && isatty(STDERR_FILENO) == 1; }

std::string progress_text(const std::string& scenario, const harness::Progress& progress, double wall_s) {
  const double total = progress.simulated_total_s;
  const double fraction = total > 0.0 ? std::clamp(progress.simulated_s / total, 0.0, 1.0) : 0.0;
  std::string text = scenario + "  sim " + simulated(progress.simulated_s, total) + " / " + simulated(total, total) +
                     " (" + format("%.0f", 100.0 * fraction) + "%)";
  if (wall_s > 0.0) text += "  " + rate(static_cast<double>(progress.events) / wall_s) + " events/s";
  // The rest is assumed to go at the average pace so far.
  text += "  ETA " + (fraction > 0.0 && wall_s > 0.0 ? clock_text(wall_s * (1.0 - fraction) / fraction) : "--");
  return text;
}

ProgressLine::ProgressLine(std::string scenario, std::FILE* out)
    : scenario_(std::move(scenario)), out_(out), started_(Clock::now()) {}

ProgressLine::~ProgressLine() { clear(); }

void ProgressLine::update(const harness::Progress& progress) {
  if (cleared_) return;
  const Clock::time_point now = Clock::now();
  if (shown_ && now - last_shown_ < kMinInterval) return;
  shown_ = true;
  last_shown_ = now;
  const double wall_s = std::chrono::duration<double>(now - started_).count();
  // \r back to column 0, ESC[K erases what a longer earlier line left.
  std::fprintf(out_, "\r%s\x1b[K", progress_text(scenario_, progress, wall_s).c_str());
  std::fflush(out_);
}

void ProgressLine::clear() {
  if (cleared_) return;
  cleared_ = true;
  if (!shown_) return;
  std::fputs("\r\x1b[K", out_);
  std::fflush(out_);
}

}  // namespace msgsim::cli
