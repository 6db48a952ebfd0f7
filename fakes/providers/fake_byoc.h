// Fake Bring-Your-Own-Channel partner connector. The partner accepts every
// message the stack hands it and acknowledges each with `delivered` after the
// receipt latency; customer messages arrive as inbound interactions. Faults
// apply as for every fake. One instance per channel; single-threaded.
#pragma once

#include "fakes/providers/fake_platform.h"

namespace msgsim::fakes {

class FakeByoc final : public FakePlatform {
 public:
  FakeByoc(runtime::Runtime& runtime, stack::Stack& stack, GroundTruth& truth, Device& device,
           stack::ChannelId channel, FakeProviderSettings settings);

 private:
  stack::SendOutcome send_admitted(const stack::OutboundRequest& request) override;
};

const PlatformProfile& byoc_profile();

}  // namespace msgsim::fakes
