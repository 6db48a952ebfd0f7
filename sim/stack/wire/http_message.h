// An HTTP request or response as bytes: what crosses a provider boundary in
// wire mode, in process (scenario key "wire": "json") or on loopback (live
// mode). Codecs read and write these; transports carry them. Value types.
#pragma once

#include <string>
#include <string_view>

#include "sim/runtime/status.h"
#include "sim/stack/wire/http_headers.h"

namespace msgsim::stack {

struct HttpRequest {
  std::string method = "POST";
  // Path and query as sent on the request line ("/webhooks/sms-us?x=1").
  std::string target;
  HttpHeaders headers;
  std::string body;

  // The first header called `name` (ASCII case-insensitive), or "" if absent.
  std::string_view header(std::string_view name) const { return headers.find(name); }
  // Replaces every header called `name` by one with `value`.
  void set_header(std::string_view name, std::string_view value) { headers.set(name, value); }
  // The path without the query.
  std::string_view path() const;
  // The query after '?', or "".
  std::string_view query() const;
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
};

// The HTTP status a webhook receiver answers for a Status: 200 ok, 400
// invalid input, 401 unauthenticated, 413 too large, 409 refused (a
// duplicate or a rule), 503 unavailable, 500 otherwise.
int http_status_for(const runtime::Status& status);

// True iff `a` and `b` are equal ignoring ASCII case.
bool equals_ignoring_case(std::string_view a, std::string_view b);

}  // namespace msgsim::stack
