#include "sim/stack/wire/meta_graph_wire.h"

#include <limits>

#include "sim/stack/channels/signatures.h"
#include "sim/stack/wire/form_encoding.h"
#include "sim/stack/wire/json_cursor.h"
#include "sim/stack/wire/webhook_limits.h"

namespace msgsim::stack {

using runtime::Result;
using runtime::Status;
using runtime::StatusCode;

namespace {

constexpr std::string_view kSignatureHeader = "X-Hub-Signature-256";
constexpr std::size_t kChallengeCharactersMax = 128;

Status prefixed(std::string_view what, const Status& status) {
  return Status(status.code(), std::string(what) + ": " + status.message());
}

bool is_challenge(std::string_view text) {
  if (text.empty() || text.size() > kChallengeCharactersMax) return false;
  for (char c : text) {
    const bool plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
                       c == '_' || c == '-';
    if (!plain) return false;
  }
  return true;
}

Result<HttpResponse> verification_answer(const HttpRequest& request, const WireCredentials& credentials) {
  constexpr std::string_view kWhat = "meta verification";
  Result<FormParams> params = decode_form_body(request.query());
  if (!params.is_ok()) return prefixed(kWhat, params.status());
  Result<const std::string*> mode = find_form_param(params.value(), "hub.mode");
  Result<const std::string*> token = find_form_param(params.value(), "hub.verify_token");
  Result<const std::string*> challenge = find_form_param(params.value(), "hub.challenge");
  for (const Result<const std::string*>* found : {&mode, &token, &challenge}) {
    if (!found->is_ok()) return prefixed(kWhat, found->status());
  }
  if (token.value() == nullptr || credentials.verify_token.empty() ||
      !constant_time_equals(*token.value(), credentials.verify_token)) {
    return Status(StatusCode::kUnauthenticated, "meta verification: hub.verify_token does not match");
  }
  if (mode.value() == nullptr || *mode.value() != "subscribe") {
    return Status(StatusCode::kInvalidInput, "meta verification: hub.mode must be \"subscribe\"");
  }
  if (challenge.value() == nullptr || !is_challenge(*challenge.value())) {
    return Status(StatusCode::kInvalidInput,
                  "meta verification: hub.challenge must be 1 to 128 characters of [A-Za-z0-9._-]");
  }
  return HttpResponse{200, "text/plain", *challenge.value()};
}

}  // namespace

Result<JsonDocument> open_meta_webhook(const HttpRequest& request, const WireCredentials& credentials,
                                       std::string_view what) {
  const std::string_view signature = request.header(kSignatureHeader);
  if (signature.empty()) {
    return Status(StatusCode::kUnauthenticated, std::string(what) + ": missing " + std::string(kSignatureHeader) + " header");
  }
  if (!verify_meta_signature(credentials.secret, request.body, signature)) {
    return Status(StatusCode::kUnauthenticated,
                  std::string(what) + ": " + std::string(kSignatureHeader) + " does not match the body");
  }
  Status size = check_webhook_size(request.body.size());
  if (!size.is_ok()) return prefixed(what, size);
  if (request.method != "POST") return Status(StatusCode::kInvalidInput, std::string(what) + ": webhooks are POST requests");
  Result<JsonDocument> document = JsonDocument::parse(request.body);
  if (!document.is_ok()) return prefixed(what, document.status());
  return document;
}

std::optional<Result<HttpResponse>> answer_meta_verification(const HttpRequest& request,
                                                             const WireCredentials& credentials) {
  if (request.method != "GET") return std::nullopt;
  return verification_answer(request, credentials);
}

std::string graph_messages_path(std::string_view node) {
  constexpr std::string_view kEdge = "/messages";
  std::string path;
  path.reserve(2 + kGraphApiVersion.size() + node.size() + kEdge.size());
  path.append("/").append(kGraphApiVersion).append("/").append(node).append(kEdge);
  return path;
}

HttpRequest graph_api_post(std::string target, std::string body, const WireCredentials& credentials) {
  constexpr std::string_view kBearer = "Bearer ";
  HttpRequest request;
  request.method = "POST";
  request.target = std::move(target);
  char* authorization = request.headers.add_uninitialized("Authorization", kBearer.size() + credentials.secret.size());
  std::copy(kBearer.begin(), kBearer.end(), authorization);
  std::copy(credentials.secret.begin(), credentials.secret.end(), authorization + kBearer.size());
  request.headers.add("Content-Type", "application/json");
  request.body = std::move(body);
  return request;
}

Result<WireSendAnswer> graph_error_answer(const HttpResponse& response, std::string_view what) {
  const std::string status = "HTTP " + std::to_string(response.status);
  const StatusCode without_error = response.status >= 500 ? StatusCode::kUnavailable : StatusCode::kInvalidInput;
  Result<JsonDocument> document = JsonDocument::parse(response.body);
  if (!document.is_ok()) {
    return Status(without_error, std::string(what) + ": " + status + " without a Graph API error body (" +
                                     document.status().message() + ")");
  }
  const JsonCursor root(document.value().root());
  const JsonCursor error = root.member("error");
  const JsonCursor code = error.member("code");
  Result<std::int64_t> value = code.integer();
  if (!value.is_ok()) return Status(without_error, std::string(what) + ": " + status + ": " + value.status().message());
  if (value.value() <= 0 || value.value() > std::numeric_limits<int>::max()) {
    return prefixed(what, code.error("expected a positive error code"));
  }
  WireSendAnswer answer;
  answer.outcome.accepted = false;
  answer.outcome.error_code = static_cast<int>(value.value());
  // The subcode is optional and only refines the code: one that is not a
  // positive int is left out rather than refusing the whole answer.
  Result<std::int64_t> subcode = error.member("error_subcode").integer();
  if (subcode.is_ok() && subcode.value() > 0 && subcode.value() <= std::numeric_limits<int>::max()) {
    answer.outcome.error_subcode = static_cast<int>(subcode.value());
  }
  return answer;
}

}  // namespace msgsim::stack
