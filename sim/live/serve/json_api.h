// The small vocabulary of the console's JSON API: reading a request's JSON
// body and its fields, path ids, and answering with JSON. Bad input gets 400
// and a message naming the field; refusals 409; unknown ids 404.
// Pure functions; any thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "sim/runtime/status.h"
#include "sim/stack/wire/http_message.h"

namespace msgsim::live {

// The request's body as a JSON object. kInvalidInput when it is not one.
runtime::Result<nlohmann::json> json_object_body(const stack::HttpRequest& request);
// The string field `name` of `body`: kInvalidInput naming the field when it
// is missing, not a string, empty, or longer than `bytes_max`.
runtime::Result<std::string> string_field(const nlohmann::json& body, std::string_view name, std::size_t bytes_max);
// A decimal id from a path segment (`what` names it in the message).
runtime::Result<std::uint32_t> parse_path_id(std::string_view text, std::string_view what);

stack::HttpResponse json_answer(int status, const nlohmann::ordered_json& body);
// {"error": message}, with the status for the code: 400 invalid input, 404
// not found, 409 refused, 503 unavailable, 500 otherwise.
stack::HttpResponse error_answer(const runtime::Status& status);

}  // namespace msgsim::live
