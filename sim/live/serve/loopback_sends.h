// Live mode's provider API transport: the stack's calls to the fake
// providers' send APIs travel over real loopback HTTP, as a real deployment
// calls Twilio or the Graph API (WireOptions::send_transport). It owns the
// pieces and wires them together:
//   - a ProviderApiServer on its own thread, serving every channel's send
//     API at http://127.0.0.1:<port>/providers/<channel>/...;
//   - the ProviderCallHandOff between that thread and the simulation thread;
//   - the ProviderCallRunner that runs the calls against the fakes;
//   - one LoopbackSendTransport per channel for the stack.
// Calls that arrive while no stack call waits (a tester's own, with curl)
// are run by a handler posted to the simulation's io_context, after
// `catch_up` brings simulated time to now.
//
// Threading: every member is called on the simulation thread (the thread
// running the io_context); the server's thread stays inside the server and
// the hand-off.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "sim/live/serve/loopback_send_transport.h"
#include "sim/live/serve/provider_api_server.h"
#include "sim/live/serve/provider_call_handoff.h"
#include "sim/live/serve/provider_call_runner.h"
#include "sim/runtime/asio.h"
#include "sim/stack/ids.h"

namespace msgsim::live {

struct LoopbackSendsOptions {
  // For one call of the stack, from its write to its answer.
  std::chrono::milliseconds timeout{5'000};
  ProviderApiServerOptions server;
};

class LoopbackSends {
 public:
  // `io` is the simulation's io_context; `catch_up` may be empty.
  LoopbackSends(boost::asio::io_context& io, std::function<void()> catch_up, LoopbackSendsOptions options = {});
  // Closes.
  ~LoopbackSends();
  LoopbackSends(const LoopbackSends&) = delete;
  LoopbackSends& operator=(const LoopbackSends&) = delete;

  // Starts the provider API server (see ProviderApiServer::start()).
  runtime::Status start();
  std::uint16_t port() const { return server_.port(); }
  // "http://127.0.0.1:<port>/providers/": a channel's send API is below it.
  std::string base_url() const;

  // The stack's transport to channel `id`'s provider API, served at
  // /providers/`name`/... by `send_api` (the fake's side, alive as long as
  // the transport). For WireOptions::send_transport. REQUIRES: started.
  std::unique_ptr<stack::WireTransport> make(stack::ChannelId id, std::string_view name,
                                             stack::WireTransport& send_api);

  // Zero counts for a channel without a transport.
  const SendCallCounts& counts(stack::ChannelId id) const;
  OutsideSendCalls outside_calls(stack::ChannelId id) const { return runner_.outside_calls(id); }
  // Every channel's answered calls' round trips together.
  harness::Histogram round_trip() const;
  // Requests the server refused itself or that named no channel.
  std::uint64_t refused() const { return server_.requests_refused() + runner_.unknown_channel(); }

  // Refuses later calls (503), stops the server and joins its thread; the
  // stack's transports fail at once from then on. Idempotent.
  void close();

 private:
  struct Channel {
    stack::ChannelId id;
    SendCallCounts counts;
  };

  void drain();

  boost::asio::io_context& io_;
  std::function<void()> catch_up_;
  LoopbackSendsOptions options_;
  // Posted drains check this, so they never touch a destroyed object.
  std::shared_ptr<LoopbackSends*> self_;
  ProviderCallHandOff hand_off_;
  ProviderCallRunner runner_;
  ProviderApiServer server_;
  std::deque<Channel> channels_;  // in creation order; stable addresses
};

}  // namespace msgsim::live
