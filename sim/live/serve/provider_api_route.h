// The fake providers' send APIs in live mode, as routes of their own HTTP
// server: `POST /providers/<channel>/<the platform's own path and query>`,
// the base URL of each channel's provider followed by what the stack's codec
// encodes, e.g.
//   /providers/sms-us/2010-04-01/Accounts/AC.../Messages.json   (Twilio)
//   /providers/wa-main/v19.0/<phone number id>/messages          (Graph API)
//   /providers/line-jp/v2/bot/message/reply                      (LINE)
// Each call runs against its channel's send API (the fake's WireGateway, in
// the platform's format) with the target as the provider sees it (without
// /providers/<channel>), after `catch_up` brings simulated time to now. A
// BYOC for CCaaS partner's own endpoint for the platform's routing events is
// below /providers/<channel>/partner/ (e.g. .../partner/outbound). A path
// naming no channel of the session is answered 404. Calls whose
// User-Agent is not the stack's (kStackUserAgent), such as a tester's curl,
// are counted by channel and answer.
// Single-threaded: the io_context thread that runs the world.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>

#include "sim/stack/ids.h"
#include "sim/stack/wire/wire_transport.h"

namespace msgsim::live {

inline constexpr std::string_view kProviderApiPrefix = "/providers/";
// What the stack's own calls carry as User-Agent.
inline constexpr std::string_view kStackUserAgent = "msgsim-stack";

// Calls to one channel's send API from outside the stack, by answer.
struct OutsideSendCalls {
  std::uint64_t calls = 0;
  std::uint64_t answered_2xx = 0;
  std::uint64_t answered_4xx = 0;
  std::uint64_t answered_5xx = 0;
};

class ProviderApiRoute {
 public:
  explicit ProviderApiRoute(std::function<void()> catch_up) : catch_up_(std::move(catch_up)) {}

  // Calls to /providers/`name`/... go to `send_api` (the provider's side of
  // the channel, which must stay alive until remove_channel(id)).
  void add_channel(stack::ChannelId id, std::string name, stack::WireTransport& send_api);
  // Calls to /providers/`name`/partner/... go to `partner_api` (the
  // partner's side, alive until remove_partner(id)).
  void add_partner(stack::ChannelId id, std::string name, stack::WireTransport& partner_api);
  // Later calls for the channel (or its partner) are answered 404; its
  // counts stay.
  void remove_channel(stack::ChannelId id);
  void remove_partner(stack::ChannelId id);

  // The route's handler. A send API that throws is answered 500.
  stack::HttpResponse handle(const stack::HttpRequest& request);

  // Zero counts for a channel never added.
  OutsideSendCalls outside_calls(stack::ChannelId id) const;
  // Calls naming no channel of the session, answered 404.
  std::uint64_t unknown_channel() const { return unknown_channel_; }

 private:
  struct Channel {
    stack::ChannelId id;
    stack::WireTransport* send_api = nullptr;     // null once removed
    stack::WireTransport* partner_api = nullptr;  // null when none or removed
    OutsideSendCalls outside;
  };

  std::function<void()> catch_up_;
  std::map<std::string, Channel, std::less<>> channels_;  // by name
  std::uint64_t unknown_channel_ = 0;
};

}  // namespace msgsim::live
