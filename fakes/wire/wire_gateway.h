// A fake provider's wire face, one per wire-mode channel: its webhooks leave
// as the platform's signed HTTP requests, and its send API takes the
// platform's HTTP calls. The fake behind it keeps working on typed values,
// so its rules and faults are the same in both modes; only the encoding, the
// signature check and the identifiers' formats are added.
//   - Webhooks (WebhookTarget): the typed event is given the platform's ids,
//     encoded and signed by the platform codec and exchanged with the stack's
//     endpoint. With the `bad_signature` fault a share of deliveries first go
//     out with a corrupted signature; the stack must refuse them (401) and
//     the provider delivers again, correctly signed, as a provider retries
//     a refused webhook.
//   - Send API (WireTransport): decode the call, find the customer, hand the
//     typed request to the fake and encode its answer with a message id in
//     the platform's format; statuses later name the message by that id.
// Single-threaded.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "fakes/providers/provider_fake.h"
#include "fakes/providers/webhook_target.h"
#include "fakes/wire/provider_wire_codec.h"
#include "fakes/wire/wire_directory.h"
#include "sim/runtime/random.h"
#include "sim/stack/wire/wire_transport.h"

namespace msgsim::fakes {

struct WireGatewayCounts {
  std::uint64_t webhooks = 0;           // requests sent to the stack, forged ones included
  std::uint64_t forged = 0;             // sent with a corrupted signature
  std::uint64_t forged_accepted = 0;    // forged ones the stack took: must stay 0
  std::uint64_t refused_webhooks = 0;   // correctly signed ones the stack refused
  std::uint64_t send_calls = 0;
  std::uint64_t malformed_send_calls = 0;  // answered 400/401 without reaching the fake
};

class WireGateway final : public WebhookTarget, public stack::WireTransport {
 public:
  WireGateway(stack::ChannelId channel, const ProviderWireCodec& codec, stack::WireCredentials credentials,
              WireDirectory& directory, ProviderFake& fake, stack::WireTransport& stack_webhooks,
              double bad_signature, runtime::RandomStream stream);

  runtime::Status deliver(const stack::InboundWebhook& webhook) override;
  void deliver_receipt(const stack::DeliveryReceipt& receipt) override;
  // The provider's send API.
  stack::HttpResponse exchange(const stack::HttpRequest& request) override;

  const WireGatewayCounts& counts() const { return counts_; }
  // The platform's id of the business message this gateway numbered
  // `number` (what its send call answered and its statuses name).
  std::string outbound_message_id(std::uint64_t number) const;
  const stack::WireCredentials& credentials() const { return credentials_; }

 private:
  stack::HttpRequest encode(const stack::WireInbound& event) const;
  runtime::Status post(stack::HttpRequest request);
  std::uint32_t outbound_number(const std::string& retry_key);

  stack::ChannelId channel_;
  const ProviderWireCodec& codec_;
  stack::WireCredentials credentials_;
  WireDirectory& directory_;
  ProviderFake& fake_;
  stack::WireTransport& stack_webhooks_;
  double bad_signature_;
  runtime::RandomStream stream_;
  std::vector<std::uint64_t> recipients_;  // handle by outbound number
  std::unordered_map<std::string, std::uint32_t> retry_keys_;  // LINE X-Line-Retry-Key -> outbound number
  // LINE: who each reply token was issued to (a reply names no recipient).
  std::unordered_map<std::uint64_t, std::uint64_t> reply_token_holders_;  // event -> handle
  WireGatewayCounts counts_;
  // While post() posts: where an answer that comes at once goes.
  std::optional<runtime::Status>* answered_at_once_ = nullptr;
};

// Business-message ids live above inbound ones in each platform's id space.
constexpr std::uint64_t kOutboundIdBase = std::uint64_t{1} << 62;

// A LINE-style reply token (32 lowercase hex) for inbound event `event`, and
// its inverse (nullopt for a token this scheme did not make).
std::string reply_token_for(stack::ProviderMessageId event);
std::optional<stack::ProviderMessageId> event_of_reply_token(std::string_view token);

// The Status a provider reads from its webhook's HTTP answer.
runtime::Status status_of_answer(const stack::HttpResponse& response);

}  // namespace msgsim::fakes
