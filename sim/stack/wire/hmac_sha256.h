// HMAC-SHA256 (RFC 2104) for the signatures every simulated message carries
// on the wire. OpenSSL 3's one-shot HMAC() looks its implementation up on
// every call, which costs more than hashing a webhook; this computes the
// same value from a SHA-256 fetched once, with one digest context per
// thread, about 2.5 times faster. Tests pin it to the providers' published
// signature vectors. Any thread may call it.
#pragma once

#include <array>
#include <string>
#include <string_view>

namespace msgsim::stack {

using Sha256Digest = std::array<unsigned char, 32>;

Sha256Digest hmac_sha256(std::string_view key, std::string_view data);

// Lowercase hex of a digest (64 characters).
std::string digest_hex(const Sha256Digest& digest);

// The digest's bytes as a string (for base64 encoders).
inline std::string_view digest_bytes(const Sha256Digest& digest) {
  return std::string_view(reinterpret_cast<const char*>(digest.data()), digest.size());
}

}  // namespace msgsim::stack
