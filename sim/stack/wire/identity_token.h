// The identity token of a verified web / in-app user: a JWT whose `sub`
// names the user. Real deployments sign it RS256/RS512 with the customer's
// key pair; msgsim signs it HS256 (HMAC-SHA256) with the channel's shared
// secret (WireCredentials.secret) instead, which keeps the real token shape
// (base64url header.payload.signature, JSON header and claims) and the real
// check (a token whose signature does not verify is refused) without key
// management. Header {"alg":"HS256","typ":"JWT"}; claims sub, iat, exp
// (seconds since the Unix epoch). Pure functions; any thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "sim/runtime/status.h"

namespace msgsim::stack {

struct IdentityClaims {
  std::string subject;               // `sub`; never empty in a valid token
  std::int64_t issued_at_s = 0;      // `iat`
  std::int64_t expires_at_s = 0;     // `exp`; 0 = the token does not expire
};

std::string sign_identity_token(std::string_view secret, const IdentityClaims& claims);

// The claims of `token` if it is an HS256 JWT signed with `secret`;
// otherwise kUnauthenticated saying why (not a JWT, another algorithm, a
// signature that does not verify, no subject). Expiry is the caller's
// check: it knows the time.
runtime::Result<IdentityClaims> verify_identity_token(std::string_view secret, std::string_view token);

}  // namespace msgsim::stack
