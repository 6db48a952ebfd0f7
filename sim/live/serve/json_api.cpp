#include "sim/live/serve/json_api.h"

#include <charconv>

namespace msgsim::live {

using runtime::Status;
using runtime::StatusCode;

runtime::Result<nlohmann::json> json_object_body(const stack::HttpRequest& request) {
  nlohmann::json body = nlohmann::json::parse(request.body, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded()) return Status(StatusCode::kInvalidInput, "the request body is not valid JSON");
  if (!body.is_object()) return Status(StatusCode::kInvalidInput, "the request body must be a JSON object");
  return body;
}

runtime::Result<std::string> string_field(const nlohmann::json& body, std::string_view name, std::size_t bytes_max) {
  const std::string key(name);
  const auto it = body.find(key);
  if (it == body.end()) return Status(StatusCode::kInvalidInput, "field '" + key + "' is missing");
  if (!it->is_string()) return Status(StatusCode::kInvalidInput, "field '" + key + "' must be a string");
  std::string value = it->get<std::string>();
  if (value.empty()) return Status(StatusCode::kInvalidInput, "field '" + key + "' must not be empty");
  if (value.size() > bytes_max) {
    return Status(StatusCode::kInvalidInput,
                  "field '" + key + "' is longer than " + std::to_string(bytes_max) + " bytes");
  }
  return value;
}

runtime::Result<std::uint32_t> parse_path_id(std::string_view text, std::string_view what) {
  std::uint32_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size()) {
    return Status(StatusCode::kInvalidInput,
                  std::string(what) + " id \"" + std::string(text.substr(0, 40)) + "\" is not a number");
  }
  return value;
}

stack::HttpResponse json_answer(int status, const nlohmann::ordered_json& body) {
  // Invalid UTF-8 in a text (a customer's message) is replaced, never thrown.
  return stack::HttpResponse{status, "application/json",
                             body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)};
}

stack::HttpResponse error_answer(const Status& status) {
  int code = 500;
  switch (status.code()) {
    case StatusCode::kInvalidInput: code = 400; break;
    case StatusCode::kNotFound: code = 404; break;
    case StatusCode::kRefused: code = 409; break;
    case StatusCode::kUnavailable: code = 503; break;
    default: break;
  }
  return json_answer(code, {{"error", status.message()}});
}

}  // namespace msgsim::live
