// HMAC-SHA256 as a fixed-size digest, for the wire codecs that sign with it
// (connector signatures, Apple bearers, identity tokens, LINE): a view of
// the keyed HMAC of sim/stack/channels/keyed_hmac.h without the string
// encodings. Tests pin it to the providers' published signature vectors.
// Any thread may call it.
#pragma once

#include <array>
#include <string>
#include <string_view>

#include "sim/stack/channels/signatures.h"

namespace msgsim::stack {

using Sha256Digest = std::array<unsigned char, 32>;

Sha256Digest hmac_sha256(std::string_view key, std::string_view data);

// Lowercase hex of a digest (64 characters).
std::string digest_hex(const Sha256Digest& digest);

// `prefix` then the lowercase hex of HMAC-SHA256(key, data), the form of
// the connector signatures ("sha256=...") and of Apple's bearer tokens
// ("Bearer ..."), built in one string.
std::string prefixed_hmac_sha256_hex(std::string_view prefix, std::string_view key, std::string_view data);
// The same without an allocation (REQUIRES: a prefix of 16 bytes at most).
SignatureText prefixed_hmac_sha256_hex_text(std::string_view prefix, std::string_view key, std::string_view data);

// True iff `text` equals prefixed_hmac_sha256_hex(prefix, key, data). The
// hex digits are compared in constant time; nothing is allocated.
bool prefixed_hmac_sha256_hex_matches(std::string_view prefix, std::string_view key, std::string_view data,
                                      std::string_view text);

// The digest's bytes as a string (for base64 encoders).
inline std::string_view digest_bytes(const Sha256Digest& digest) {
  return std::string_view(reinterpret_cast<const char*>(digest.data()), digest.size());
}

}  // namespace msgsim::stack
