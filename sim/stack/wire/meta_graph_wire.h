// What the WhatsApp Cloud API and Messenger share on the stack's side, both
// being Meta Graph API products: webhooks signed with X-Hub-Signature-256
// over the raw body, the GET verification handshake, send calls authorised
// by a bearer token, and refusals answered as {"error": {"message", "type",
// "code", "error_subcode", "fbtrace_id"}}. Pure functions; any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "sim/runtime/status.h"
#include "sim/stack/wire/http_message.h"
#include "sim/stack/wire/json_view.h"
#include "sim/stack/wire/wire_events.h"

namespace msgsim::stack {

// The Graph API version the stack calls ("/v19.0/...").
constexpr std::string_view kGraphApiVersion = "v19.0";

// A webhook's body as JSON, checked in the order every decoder follows: the
// X-Hub-Signature-256 over the raw bytes (kUnauthenticated naming the
// header), then the size (kTooLarge), the method, and the JSON syntax
// (kInvalidInput). `what` opens every message ("whatsapp webhook").
// The document borrows request.body.
runtime::Result<JsonDocument> open_meta_webhook(const HttpRequest& request, const WireCredentials& credentials,
                                                std::string_view what);

// Meta's verification handshake: a GET with hub.mode=subscribe,
// hub.verify_token and hub.challenge is answered 200 with the challenge as
// text/plain. kUnauthenticated when the token is not credentials.verify_token
// (or none is configured), kInvalidInput for a missing or repeated
// parameter, another mode, or a challenge that is not 1 to 128 characters
// of [A-Za-z0-9._-] (Meta sends digits; anything else is not echoed back).
// nullopt for a request that is not a GET.
std::optional<runtime::Result<HttpResponse>> answer_meta_verification(const HttpRequest& request,
                                                                      const WireCredentials& credentials);

// "/v19.0/{node}/messages": the edge both products send messages through.
std::string graph_messages_path(std::string_view node);

// A Graph API POST to `target` with a JSON body and the bearer token
// (credentials.secret).
HttpRequest graph_api_post(std::string target, std::string body, const WireCredentials& credentials);

// The answer to a call the Graph API refused (status not 2xx): refused with
// the error's code. A body without a Graph error is kUnavailable for a 5xx
// status and kInvalidInput otherwise, naming the status.
runtime::Result<WireSendAnswer> graph_error_answer(const HttpResponse& response, std::string_view what);

}  // namespace msgsim::stack
