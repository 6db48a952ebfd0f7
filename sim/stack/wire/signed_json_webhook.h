// The first steps every JSON webhook decoder of a non-Meta platform takes
// (Apple's MSP, LINE, web and in-app, BYOC): refuse a body whose signature
// does not verify, then one over the size limit, then parse it. The caller
// checks the signature with its platform's scheme, since each names its own
// header and algorithm; the order (signature first) is the one every
// platform's refusal follows. Pure function.
#pragma once

#include <string_view>

#include "sim/runtime/status.h"
#include "sim/stack/wire/http_message.h"
#include "sim/stack/wire/json_view.h"

namespace msgsim::stack {

// kUnauthenticated with `forged` (the header and what failed) unless
// `signature_verifies`; kTooLarge past kMaxWebhookBytes; the parse error of
// a body that is not JSON; else the parsed body.
runtime::Result<JsonDocument> open_signed_json_webhook(const HttpRequest& request, bool signature_verifies,
                                                       std::string_view forged);

}  // namespace msgsim::stack
