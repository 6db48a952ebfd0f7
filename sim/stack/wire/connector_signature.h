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

inline constexpr std::string_view kConnectorSignaturePrefix = "sha256=";

// Equal to meta_signature(secret, raw_body), built in one string.
inline std::string connector_signature(std::string_view secret, std::string_view raw_body) {
  return prefixed_hmac_sha256_hex(kConnectorSignaturePrefix, secret, raw_body);
}

// The same without an allocation.
inline SignatureText connector_signature_text(std::string_view secret, std::string_view raw_body) {
  return prefixed_hmac_sha256_hex_text(kConnectorSignaturePrefix, secret, raw_body);
}

// True iff `header_value` is connector_signature(secret, raw_body); the
// digits are compared in constant time and nothing is allocated.
inline bool verify_connector_signature(std::string_view secret, std::string_view raw_body,
                                       std::string_view header_value) {
  return prefixed_hmac_sha256_hex_matches(kConnectorSignaturePrefix, secret, raw_body, header_value);
}

}  // namespace msgsim::stack
