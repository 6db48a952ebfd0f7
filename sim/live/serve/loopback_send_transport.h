// The stack's side of one channel's provider API in live mode: a
// WireTransport (what the stack's WireProviderClient calls) that carries
// each call over real loopback HTTP to the ProviderApiServer, as
// `POST /providers/<channel><the codec's path>` on a keep-alive connection,
// and returns the provider's answer as it came.
//
// exchange() blocks the simulation thread, which owns the fakes, so it
// cannot simply wait for its answer: the server's thread only parses. It
// writes the request, then waits on the ProviderCallHandOff and runs every
// call the server hands off meanwhile (its own among them) with the
// ProviderCallRunner, on this thread, until the server has written its
// answer; then it reads that answer from the socket. Nothing it waits for
// needs the simulation thread, so it cannot deadlock.
//
// Failures: with no answer before `timeout` the call fails with a 503
// (text/plain, naming the cause) that the stack reads as a failed send, and
// the connection is dropped so that a late answer is never read as the next
// call's. A kept-alive connection that the server closed (idle timeout) is
// reopened, and a call it lost before any answer is sent once more. After
// the hand-off is closed every call fails at once.
//
// Single-threaded: the simulation thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "sim/harness/histogram.h"
#include "sim/live/blocking_connection.h"
#include "sim/live/serve/provider_call_handoff.h"
#include "sim/live/serve/provider_call_runner.h"
#include "sim/stack/wire/wire_transport.h"

namespace msgsim::live {

// What the stack's calls to one channel's provider API got back.
struct SendCallCounts {
  std::uint64_t calls = 0;
  std::uint64_t answered_2xx = 0;
  std::uint64_t answered_4xx = 0;
  std::uint64_t answered_5xx = 0;  // the provider's own 5xx answers
  std::uint64_t failed = 0;        // no answer (timed out, no connection, closed): 503 from the transport
  std::uint64_t retried = 0;       // sent again on a new connection
  harness::Histogram round_trip;   // wall nanoseconds per answered call, the stack's wait
};

struct LoopbackSendOptions {
  std::string host = "127.0.0.1";  // the server's IP literal
  std::uint16_t port = 0;
  std::string channel;  // calls go to /providers/<channel>/...
  // For one call, from the first write to the last byte of the answer.
  std::chrono::milliseconds timeout{5'000};
};

class LoopbackSendTransport final : public stack::WireTransport {
 public:
  // `hand_off`, `runner` and `counts` outlive the transport.
  LoopbackSendTransport(ProviderCallHandOff& hand_off, ProviderCallRunner& runner, LoopbackSendOptions options,
                        SendCallCounts& counts);
  ~LoopbackSendTransport() override;
  LoopbackSendTransport(const LoopbackSendTransport&) = delete;
  LoopbackSendTransport& operator=(const LoopbackSendTransport&) = delete;

  // Sends `request` (its target is the provider's own path) and returns the
  // provider's answer, or a 503 when none came (see above).
  stack::HttpResponse exchange(const stack::HttpRequest& request) override;

 private:
  using Deadline = BlockingConnection::Clock::time_point;

  runtime::Result<stack::HttpResponse> attempt(const stack::HttpRequest& request, Deadline deadline,
                                               bool& may_resend);
  runtime::Status open_line(Deadline deadline);
  void drop_line();
  runtime::Status write(const stack::HttpRequest& request, Deadline deadline);
  LineEvent wait_for_answer(Deadline deadline);
  runtime::Result<stack::HttpResponse> read(Deadline deadline);
  stack::HttpResponse failure(const std::string& cause);

  ProviderCallHandOff& hand_off_;
  ProviderCallRunner& runner_;
  LoopbackSendOptions options_;
  SendCallCounts& counts_;
  BlockingConnection connection_;
  std::uint16_t line_ = 0;  // the connection's local port; 0 = no connection
};

}  // namespace msgsim::live
