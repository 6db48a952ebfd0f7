// The limits every webhook decoder of msgsim's codecs applies, so hostile
// input is bounded the same way on every channel: the body size (checked
// after the signature, before parsing) and the size of each string field.
#pragma once

#include <cstddef>
#include <string>

#include "sim/runtime/status.h"
#include "sim/stack/wire/stack_wire_codec.h"

namespace msgsim::stack {

// A message text (no platform allows a tenth of this), and any other string
// field or header: ids, addresses, tokens, type names.
constexpr std::size_t kWireTextBytesMax = 64 * 1024;
constexpr std::size_t kWireIdBytesMax = 512;

// kTooLarge naming both sizes when `body_bytes` > kMaxWebhookBytes.
inline runtime::Status check_webhook_size(std::size_t body_bytes) {
  if (body_bytes <= kMaxWebhookBytes) return runtime::Status::ok();
  return runtime::Status(runtime::StatusCode::kTooLarge, "body of " + std::to_string(body_bytes) +
                                                             " bytes is over the limit of " +
                                                             std::to_string(kMaxWebhookBytes));
}

}  // namespace msgsim::stack
