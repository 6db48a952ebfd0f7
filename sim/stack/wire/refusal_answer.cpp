#include "sim/stack/wire/refusal_answer.h"

#include <limits>
#include <string>

#include "sim/stack/wire/json_cursor.h"
#include "sim/stack/wire/json_view.h"
#include "sim/stack/wire/json_writing.h"
#include "sim/stack/wire/webhook_limits.h"

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

runtime::Result<WireSendAnswer> read_send_answer(const HttpResponse& response, std::string_view id_member) {
  WireSendAnswer answer;
  if (response.status < 200 || response.status > 299) {
    answer.outcome = SendOutcome{false, refusal_code(response)};
    return answer;
  }
  runtime::Result<JsonDocument> document = JsonDocument::parse(response.body);
  if (!document.is_ok()) return document.status();
  const JsonCursor root(document.value().root());
  const JsonCursor id = root.member(id_member);
  runtime::Result<std::string> text = id.string(kWireIdBytesMax);
  if (!text.is_ok()) return text.status();
  if (text.value().empty()) return id.error("expected a non-empty message id");
  answer.outcome = SendOutcome{true, 0};
  answer.message_id = text.take();
  return answer;
}

}  // namespace msgsim::stack
