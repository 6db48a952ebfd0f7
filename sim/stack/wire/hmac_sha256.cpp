#include "sim/stack/wire/hmac_sha256.h"

#include <algorithm>
#include <cstring>

#include "sim/runtime/check.h"
#include "sim/stack/channels/keyed_hmac.h"
#include "sim/stack/channels/signatures.h"

namespace msgsim::stack {

Sha256Digest hmac_sha256(std::string_view key, std::string_view data) {
  HmacStream stream(cached_hmac_key(HashAlgorithm::kSha256, key));
  stream.update(data);
  Sha256Digest digest{};
  const std::size_t length = stream.finish(digest.data());
  MSGSIM_CHECK(length == digest.size());
  return digest;
}

namespace {

constexpr std::size_t kHexDigits = 2 * Sha256Digest{}.size();

// Both hex digits of each byte value, in one table read.
constexpr std::array<std::array<char, 2>, 256> kHexPairs = [] {
  constexpr char kHex[] = "0123456789abcdef";
  std::array<std::array<char, 2>, 256> pairs{};
  for (std::size_t byte = 0; byte < pairs.size(); ++byte) pairs[byte] = {kHex[byte >> 4], kHex[byte & 0x0F]};
  return pairs;
}();

void write_hex(const Sha256Digest& digest, char* out) {
  for (std::size_t i = 0; i < digest.size(); ++i) std::memcpy(out + 2 * i, kHexPairs[digest[i]].data(), 2);
}

}  // namespace

std::string digest_hex(const Sha256Digest& digest) {
  std::string out(kHexDigits, '0');
  write_hex(digest, out.data());
  return out;
}

std::string prefixed_hmac_sha256_hex(std::string_view prefix, std::string_view key, std::string_view data) {
  std::string out(prefix.size() + kHexDigits, '0');
  std::copy(prefix.begin(), prefix.end(), out.begin());
  write_hex(hmac_sha256(key, data), out.data() + prefix.size());
  return out;
}

SignatureText prefixed_hmac_sha256_hex_text(std::string_view prefix, std::string_view key, std::string_view data) {
  SignatureText text;
  text.append(prefix);
  MSGSIM_CHECK(text.size + kHexDigits <= text.chars.size());
  write_hex(hmac_sha256(key, data), text.chars.data() + text.size);
  text.size += kHexDigits;
  return text;
}

bool prefixed_hmac_sha256_hex_matches(std::string_view prefix, std::string_view key, std::string_view data,
                                      std::string_view text) {
  // The prefix and the length are the same for every signature: not secret.
  if (text.size() != prefix.size() + kHexDigits || !text.starts_with(prefix)) return false;
  std::array<char, kHexDigits> expected{};
  write_hex(hmac_sha256(key, data), expected.data());
  return constant_time_equals(std::string_view(expected.data(), expected.size()), text.substr(prefix.size()));
}

}  // namespace msgsim::stack
