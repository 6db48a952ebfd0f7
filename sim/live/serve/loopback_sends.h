// Live mode's provider API transport: the stack's calls to the fake
// providers' send APIs travel over real loopback HTTP, as a real deployment
// calls Twilio or the Graph API (WireOptions::send_transport). It owns:
//   - the providers' HTTP server (an HttpServer on the world's io_context,
//     its own ephemeral port on loopback) with the ProviderApiRoute, serving
//     every channel's send API at http://127.0.0.1:<port>/providers/<channel>/...,
//     to the stack and to testers alike;
//   - one LoopbackLine per channel for the stack's calls.
// The stack's sends do not wait: each call is posted on its channel's line
// and the provider's answer reaches the stack later (Stack::receive_send_outcome
// through the WireProviderClient), after `catch_up` brings simulated time to
// now, as a platform learns of a provider's refusal after its API call.
//
// Single-threaded: every member runs on the io_context's thread.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sim/harness/histogram.h"
#include "sim/live/http_server.h"
#include "sim/live/serve/loopback_line.h"
#include "sim/live/serve/provider_api_route.h"
#include "sim/runtime/asio.h"
#include "sim/stack/ids.h"

namespace msgsim::live {

struct LoopbackSendsOptions {
  // For one call, from its write to its answer.
  std::chrono::milliseconds timeout{5'000};
  // The provider API server's port on 127.0.0.1; 0 = an ephemeral one.
  std::uint16_t port = 0;
};

class LoopbackSends {
 public:
  // `io` is the world's io_context; `catch_up` may be empty.
  LoopbackSends(boost::asio::io_context& io, std::function<void()> catch_up, LoopbackSendsOptions options = {});
  // Closes.
  ~LoopbackSends();
  LoopbackSends(const LoopbackSends&) = delete;
  LoopbackSends& operator=(const LoopbackSends&) = delete;

  // Starts the provider API server. kUnavailable when it cannot listen.
  runtime::Status start();
  std::uint16_t port() const { return server_.port(); }
  // "http://127.0.0.1:<port>/providers/": a channel's send API is below it.
  std::string base_url() const;

  // The stack's transport to channel `id`'s provider API, served at
  // /providers/`name`/... by `send_api` (the fake's side, alive as long as
  // the transport). For WireOptions::send_transport. REQUIRES: started.
  std::unique_ptr<stack::WireTransport> make(stack::ChannelId id, std::string_view name,
                                             stack::WireTransport& send_api);
  // The stack's transport of channel `id`'s routing events to its BYOC for
  // CCaaS partner's /outbound, served at /providers/`name`/partner/... by
  // `partner_api` (alive as long as the transport). For
  // WireOptions::partner_event_transport. REQUIRES: started.
  std::unique_ptr<stack::WireTransport> make_partner(stack::ChannelId id, std::string_view name,
                                                     stack::WireTransport& partner_api);

  // What the channel's calls got back (send calls and partner events
  // together); zero counts for a channel without a transport.
  LoopbackLineCounts counts(stack::ChannelId id) const;
  // Calls queued or in flight, over every channel, and on one.
  std::uint64_t pending() const;
  std::uint64_t pending(stack::ChannelId id) const;
  OutsideSendCalls outside_calls(stack::ChannelId id) const { return route_.outside_calls(id); }
  // Every channel's answered calls' round trips together.
  harness::Histogram round_trip() const;
  // Requests the server answered itself (malformed, too large, no route)
  // or that named no channel.
  std::uint64_t refused() const { return server_.requests_refused() + route_.unknown_channel(); }

  // Answers the calls still queued 503 (the stack reads them as failed
  // sends), stops the server, and fails later calls at once. Idempotent.
  void close();

 private:
  std::shared_ptr<LoopbackLine> open_line(stack::ChannelId id, std::string target_prefix);

  boost::asio::io_context& io_;
  std::function<void()> catch_up_;
  LoopbackSendsOptions options_;
  ProviderApiRoute route_;
  HttpServer server_;
  std::vector<ChannelLine> lines_;  // in creation order
};

}  // namespace msgsim::live
