// What the fake WhatsApp Cloud API and the fake Messenger Platform share,
// both being Meta Graph API products: webhooks signed with
// X-Hub-Signature-256 over the exact (ASCII-escaped) body, the bearer
// token on send calls, their "/vN.M/{node}/messages" paths, refusals as
// Graph API errors, and the GET that starts Meta's verification handshake.
// Pure functions; any thread may call them.
#pragma once

#include <string>
#include <string_view>

#include "sim/runtime/status.h"
#include "sim/stack/wire/http_message.h"
#include "sim/stack/wire/wire_events.h"

namespace msgsim::fakes {

// A webhook POST of `body` to credentials.webhook_url, signed as Meta signs.
stack::HttpRequest signed_meta_webhook(std::string body, const stack::WireCredentials& credentials);

// Ok iff the call carries credentials.secret as its access token, either
// "Authorization: Bearer <token>" or the access_token query parameter (the
// Graph API takes both); kUnauthenticated otherwise.
runtime::Status check_graph_access_token(const stack::HttpRequest& request,
                                         const stack::WireCredentials& credentials);

// The {node} of a POST to "/v<major>.<minor>/{node}/messages"; kInvalidInput
// naming the method or path otherwise.
runtime::Result<std::string> graph_messages_node(const stack::HttpRequest& request);

// A Graph API refusal: {"error":{"message","type","code","error_subcode"
// (when not 0),"fbtrace_id"}} with `http_status`.
struct GraphError {
  int http_status = 400;
  int code = 0;
  int subcode = 0;
  std::string_view type = "OAuthException";
  std::string_view message;
};
stack::HttpResponse graph_error_response(const GraphError& error);

// The GET Meta sends to verify a webhook URL.
stack::HttpRequest meta_verification_request(const stack::WireCredentials& credentials, std::string_view challenge);

}  // namespace msgsim::fakes
