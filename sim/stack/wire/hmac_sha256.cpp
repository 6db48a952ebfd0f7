#include "sim/stack/wire/hmac_sha256.h"

#include <openssl/evp.h>

#include "sim/runtime/check.h"

namespace msgsim::stack {

namespace {

constexpr std::size_t kBlockBytes = 64;

// Fetched once for the process; an EVP_MD is immutable and shared safely.
const EVP_MD* sha256() {
  static EVP_MD* const kSha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  MSGSIM_CHECK_MSG(kSha256 != nullptr, "OpenSSL has no SHA256");
  return kSha256;
}

// One context per thread, reused for every digest the thread computes.
class DigestContext {
 public:
  DigestContext() : context_(EVP_MD_CTX_new()) { MSGSIM_CHECK_MSG(context_ != nullptr, "EVP_MD_CTX_new failed"); }
  ~DigestContext() { EVP_MD_CTX_free(context_); }
  DigestContext(const DigestContext&) = delete;
  DigestContext& operator=(const DigestContext&) = delete;

  // SHA-256 of `first` followed by `second`.
  Sha256Digest digest(std::string_view first, std::string_view second) {
    Sha256Digest out{};
    unsigned int length = 0;
    const bool ok = EVP_DigestInit_ex(context_, sha256(), nullptr) == 1 &&
                    EVP_DigestUpdate(context_, first.data(), first.size()) == 1 &&
                    EVP_DigestUpdate(context_, second.data(), second.size()) == 1 &&
                    EVP_DigestFinal_ex(context_, out.data(), &length) == 1;
    MSGSIM_CHECK_MSG(ok && length == out.size(), "OpenSSL SHA-256 failed");
    return out;
  }

 private:
  EVP_MD_CTX* context_;
};

}  // namespace

Sha256Digest hmac_sha256(std::string_view key, std::string_view data) {
  thread_local DigestContext context;
  // A key longer than a block is replaced by its digest (RFC 2104 §2).
  Sha256Digest hashed_key{};
  if (key.size() > kBlockBytes) {
    hashed_key = context.digest(key, {});
    key = digest_bytes(hashed_key);
  }
  std::array<char, kBlockBytes> inner_pad;
  std::array<char, kBlockBytes> outer_pad;
  inner_pad.fill(0x36);
  outer_pad.fill(0x5c);
  for (std::size_t i = 0; i < key.size(); ++i) {
    inner_pad[i] = static_cast<char>(inner_pad[i] ^ key[i]);
    outer_pad[i] = static_cast<char>(outer_pad[i] ^ key[i]);
  }
  const Sha256Digest inner = context.digest(std::string_view(inner_pad.data(), kBlockBytes), data);
  return context.digest(std::string_view(outer_pad.data(), kBlockBytes), digest_bytes(inner));
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
