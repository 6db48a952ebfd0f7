#include "sim/stack/wire/refusal_answer.h"

#include <limits>
#include <string>

#include "sim/stack/wire/json_view.h"
#include "sim/stack/wire/json_writing.h"

namespace msgsim::stack {

HttpResponse refusal_response(int code, std::string_view message) {
  HttpResponse response;
  response.status = code >= 400 && code <= 599 ? code : 400;
  response.body = "{";
  append_json_member(response.body, "code", std::int64_t{code});
  response.body += ',';
  append_json_member(response.body, "message", message);
  response.body += '}';
  return response;
}

int refusal_code(const HttpResponse& response) {
  runtime::Result<JsonDocument> body = JsonDocument::parse(response.body);
  if (!body.is_ok()) return response.status;
  const std::optional<std::int64_t> code = body.value().root().member("code").integer();
  if (!code || *code < std::numeric_limits<int>::min() || *code > std::numeric_limits<int>::max()) {
    return response.status;
  }
  return static_cast<int>(*code);
}

}  // namespace msgsim::stack
