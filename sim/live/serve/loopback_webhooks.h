// Live mode's webhook transport: a fake provider's signed webhooks travel
// over real loopback HTTP to the serving process's own `POST /webhooks/<id>`
// route (WireOptions::webhook_transport), as a real platform would call it.
// Each channel has one LoopbackLine (one keep-alive connection, requests in
// order) on the same io_context as the server; the provider's gateway gets
// each real answer when it arrives (a forged delivery's 401, a refusal).
//
// The other direction (the stack calling a provider's send API) is carried
// by LoopbackSends (loopback_sends.h), the same way to the providers' server.
//
// Single-threaded: every member runs on the io_context's thread.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "sim/live/serve/loopback_line.h"
#include "sim/runtime/asio.h"
#include "sim/stack/ids.h"
#include "sim/stack/wire/wire_transport.h"

namespace msgsim::live {

// The transports of every channel of one live world, and their counts.
class LoopbackWebhooks {
 public:
  // `server` is the serving process's own listening endpoint (a loopback
  // address); `host` is the Host header to send ("127.0.0.1:8080").
  LoopbackWebhooks(boost::asio::io_context& io, boost::asio::ip::tcp::endpoint server, std::string host);
  ~LoopbackWebhooks();
  LoopbackWebhooks(const LoopbackWebhooks&) = delete;
  LoopbackWebhooks& operator=(const LoopbackWebhooks&) = delete;

  // A transport for `channel` (for WireOptions::webhook_transport). Letting
  // it go drops its queue unanswered (its gateway goes with it).
  std::unique_ptr<stack::WireTransport> make(stack::ChannelId channel);

  // Requests queued or in flight, over every channel.
  std::uint64_t pending() const;
  std::uint64_t pending(stack::ChannelId channel) const;
  // A transport for the calls of `channel`'s BYOC for CCaaS partner to the
  // platform (WireOptions::partner_call_transport), on a line of its own.
  std::unique_ptr<stack::WireTransport> make_partner(stack::ChannelId channel) { return make(channel); }
  // What the channel's requests got back (webhooks and partner calls
  // together); zero counts for a channel without a transport.
  LoopbackLineCounts counts(stack::ChannelId channel) const;
  // Closes every line: queued requests are answered 503 (failed), and later
  // requests at once. Idempotent.
  void close();

 private:
  boost::asio::io_context& io_;
  boost::asio::ip::tcp::endpoint server_;
  std::string host_;
  std::vector<ChannelLine> lines_;  // in creation order
};

}  // namespace msgsim::live
