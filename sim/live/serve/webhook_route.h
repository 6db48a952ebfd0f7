// The stack's webhook URLs in live mode: `POST /webhooks/<channel id>` (and
// `GET`, for the Meta hub.challenge handshake) hand the request to that
// channel's WireEndpoint, which checks the signature, decodes and feeds the
// stack: forged 401, malformed 400, oversized 413 (the server refuses bodies
// over its limit before this runs), duplicates absorbed by the provider's id.
// A BYOC for CCaaS partner that owns routing or consent calls the platform
// below its channel's webhook URL (`POST /webhooks/<id>/route`,
// `/agentWork`, `/messagingSession`, `PATCH /webhooks/<id>/consent`): those
// go to the channel's PartnerEndpoint, which answers the same way.
// Unknown channels are 404. Every answer the route gives is counted by
// channel and class, for the fakes' deliveries and testers' own requests
// alike (bodies over the server's limit never reach it).
// Single-threaded: the server's io_context thread.
#pragma once

#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

#include "sim/harness/wire_boundaries.h"
#include "sim/live/serve/outside_messages.h"
#include "sim/stack/stack.h"
#include "sim/stack/wire/http_message.h"

namespace msgsim::live {

inline constexpr std::string_view kWebhookPrefix = "/webhooks/";

// Answers by class, for one channel.
struct WebhookAnswerCounts {
  std::uint64_t ok = 0;             // 2xx
  std::uint64_t malformed = 0;      // 400
  std::uint64_t forged = 0;         // 401
  std::uint64_t too_large = 0;      // 413 (the endpoint's own limit)
  std::uint64_t other_4xx = 0;
  std::uint64_t server_error = 0;   // 5xx
};

class WebhookRoute {
 public:
  // `catch_up` brings simulated time to now before the stack sees input;
  // `outside` records testers' own messages in the ground truth (none = not).
  WebhookRoute(stack::Stack& stack, harness::WireBoundaries& wire, std::function<void()> catch_up,
               OutsideMessages* outside);

  stack::HttpResponse handle(const stack::HttpRequest& request);

  // Zero counts for an unknown channel.
  const WebhookAnswerCounts& counts(stack::ChannelId channel) const;
  // Answers for paths that name no channel.
  std::uint64_t unknown_channel() const { return unknown_channel_; }

 private:
  struct Target {
    stack::ChannelId channel;  // invalid: no channel has this URL
    bool partner = false;      // a call of the channel's partner
  };
  Target target_of(std::string_view path) const;
  void count(stack::ChannelId channel, int status);

  stack::Stack& stack_;
  harness::WireBoundaries& wire_;
  std::function<void()> catch_up_;
  OutsideMessages* outside_;
  std::vector<WebhookAnswerCounts> counts_;  // by channel id
  std::uint64_t unknown_channel_ = 0;
};

}  // namespace msgsim::live
