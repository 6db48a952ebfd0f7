#include "sim/stack/wire/identity_token.h"

#include <array>
#include <optional>
#include <utility>

#include "sim/runtime/check.h"
#include "sim/stack/channels/signatures.h"
#include "sim/stack/wire/base64_text.h"
#include "sim/stack/wire/hmac_sha256.h"
#include "sim/stack/wire/json_cursor.h"
#include "sim/stack/wire/json_view.h"
#include "sim/stack/wire/json_writing.h"

namespace msgsim::stack {

using runtime::Result;
using runtime::Status;
using runtime::StatusCode;

namespace {

constexpr std::size_t kIdentitySubjectBytesMax = 512;

// base64url of {"alg":"HS256","typ":"JWT"}: every token msgsim signs starts so.
constexpr std::string_view kHeaderPart = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9";

Status refused(std::string_view why) {
  return Status(StatusCode::kUnauthenticated, "identityToken: " + std::string(why));
}

// The JSON object a token part encodes, parsed into `bytes` (which the
// document borrows).
Result<JsonDocument> decode_part(std::string_view part, std::string_view name, std::string& bytes) {
  std::optional<std::string> decoded = base64_decode(part, Base64Alphabet::kUrlUnpadded);
  if (!decoded) return refused(std::string(name) + " is not base64url");
  bytes = std::move(*decoded);
  Result<JsonDocument> json = JsonDocument::parse(bytes);
  if (!json.is_ok() || json.value().root().kind() != JsonKind::kObject) {
    return refused(std::string(name) + " is not a JSON object");
  }
  return json;
}

Status read_claims(const JsonCursor& payload, IdentityClaims& claims) {
  const JsonCursor subject = payload.member("sub");
  Result<std::string> text = subject.string(kIdentitySubjectBytesMax);
  if (!text.is_ok()) return refused(text.status().message());
  if (text.value().empty()) return refused(subject.error("empty").message());
  claims.subject = text.take();
  const JsonCursor issued = payload.member("iat");
  const JsonCursor expires = payload.member("exp");
  for (const auto& [cursor, out] : {std::pair{&issued, &claims.issued_at_s}, std::pair{&expires, &claims.expires_at_s}}) {
    if (!cursor->present()) continue;
    Result<std::int64_t> seconds = cursor->integer();
    if (!seconds.is_ok()) return refused(seconds.status().message());
    *out = seconds.value();
  }
  return Status::ok();
}

}  // namespace

std::string sign_identity_token(std::string_view secret, const IdentityClaims& claims) {
  std::string payload = "{";
  append_json_member(payload, "sub", claims.subject);
  payload += ',';
  append_json_member(payload, "iat", claims.issued_at_s);
  if (claims.expires_at_s != 0) {
    payload += ',';
    append_json_member(payload, "exp", claims.expires_at_s);
  }
  payload += '}';
  std::string token(kHeaderPart);
  token += '.';
  token += base64_encode(payload, Base64Alphabet::kUrlUnpadded);
  const Sha256Digest signature = hmac_sha256(secret, token);
  token += '.';
  token += base64_encode(digest_bytes(signature), Base64Alphabet::kUrlUnpadded);
  return token;
}

Result<IdentityClaims> verify_identity_token(std::string_view secret, std::string_view token) {
  const std::size_t first_dot = token.find('.');
  const std::size_t last_dot = token.rfind('.');
  if (first_dot == std::string_view::npos || first_dot == last_dot ||
      token.find('.', first_dot + 1) != last_dot) {
    return refused("not a JWT (header.payload.signature)");
  }
  std::string header_bytes;
  Result<JsonDocument> header = decode_part(token.substr(0, first_dot), "header", header_bytes);
  if (!header.is_ok()) return header.status();
  if (!header.value().root().member("alg").text_equals("HS256")) return refused("header.alg is not HS256");
  const std::optional<std::string> signature = base64_decode(token.substr(last_dot + 1), Base64Alphabet::kUrlUnpadded);
  if (!signature || !constant_time_equals(digest_bytes(hmac_sha256(secret, token.substr(0, last_dot))), *signature)) {
    return refused("signature does not verify");
  }
  std::string payload_bytes;
  Result<JsonDocument> payload =
      decode_part(token.substr(first_dot + 1, last_dot - first_dot - 1), "payload", payload_bytes);
  if (!payload.is_ok()) return payload.status();
  IdentityClaims claims;
  Status read = read_claims(JsonCursor(payload.value().root()), claims);
  if (!read.is_ok()) return read;
  return claims;
}

}  // namespace msgsim::stack
