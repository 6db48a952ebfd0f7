// Carries one HTTP exchange to the other side of a provider boundary and
// brings back the answer: in process (the world calls the other side
// directly) or over loopback HTTP (live mode). Wire-mode code on both sides
// talks through this, so it never knows which.
#pragma once

#include "sim/stack/wire/http_message.h"

namespace msgsim::stack {

class WireTransport {
 public:
  virtual ~WireTransport() = default;
  virtual HttpResponse exchange(const HttpRequest& request) = 0;
};

}  // namespace msgsim::stack
