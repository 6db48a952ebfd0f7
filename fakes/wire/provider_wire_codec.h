// The provider's half of one platform's wire format, for the fakes: encode
// and sign webhooks exactly as the platform does, read the stack's send API
// calls, answer them, and make the platform's identifiers in their real
// formats. Stateless; any thread may use it.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "sim/runtime/status.h"
#include "sim/stack/channels/channel_settings.h"
#include "sim/stack/wire/http_message.h"
#include "sim/stack/wire/wire_events.h"

namespace msgsim::fakes {

class ProviderWireCodec {
 public:
  virtual ~ProviderWireCodec() = default;
  virtual stack::ChannelType type() const = 0;
  // The webhook POST carrying `events` (usually one), signed with the
  // credentials' secret; its target is the path of credentials.webhook_url.
  virtual stack::HttpRequest encode_webhook(const stack::DecodedWebhook& events,
                                            const stack::WireCredentials& credentials) const = 0;
  // Reads a send API call; kInvalidInput (a 400) when malformed,
  // kUnauthenticated when its credentials are wrong.
  virtual runtime::Result<stack::WireSend> decode_send(const stack::HttpRequest& request,
                                                       const stack::WireCredentials& credentials) const = 0;
  // The HTTP answer the platform gives to a send (its error body on refusal).
  virtual stack::HttpResponse encode_send_response(const stack::WireSendAnswer& answer) const = 0;

  // The platform's id of inbound event / business message number `number`,
  // in the real format (SM + 32 hex, wamid.…, m_…, UUID, ULID, ...), and its
  // inverse (nullopt for an id this codec did not make). Distinct numbers
  // give distinct ids.
  virtual std::string message_id(std::uint64_t number) const = 0;
  virtual std::optional<std::uint64_t> message_number(std::string_view id) const = 0;
  // A customer's address on the platform for handle number `number` when the
  // platform uses opaque ids (PSID, Apple opaque id, LINE userId, visitor
  // id), and its inverse. Phone channels (SMS, WhatsApp) use the person's
  // phone instead and return "" / nullopt.
  virtual std::string opaque_address(std::uint64_t number) const = 0;
  virtual std::optional<std::uint64_t> opaque_number(std::string_view address) const = 0;
};

// The codec of `type`; every channel type has one.
std::unique_ptr<ProviderWireCodec> make_provider_wire_codec(stack::ChannelType type);

}  // namespace msgsim::fakes
