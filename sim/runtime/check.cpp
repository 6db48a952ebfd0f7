#include "sim/runtime/check.h"

#include <cstdio>
#include <cstdlib>

namespace msgsim::runtime {

CheckContext& check_context() {
  thread_local CheckContext context;
  return context;
}

void check_failed(const char* condition, const char* file, int line, const char* message) {
  const CheckContext& context = check_context();
  std::fprintf(stderr, "msgsim: internal check failed: %s at %s:%d %s\n", condition, file, line, message);
  if (context.set) {
    std::fprintf(stderr, "msgsim: seed=%llu simulated time=%.9f s\n",
                 static_cast<unsigned long long>(context.seed), static_cast<double>(context.now_ns) / 1e9);
  }
  std::fflush(stderr);
  std::_Exit(3);  // exit code 3: internal error (spec/scenario-format.md)
}

}  // namespace msgsim::runtime
