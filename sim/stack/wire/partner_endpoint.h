// The platform's Interaction Service API for one byoc_ccaas channel whose
// partner owns routing or consent, in wire mode: the bytes of a partner's
// call in (route, agentWork, messagingSession, PATCH consent; format in
// partner_wire_codec.h), an HTTP answer out. It checks the size, lets the
// codec verify the signature and decode, turns the end user's client id into
// the channel's customer handle (the numbering the channel's webhooks use),
// calls the PartnerApi and encodes its answer: the routing request's id, or
// the platform's refusal with its reason. A request refused before the
// PartnerApi (401, 400, 413) changes nothing. Single-threaded (the
// runtime's thread).
#pragma once

#include <cstdint>

#include "sim/stack/stack.h"
#include "sim/stack/wire/http_message.h"
#include "sim/stack/wire/partner_wire_events.h"
#include "sim/stack/wire/wire_numbering.h"

namespace msgsim::stack {

struct PartnerEndpointCounts {
  std::uint64_t calls = 0;            // requests received, refused ones included
  std::uint64_t accepted = 0;         // answered 2xx
  std::uint64_t declined = 0;         // decoded, then refused by the platform (404, 409)
  std::uint64_t unauthenticated = 0;  // 401: the signature did not verify
  std::uint64_t malformed = 0;        // 400: did not parse or was not a call of this channel
  std::uint64_t too_large = 0;        // 413
};

class PartnerEndpoint {
 public:
  PartnerEndpoint(Stack& stack, ChannelId channel, WireCredentials credentials, WireNumbering& numbering);

  HttpResponse handle(const HttpRequest& request);

  const WireCredentials& credentials() const { return credentials_; }
  const PartnerEndpointCounts& counts() const { return counts_; }

 private:
  // The PartnerApi's answer to a decoded call.
  HttpResponse apply(const PartnerCall& call);
  HttpResponse refuse(const runtime::Status& status);

  Stack& stack_;
  ChannelId channel_;
  WireCredentials credentials_;
  WireNumbering& numbering_;
  PartnerEndpointCounts counts_;
};

}  // namespace msgsim::stack
