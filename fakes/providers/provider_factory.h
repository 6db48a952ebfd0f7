// Makes the fake provider of a channel type: the one place that maps types to
// fakes, so the world builder never names a fake class. Platform options
// (windows, read rates) take their defaults here.
#pragma once

#include <memory>

#include "fakes/ground_truth.h"
#include "fakes/providers/device.h"
#include "fakes/providers/provider_fake.h"
#include "fakes/providers/provider_settings.h"
#include "sim/runtime/runtime.h"
#include "sim/stack/channels/channel_settings.h"
#include "sim/stack/stack.h"

namespace msgsim::fakes {

// The fake for `type` on `channel`. Never null: every channel type has one
// (BYOC with CCaaS uses the BYOC partner fake).
std::unique_ptr<ProviderFake> make_provider_fake(stack::ChannelType type, runtime::Runtime& runtime,
                                                 stack::Stack& stack, GroundTruth& truth, Device& device,
                                                 stack::ChannelId channel, FakeProviderSettings settings);

}  // namespace msgsim::fakes
