// How msgsim's own connectors sign what they post (web and in-app chat
// transports, BYOC partners, in both directions): X-Msgsim-Signature =
// "sha256=" + lowercase hex HMAC-SHA256(shared secret, raw body bytes), the
// scheme Meta uses for X-Hub-Signature-256. Like every raw-body signature it
// must be checked on the bytes received, before parsing. Pure functions.
#pragma once

#include <string>
#include <string_view>

#include "sim/stack/channels/signatures.h"
#include "sim/stack/wire/hmac_sha256.h"

namespace msgsim::stack {

inline constexpr std::string_view kConnectorSignatureHeader = "X-Msgsim-Signature";

// Equal to meta_signature(secret, raw_body), computed faster.
inline std::string connector_signature(std::string_view secret, std::string_view raw_body) {
  return "sha256=" + digest_hex(hmac_sha256(secret, raw_body));
}

inline bool verify_connector_signature(std::string_view secret, std::string_view raw_body,
                                       std::string_view header_value) {
  return constant_time_equals(connector_signature(secret, raw_body), header_value);
}

}  // namespace msgsim::stack
