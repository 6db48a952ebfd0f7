#include "sim/stack/wire/partner_wire_events.h"

#include <cstdio>

#include "sim/stack/wire/json_writing.h"
#include "sim/stack/wire/webhook_limits.h"

namespace msgsim::stack {

using runtime::Result;
using runtime::Status;
using runtime::StatusCode;

namespace {

constexpr std::string_view kWorkPrefix = "0JR";
constexpr std::string_view kRepPrefix = "005";
constexpr std::size_t kRecordDigits = 12;

struct AnswerCode {
  StatusCode code;
  int http_status;
  std::string_view name;
};

constexpr AnswerCode kAnswerCodes[] = {
    {StatusCode::kInvalidInput, 400, "INVALID_REQUEST"}, {StatusCode::kUnauthenticated, 401, "UNAUTHENTICATED"},
    {StatusCode::kNotFound, 404, "NOT_FOUND"},           {StatusCode::kRefused, 409, "REFUSED"},
    {StatusCode::kTooLarge, 413, "TOO_LARGE"},           {StatusCode::kUnsupported, 501, "NOT_SUPPORTED"},
    {StatusCode::kUnavailable, 503, "UNAVAILABLE"},
};
constexpr AnswerCode kInternalAnswer{StatusCode::kInternal, 500, "INTERNAL"};

// The path of a URL without its query or a trailing slash
// ("https://h:1/hooks/x/?q" -> "/hooks/x"); a URL without "://" is a path.
std::string_view url_path(std::string_view url) {
  const std::size_t scheme = url.find("://");
  if (scheme != std::string_view::npos) {
    const std::size_t path = url.find('/', scheme + 3);
    url = path == std::string_view::npos ? std::string_view() : url.substr(path);
  }
  const std::size_t query = url.find('?');
  if (query != std::string_view::npos) url = url.substr(0, query);
  while (!url.empty() && url.back() == '/') url.remove_suffix(1);
  return url;
}

std::string record_id(std::string_view prefix, std::uint32_t number) {
  char digits[kRecordDigits + 1];
  std::snprintf(digits, sizeof digits, "%012u", number);
  return std::string(prefix) + digits;
}

std::optional<std::uint32_t> parse_record_id(std::string_view prefix, std::string_view id) {
  if (id.size() != prefix.size() + kRecordDigits || !id.starts_with(prefix)) return std::nullopt;
  std::uint64_t number = 0;
  for (const char c : id.substr(prefix.size())) {
    if (c < '0' || c > '9') return std::nullopt;
    number = number * 10 + static_cast<std::uint64_t>(c - '0');
  }
  if (number >= WorkId::kNone) return std::nullopt;
  return static_cast<std::uint32_t>(number);
}

const AnswerCode& answer_code_of(StatusCode code) {
  for (const AnswerCode& answer : kAnswerCodes) {
    if (answer.code == code) return answer;
  }
  return kInternalAnswer;
}

StatusCode code_of_http_status(int http_status) {
  if (http_status == 403) return StatusCode::kUnauthenticated;
  for (const AnswerCode& answer : kAnswerCodes) {
    if (answer.http_status == http_status) return answer.code;
  }
  return http_status >= 400 && http_status < 500 ? StatusCode::kInvalidInput : StatusCode::kInternal;
}

// The refusal's reason: the body's "message", else the start of the body.
std::string reason_of(const HttpResponse& response) {
  Result<JsonDocument> document = JsonDocument::parse(response.body);
  if (document.is_ok()) {
    const JsonValue message = document.value().root().member("message");
    if (message.kind() == JsonKind::kString && message.text_bytes() <= kWireTextBytesMax) return message.text();
  }
  return "HTTP " + std::to_string(response.status) + ": " + text_excerpt(response.body);
}

}  // namespace

std::string_view partner_call_name(PartnerCallKind kind) {
  switch (kind) {
    case PartnerCallKind::kRoute: return "route";
    case PartnerCallKind::kAgentWork: return "agentWork";
    case PartnerCallKind::kEndSession:
    case PartnerCallKind::kInactivateSession: return "messagingSession";
    case PartnerCallKind::kConsent: return "consent";
  }
  return "route";
}

std::string_view partner_call_method(PartnerCallKind kind) {
  return kind == PartnerCallKind::kConsent ? "PATCH" : "POST";
}

std::string partner_call_target(const WireCredentials& credentials, PartnerCallKind kind) {
  std::string target(url_path(credentials.webhook_url));
  target += '/';
  target += partner_call_name(kind);
  return target;
}

std::string work_item_id(WorkId work) { return record_id(kWorkPrefix, work.value); }

std::optional<WorkId> parse_work_item_id(std::string_view id) {
  const std::optional<std::uint32_t> number = parse_record_id(kWorkPrefix, id);
  if (!number) return std::nullopt;
  return WorkId(*number);
}

runtime::Result<WorkId> read_work_item_id(const JsonCursor& field) {
  Result<std::string> id = field.string(kWireIdBytesMax);
  if (!id.is_ok()) return id.status();
  const std::optional<WorkId> work = parse_work_item_id(id.value());
  if (!work) return field.error("\"" + text_excerpt(id.value()) + "\" is not a routing request id (0JR + 12 digits)");
  return *work;
}

std::string rep_user_id(AgentId agent) { return record_id(kRepPrefix, agent.value); }

std::optional<AgentId> parse_rep_user_id(std::string_view id) {
  const std::optional<std::uint32_t> number = parse_record_id(kRepPrefix, id);
  if (!number) return std::nullopt;
  return AgentId(*number);
}

std::string_view consent_status_name(ConsentLevel level) {
  switch (level) {
    case ConsentLevel::kOptedOut: return "OptedOut";
    case ConsentLevel::kNone: return "None";
    case ConsentLevel::kImplicit: return "ImplicitlyOptedIn";
    case ConsentLevel::kExplicit: return "ExplicitlyOptedIn";
    case ConsentLevel::kDouble: return "DoubleOptedIn";
  }
  return "None";
}

std::optional<ConsentLevel> parse_consent_status(std::string_view name) {
  for (const ConsentLevel level :
       {ConsentLevel::kOptedOut, ConsentLevel::kImplicit, ConsentLevel::kExplicit, ConsentLevel::kDouble}) {
    if (name == consent_status_name(level)) return level;
  }
  return std::nullopt;
}

HttpResponse partner_answer(const Status& status) {
  HttpResponse response;
  if (status.is_ok()) {
    response.body = "{\"success\":true}";
    return response;
  }
  const AnswerCode& answer = answer_code_of(status.code());
  response.status = answer.http_status;
  response.body = "{\"success\":false,";
  append_json_member(response.body, "errorCode", answer.name);
  response.body += ',';
  append_json_member(response.body, "message", status.message());
  response.body += '}';
  return response;
}

HttpResponse route_answer(WorkId work) {
  HttpResponse response;
  response.body = "{\"success\":true,";
  append_json_member(response.body, "workItemId", work_item_id(work));
  response.body += '}';
  return response;
}

Status status_of_partner_answer(const HttpResponse& response) {
  if (response.status >= 200 && response.status <= 299) return Status::ok();
  return Status(code_of_http_status(response.status), reason_of(response));
}

Result<WorkId> work_of_route_answer(const HttpResponse& response) {
  Status answered = status_of_partner_answer(response);
  if (!answered.is_ok()) return answered;
  Result<JsonDocument> document = JsonDocument::parse(response.body);
  if (!document.is_ok()) return document.status();
  const JsonCursor root(document.value().root());
  const JsonCursor work_item = root.member("workItemId");
  return read_work_item_id(work_item);
}

}  // namespace msgsim::stack
