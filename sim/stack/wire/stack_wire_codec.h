// The stack's half of one channel type's wire format: verify and decode the
// provider's webhooks, encode calls to the provider's send API and read its
// answers. One codec per channel type, stateless (credentials come with each
// call), so any thread may use it. Decoders treat every byte as hostile: a
// request that does not verify or does not parse is refused with a reason
// (kUnauthenticated, kInvalidInput, kTooLarge) and yields nothing, never a
// partly decoded event.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>

#include "sim/runtime/status.h"
#include "sim/stack/channels/channel_settings.h"
#include "sim/stack/wire/http_message.h"
#include "sim/stack/wire/wire_events.h"

namespace msgsim::stack {

// Bodies above this are refused with kTooLarge before any parsing.
constexpr std::size_t kMaxWebhookBytes = 256 * 1024;

class StackWireCodec {
 public:
  virtual ~StackWireCodec() = default;
  virtual ChannelType type() const = 0;
  // Checks the signature over the raw bytes first, then decodes.
  virtual runtime::Result<DecodedWebhook> decode_webhook(const HttpRequest& request,
                                                         const WireCredentials& credentials) const = 0;
  // The platform's verification handshake (Meta: GET with hub.mode,
  // hub.verify_token, hub.challenge: echo the challenge), or nullopt when the
  // platform has none. kUnauthenticated for a wrong token.
  virtual std::optional<runtime::Result<HttpResponse>> answer_verification(
      const HttpRequest& /*request*/, const WireCredentials& /*credentials*/) const {
    return std::nullopt;
  }
  // The provider API request that submits `send`.
  virtual HttpRequest encode_send(const WireSend& send, const WireCredentials& credentials) const = 0;
  // The provider's answer to encode_send's request.
  virtual runtime::Result<WireSendAnswer> decode_send_response(const HttpResponse& response) const = 0;
};

// The codec of `type`; every channel type has one.
std::unique_ptr<StackWireCodec> make_stack_wire_codec(ChannelType type);

}  // namespace msgsim::stack
