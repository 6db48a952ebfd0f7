// The stack's webhook receiver for one channel in wire mode: the bytes of a
// provider's webhook in, an HTTP answer out. It checks the size, lets the
// channel's codec verify the signature and decode, interns the provider's
// strings, and hands each event to the stack (Stack::receive_webhook and
// receive_receipt, the same boundary typed mode uses). A refused request
// changes nothing. It also remembers what the send side needs to speak the
// provider's language back: the newest LINE reply token of each customer,
// and which provider message id belongs to which outbound message.
// Single-threaded (the runtime's thread).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "sim/stack/stack.h"
#include "sim/stack/wire/http_message.h"
#include "sim/stack/wire/stack_wire_codec.h"
#include "sim/stack/wire/wire_numbering.h"

namespace msgsim::stack {

struct WireEndpointCounts {
  std::uint64_t accepted = 0;         // requests answered 2xx
  std::uint64_t unauthenticated = 0;  // 401: the signature did not verify
  std::uint64_t malformed = 0;        // 400: did not parse or broke a channel rule
  std::uint64_t too_large = 0;        // 413
  std::uint64_t unknown_receipts = 0; // statuses about no message we sent
};

// Sees each customer event of a request that verified and decoded, just
// before the endpoint hands it to the stack (live mode admits testers' own
// messages into the ground truth there). Single-threaded, like the endpoint.
class WireInboundObserver {
 public:
  virtual ~WireInboundObserver() = default;
  virtual void before_apply(ChannelId channel, const WireInbound& event) = 0;
};

class WireEndpoint {
 public:
  WireEndpoint(Stack& stack, ChannelId channel, const StackWireCodec& codec, WireCredentials credentials,
               WireNumbering& numbering);

  // A request to this channel's webhook URL: a POST delivery, or the
  // platform's verification GET.
  HttpResponse handle(const HttpRequest& request);

  // The customer's address on the provider ("" if unknown).
  std::string address_of(CustomerHandle handle) const { return numbering_.address_of(channel_, handle); }
  // The reply token string of LINE event `event` from `handle`, when it is
  // the newest one seen ("" otherwise: the token was never seen or replaced).
  std::string_view reply_token_of(CustomerHandle handle, ProviderMessageId event) const;
  // The provider accepted outbound message `id` under `provider_id`: its
  // later statuses name it so.
  void record_sent(std::string_view provider_id, OutboundId id);
  // The outbound message recorded as sent under `provider_id`, if any.
  std::optional<OutboundId> sent_as(std::string_view provider_id) const;

  // `observer` (null = none) must outlive its use.
  void set_inbound_observer(WireInboundObserver* observer) { observer_ = observer; }

  const WireCredentials& credentials() const { return credentials_; }
  const StackWireCodec& codec() const { return codec_; }
  const WireEndpointCounts& counts() const { return counts_; }

 private:
  struct ReplyToken {
    ProviderMessageId event;
    std::string token;
  };
  HttpResponse refuse(const runtime::Status& status);
  runtime::Status apply(const WireInbound& event);
  void apply(const WireReceipt& receipt);

  Stack& stack_;
  ChannelId channel_;
  const StackWireCodec& codec_;
  WireCredentials credentials_;
  WireNumbering& numbering_;
  std::unordered_map<std::uint64_t, ReplyToken> reply_tokens_;  // by handle: the newest
  // Outbound messages by hash_provider_id of the provider's id.
  std::unordered_map<std::uint64_t, OutboundId> sent_;
  WireEndpointCounts counts_;
  WireInboundObserver* observer_ = nullptr;
};

}  // namespace msgsim::stack
