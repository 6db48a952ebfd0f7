// Live mode's webhook transport: a fake provider's signed webhooks travel
// over real loopback HTTP to the serving process's own `POST /webhooks/<id>`
// route (WireOptions::webhook_transport), as a real platform would call it.
//
// exchange() runs inside a simulation event on the io_context thread, and
// that thread also runs the server: waiting for the answer there would
// deadlock. So exchange() queues the request and returns 202 at once, and an
// asynchronous Beast client on the same io_context writes each channel's
// queue in order over one keep-alive connection, counting the real answers
// (2xx, 401, other 4xx, 5xx) as they come. A connection that fails before an
// answer is reopened and the request sent once more (the stack absorbs a
// duplicate by the provider's id); a second failure counts it as failed.
// The provider therefore sees every delivery as accepted: a refusal shows in
// the counts and in /metrics, not as a provider retry.
//
// The other direction (the stack calling a provider's send API) is carried
// by LoopbackSends (loopback_sends.h): the stack's send is synchronous and
// runs on this same thread, so those calls go to a second server with its
// own thread, and the waiting send runs the fakes' side itself.
//
// Single-threaded: every member runs on the io_context's thread.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "sim/runtime/asio.h"
#include "sim/stack/ids.h"
#include "sim/stack/wire/wire_transport.h"

namespace msgsim::live {

// What one channel's deliveries got back.
struct WebhookDeliveryCounts {
  std::uint64_t queued = 0;       // requests handed to the transport
  std::uint64_t answered_2xx = 0;
  std::uint64_t answered_401 = 0;
  std::uint64_t answered_4xx = 0;  // other 4xx (400 malformed, 413 too large, 404)
  std::uint64_t answered_5xx = 0;
  std::uint64_t failed = 0;        // no answer after a retry, or dropped at shutdown
  std::uint64_t retried = 0;       // sent again on a new connection
};

struct LoopbackChannel;

// The transports of every channel of one live world, and their counts.
class LoopbackWebhooks {
 public:
  // `server` is the serving process's own listening endpoint (a loopback
  // address); `host` is the Host header to send ("127.0.0.1:8080").
  LoopbackWebhooks(boost::asio::io_context& io, boost::asio::ip::tcp::endpoint server, std::string host);
  ~LoopbackWebhooks();
  LoopbackWebhooks(const LoopbackWebhooks&) = delete;
  LoopbackWebhooks& operator=(const LoopbackWebhooks&) = delete;

  // A transport for `channel` (for WireOptions::webhook_transport). It may
  // be destroyed before or after this object; its queue is dropped then.
  std::unique_ptr<stack::WireTransport> make(stack::ChannelId channel);

  // Requests queued or in flight, over every channel.
  std::uint64_t pending() const;
  std::uint64_t pending(stack::ChannelId channel) const;
  // Zero counts for a channel without a transport.
  WebhookDeliveryCounts counts(stack::ChannelId channel) const;
  // Stops every transport: connections close, queued requests count as failed,
  // and later requests fail at once. Idempotent.
  void close();

 private:
  const LoopbackChannel* find(stack::ChannelId channel) const;

  boost::asio::io_context& io_;
  boost::asio::ip::tcp::endpoint server_;
  std::string host_;
  std::vector<std::shared_ptr<LoopbackChannel>> channels_;  // in creation order
};

}  // namespace msgsim::live
