// Always-on assertions for programmer errors. A failed check prints the
// condition, the source location and the run context (seed and simulated time,
// registered by the runtime that is executing on this thread), then aborts.
// Input errors never use this: they are reported at the boundary.
#pragma once

#include <cstdint>

namespace msgsim::runtime {

// Context printed by a failed check; each runtime sets it for its own thread.
struct CheckContext {
  std::uint64_t seed = 0;
  std::int64_t now_ns = 0;
  bool set = false;
};
CheckContext& check_context();

[[noreturn]] void check_failed(const char* condition, const char* file, int line, const char* message);

}  // namespace msgsim::runtime

#define MSGSIM_CHECK(cond)                                                              \
  do {                                                                                  \
    if (!(cond)) [[unlikely]]                                                           \
      ::msgsim::runtime::check_failed(#cond, __FILE__, __LINE__, "");                   \
  } while (0)

#define MSGSIM_CHECK_MSG(cond, msg)                                                     \
  do {                                                                                  \
    if (!(cond)) [[unlikely]]                                                           \
      ::msgsim::runtime::check_failed(#cond, __FILE__, __LINE__, (msg));                \
  } while (0)
