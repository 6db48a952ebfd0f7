// The hand-off between the provider API server's thread and the simulation
// thread in live mode. The server thread reads and parses calls to the fake
// providers' send APIs (the stack's own, and a tester's curl) and submits
// them here; only the simulation thread takes them and runs them against the
// fakes, which own simulation state. Each answer goes back to the server
// thread through the call's `answer` function.
//
// Who takes a call. While a LoopbackSendTransport waits for its own answer
// (between begin_exchange() and end_exchange(), on the simulation thread)
// it takes every call that arrives, its own among them, so the stack's
// synchronous send never waits on the thread it is blocking. A call that
// arrives when no exchange waits makes the hand-off call `wake` (e.g. a
// boost::asio::post to the simulation's io_context), whose handler drains
// the queue with take_all(); end_exchange() calls it too when calls came in
// after the exchange's last look. So every call is taken exactly once.
//
// Lines. Each transport's connection is a line named by its local port (the
// server sees it as the peer port). The server thread reports when it has
// written an answer on a line and when a line's connection closed, so a
// waiting exchange knows when its answer is there to read, or that none
// will come.
//
// Thread-safe: one mutex and one condition variable; `wake` and `answer`
// are called without the mutex held.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "sim/stack/wire/http_message.h"

namespace msgsim::live {

// One request to a provider's send API, parsed by the server thread.
struct ProviderCall {
  std::string channel;          // the <channel> of /providers/<channel>/...
  stack::HttpRequest request;   // as the provider sees it: the target without /providers/<channel>
  std::uint16_t peer_port = 0;  // the caller's port
  bool from_stack = false;      // sent on a line of the stack's transports (set by submit())
  // Hands the answer to the server thread to write. Any thread; call once.
  std::function<void(stack::HttpResponse)> answer;
};

// What woke a waiting exchange.
enum class LineEvent {
  kCall,           // a call to run (any caller's)
  kAnswerWritten,  // the server wrote the answer on this line: read it
  kLineClosed,     // the server closed this line's connection: no answer will come
  kTimedOut,
};

class ProviderCallHandOff {
 public:
  using Clock = std::chrono::steady_clock;

  // `wake` makes the simulation thread call take_all() soon; it is called
  // from any thread and must not block or run the calls itself.
  explicit ProviderCallHandOff(std::function<void()> wake);
  ProviderCallHandOff(const ProviderCallHandOff&) = delete;
  ProviderCallHandOff& operator=(const ProviderCallHandOff&) = delete;

  // --- The server thread.
  // Queues `call`; after close() answers it 503 at once instead.
  void submit(ProviderCall call);
  void answer_written(std::uint16_t peer_port);
  void connection_closed(std::uint16_t peer_port);

  // --- The simulation thread.
  // A transport's connection to the server, from connect to close.
  void open_line(std::uint16_t port);
  void close_line(std::uint16_t port);
  // True iff the server closed `port`'s connection (or it is no open line).
  bool line_closed(std::uint16_t port) const;
  // The exchange on `port` starts waiting (before its request is written).
  // REQUIRES: `port` is an open line.
  void begin_exchange(std::uint16_t port);
  // Waits for the next event of the exchange on `port`: a queued call first
  // (moved into `call`), then its answer written, then its line closed,
  // else kTimedOut at `deadline`. REQUIRES: begin_exchange(port) before.
  LineEvent wait(std::uint16_t port, Clock::time_point deadline, std::optional<ProviderCall>& call);
  void end_exchange(std::uint16_t port);
  // Every queued call, in arrival order (the `wake` handler's drain).
  std::vector<ProviderCall> take_all();

  // Answers every queued call 503 and refuses later ones. Idempotent.
  void close();
  bool closed() const;
  std::size_t queued() const;

 private:
  struct Line {
    bool waiting = false;
    bool answered = false;
    bool closed = false;
  };

  // REQUIRES: mutex_ held. True iff `wake` must be called (once the mutex is released).
  bool claim_wake_locked();

  std::function<void()> wake_;
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<ProviderCall> queue_;
  std::map<std::uint16_t, Line> lines_;  // open lines by local port
  int exchanges_waiting_ = 0;
  bool wake_pending_ = false;  // `wake` called and its drain not started yet
  bool closed_ = false;
};

// The answer given to a call that the hand-off refuses (closed).
stack::HttpResponse provider_api_closed_answer();

}  // namespace msgsim::live
