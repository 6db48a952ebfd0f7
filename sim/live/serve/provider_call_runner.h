// The simulation thread's side of the provider API server: runs each call
// the server thread hands off against its channel's send API (the fake's
// WireGateway, in the platform's format) and gives the answer back to the
// server thread to write. A call for a channel it does not know is answered
// 404. Counts, by channel, the calls that came from outside the stack (a
// tester calling a send API with curl) and how they were answered.
// Single-threaded: the simulation thread.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "sim/live/serve/provider_call_handoff.h"
#include "sim/stack/ids.h"
#include "sim/stack/wire/wire_transport.h"

namespace msgsim::live {

// Calls to one channel's send API from outside the stack, by answer.
struct OutsideSendCalls {
  std::uint64_t calls = 0;
  std::uint64_t answered_2xx = 0;
  std::uint64_t answered_4xx = 0;
  std::uint64_t answered_5xx = 0;
};

class ProviderCallRunner {
 public:
  // Calls to /providers/`name`/... go to `send_api` (the provider's side of
  // the channel, which must stay alive until remove_channel(id)).
  void add_channel(stack::ChannelId id, std::string name, stack::WireTransport& send_api);
  // Later calls for the channel are answered 404; its counts stay.
  void remove_channel(stack::ChannelId id);

  // Runs `call` and hands its answer back. A send API that throws is
  // answered 500.
  void run(ProviderCall call);

  // Zero counts for a channel never added.
  OutsideSendCalls outside_calls(stack::ChannelId id) const;
  // Calls naming no channel of the session, answered 404.
  std::uint64_t unknown_channel() const { return unknown_channel_; }

 private:
  struct Channel {
    stack::ChannelId id;
    stack::WireTransport* send_api = nullptr;  // null once removed
    OutsideSendCalls outside;
  };

  std::map<std::string, Channel, std::less<>> channels_;  // by name
  std::uint64_t unknown_channel_ = 0;
};

}  // namespace msgsim::live
