// Customer messages from outside the simulation: webhooks testers post
// themselves (signed with `msgsim sign`). The oracles judge the stack
// against the ground truth, where every customer message is recorded by the
// provider that accepted it under a dense number. A tester's own message has
// no provider in the simulation, so this does the provider's part around
// the stack's endpoint:
//   - as the endpoint hands the stack each customer message of a request
//     that verified and decoded (a WireInboundObserver on every endpoint),
//     one whose id the fakes did not make gets the number it will be
//     recorded under (WireDirectory::admit_message), and its sender a
//     ground-truth person (a tester's persona, admitted by the directory);
//   - after it, each such message the stack landed in a transcript is
//     recorded in the ground truth (and its boundary log) as sent by that
//     person; one the stack refused is forgotten, so a corrected retry gets
//     a fresh number. A repeat of an admitted id is the stack's to absorb.
// Single-threaded: the io_context thread that runs the world.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/harness/world.h"
#include "sim/live/serve/tester_customers.h"
#include "sim/stack/trace.h"
#include "sim/stack/wire/wire_endpoint.h"

namespace msgsim::live {

class OutsideMessages final : public stack::TraceSink, public stack::WireInboundObserver {
 public:
  // Observes every endpoint of `world`. REQUIRES: every channel of `world`
  // is on the wire.
  OutsideMessages(harness::World& world, TesterCustomers& testers);

  // Before an endpoint of `channel` handles a request.
  void begin(stack::ChannelId channel);
  void before_apply(stack::ChannelId channel, const stack::WireInbound& event) override;
  // After it answered.
  void settle(stack::ChannelId channel);

  // Notes which admitted messages land while a request is handled.
  void on_trace(const stack::TraceEvent& event) override;

 private:
  struct Pending {
    std::string id;
    std::uint64_t number = 0;
    stack::CustomerHandle from;
    std::string text;
    bool landed = false;
  };

  harness::World& world_;
  TesterCustomers& testers_;
  stack::ChannelId channel_;
  std::vector<Pending> pending_;  // of the request being handled, in order
};

}  // namespace msgsim::live
