#include "fakes/wire/graph_api_fake.h"

#include "fakes/wire/webhook_url_target.h"
#include "sim/stack/channels/signatures.h"
#include "sim/stack/wire/ascii_json_writer.h"
#include "sim/stack/wire/form_encoding.h"

namespace msgsim::fakes {

using runtime::Result;
using runtime::Status;
using runtime::StatusCode;

namespace {

bool all_digits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// "v19.0": 'v', digits, '.', digits.
bool is_graph_version(std::string_view text) {
  if (text.size() < 4 || text.front() != 'v') return false;
  const std::size_t dot = text.find('.');
  return dot != std::string_view::npos && all_digits(text.substr(1, dot - 1)) && all_digits(text.substr(dot + 1));
}

// Graph API trace ids look like "AbX3kq9ZpT1": derived from the error so
// the fake stays deterministic.
std::string trace_id(const GraphError& error) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  std::uint64_t bits = (static_cast<std::uint64_t>(error.code) << 32) ^ static_cast<std::uint32_t>(error.subcode);
  std::string id = "A";
  for (int i = 0; i < 10; ++i) {
    bits = bits * 6364136223846793005ull + 1442695040888963407ull;
    id.push_back(kAlphabet[(bits >> 33) % (sizeof kAlphabet - 1)]);
  }
  return id;
}

}  // namespace

stack::HttpRequest signed_meta_webhook(std::string body, const stack::WireCredentials& credentials) {
  stack::HttpRequest request;
  request.method = "POST";
  request.target = target_of_webhook_url(credentials.webhook_url);
  request.headers.add("Content-Type", "application/json");
  request.headers.add("X-Hub-Signature-256", stack::meta_signature_text(credentials.secret, body).view());
  request.body = std::move(body);
  return request;
}

Status check_graph_access_token(const stack::HttpRequest& request, const stack::WireCredentials& credentials) {
  constexpr std::string_view kBearer = "Bearer ";
  const std::string_view authorization = request.header("Authorization");
  std::string_view token;
  std::string query_token;  // the token when it comes in the query
  if (authorization.starts_with(kBearer)) {
    token = authorization.substr(kBearer.size());
  } else {
    Result<stack::FormParams> query = stack::decode_form_body(request.query());
    if (!query.is_ok()) return Status(StatusCode::kUnauthenticated, "access token unreadable: " + query.status().message());
    Result<const std::string*> found = stack::find_form_param(query.value(), "access_token");
    if (!found.is_ok()) return Status(StatusCode::kUnauthenticated, found.status().message());
    if (found.value() == nullptr) {
      return Status(StatusCode::kUnauthenticated, "no access token (Authorization: Bearer or access_token)");
    }
    query_token = *found.value();
    token = query_token;
  }
  if (credentials.secret.empty() || !stack::constant_time_equals(token, credentials.secret)) {
    return Status(StatusCode::kUnauthenticated, "invalid OAuth access token");
  }
  return Status::ok();
}

Result<std::string> graph_messages_node(const stack::HttpRequest& request) {
  if (request.method != "POST") return Status(StatusCode::kInvalidInput, "the messages edge takes POST requests");
  const std::string_view path = request.path();
  constexpr std::string_view kEdge = "/messages";
  const std::size_t version_end = path.find('/', 1);
  const bool shaped = path.size() > 1 && path.front() == '/' && path.ends_with(kEdge) &&
                      version_end != std::string_view::npos && version_end + 1 < path.size() - kEdge.size();
  if (shaped && is_graph_version(path.substr(1, version_end - 1))) {
    const std::string_view node = path.substr(version_end + 1, path.size() - kEdge.size() - version_end - 1);
    if (!node.empty() && node.find('/') == std::string_view::npos) return std::string(node);
  }
  return Status(StatusCode::kInvalidInput,
                "unknown path " + std::string(path.substr(0, 128)) + " (expected /vN.M/{node}/messages)");
}

stack::HttpResponse graph_error_response(const GraphError& error) {
  stack::HttpResponse response;
  response.status = error.http_status;
  response.content_type = "application/json";
  stack::AsciiJsonWriter json(response.body);
  json.begin_object().key("error").begin_object();
  json.member_text("message", "(#" + std::to_string(error.code) + ") " + std::string(error.message));
  json.member_text("type", error.type).member_integer("code", error.code);
  if (error.subcode != 0) json.member_integer("error_subcode", error.subcode);
  json.member_text("fbtrace_id", trace_id(error));
  json.end_object().end_object();
  return response;
}

stack::HttpRequest meta_verification_request(const stack::WireCredentials& credentials, std::string_view challenge) {
  stack::HttpRequest request;
  request.method = "GET";
  std::string query;
  stack::append_form_field(query, "hub.mode", "subscribe");
  stack::append_form_field(query, "hub.verify_token", credentials.verify_token);
  stack::append_form_field(query, "hub.challenge", challenge);
  request.target = target_of_webhook_url(credentials.webhook_url);
  request.target += request.target.find('?') == std::string::npos ? '?' : '&';
  request.target += query;
  return request;
}

}  // namespace msgsim::fakes
