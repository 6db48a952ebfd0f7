// Carries one HTTP exchange to the other side of a provider boundary and
// brings back the answer: in process (the world calls the other side
// directly) or over loopback HTTP (live mode). Wire-mode code on both sides
// talks through this, so it never knows which.
//
// Two ways in. exchange() serves the request here and now: the other side
// runs inside the call (the stack's webhook endpoint, a fake's send API).
// post() carries a request and hands the answer to a handler: in process at
// once, inside post(); over the network later, on the same thread, when the
// answer has arrived, so the caller never blocks its thread on the other
// side. Callers that may run in live mode use post().
#pragma once

#include <functional>

#include "sim/stack/wire/http_message.h"

namespace msgsim::stack {

class WireTransport {
 public:
  using AnswerHandler = std::function<void(const HttpResponse&)>;

  virtual ~WireTransport() = default;
  // Serves `request` and returns the answer. REQUIRES: the other side runs
  // in process (a network transport has no answer to give yet).
  virtual HttpResponse exchange(const HttpRequest& request) = 0;
  // Carries `request`; `on_answer` runs exactly once with the answer.
  virtual void post(HttpRequest request, AnswerHandler on_answer) { on_answer(exchange(request)); }
};

}  // namespace msgsim::stack
