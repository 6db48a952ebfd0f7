// How a fake provider behaves on one channel: latency per direction and the
// delay of delivery receipts. Faults arrive with the channel fakes.
#pragma once

#include "sim/runtime/distribution.h"

namespace msgsim::fakes {

struct FakeProviderSettings {
  runtime::Distribution latency;          // one direction; constant 0 by default
  runtime::Distribution receipt_latency;  // after delivery to the device
};

}  // namespace msgsim::fakes
