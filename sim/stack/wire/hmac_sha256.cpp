#include "sim/stack/wire/hmac_sha256.h"

#include <openssl/evp.h>

#include <algorithm>

#include "sim/runtime/check.h"
#include "sim/stack/channels/signatures.h"

namespace msgsim::stack {

Sha256Digest hmac_sha256(std::string_view key, std::string_view data) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> out{};
  const std::size_t length = hmac_into(HashAlgorithm::kSha256, key, data, out.data());
  MSGSIM_CHECK(length == Sha256Digest{}.size());
  Sha256Digest digest{};
  std::copy(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(length), digest.begin());
  return digest;
}

std::string digest_hex(const Sha256Digest& digest) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(digest.size() * 2, '0');
  for (std::size_t i = 0; i < digest.size(); ++i) {
    out[2 * i] = kHex[digest[i] >> 4];
    out[2 * i + 1] = kHex[digest[i] & 0x0F];
  }
  return out;
}

}  // namespace msgsim::stack
