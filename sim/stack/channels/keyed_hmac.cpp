// The hash states are OpenSSL's SHA_CTX / SHA256_CTX, driven through the
// SHA1_* / SHA256_* functions OpenSSL 3 marks deprecated: they run the same
// accelerated block functions as EVP, and they are the only OpenSSL
// interface whose state is a plain struct. Copying that struct is what lets
// a key's pads be hashed once; an EVP_MD_CTX can only be copied through
// EVP_MD_CTX_copy_ex, which frees and allocates the provider's context on
// every copy and cost a fifth more per signature.
#define OPENSSL_SUPPRESS_DEPRECATED  // before any OpenSSL header: see above

#include "sim/stack/channels/keyed_hmac.h"

#include <openssl/crypto.h>

#include <algorithm>
#include <array>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "sim/runtime/check.h"

namespace msgsim::stack {

namespace {

// SHA-1 and SHA-256 both hash 64-byte blocks.
constexpr std::size_t kBlockBytes = 64;

using Block = std::array<unsigned char, kBlockBytes>;

void start(HashAlgorithm algorithm, HashState& state) {
  const int ok = algorithm == HashAlgorithm::kSha1 ? SHA1_Init(&state.sha1) : SHA256_Init(&state.sha256);
  MSGSIM_CHECK_MSG(ok == 1, "OpenSSL digest initialisation failed");
}

void feed(HashAlgorithm algorithm, HashState& state, const void* data, std::size_t size) {
  const int ok = algorithm == HashAlgorithm::kSha1 ? SHA1_Update(&state.sha1, data, size)
                                                   : SHA256_Update(&state.sha256, data, size);
  MSGSIM_CHECK_MSG(ok == 1, "OpenSSL digest update failed");
}

void end(HashAlgorithm algorithm, HashState& state, unsigned char* out) {
  const int ok = algorithm == HashAlgorithm::kSha1 ? SHA1_Final(out, &state.sha1) : SHA256_Final(out, &state.sha256);
  MSGSIM_CHECK_MSG(ok == 1, "OpenSSL digest finalisation failed");
}

}  // namespace

std::size_t hmac_digest_bytes(HashAlgorithm algorithm) {
  return algorithm == HashAlgorithm::kSha1 ? SHA_DIGEST_LENGTH : SHA256_DIGEST_LENGTH;
}

HmacKey::HmacKey(HashAlgorithm algorithm, std::string_view key) : algorithm_(algorithm), inner_(), outer_() {
  Block key_block{};
  if (key.size() > kBlockBytes) {
    HashState state;
    start(algorithm, state);
    feed(algorithm, state, key.data(), key.size());
    end(algorithm, state, key_block.data());
    OPENSSL_cleanse(&state, sizeof state);
  } else {
    std::copy(key.begin(), key.end(), key_block.begin());
  }
  Block pad{};
  for (std::size_t i = 0; i < kBlockBytes; ++i) pad[i] = static_cast<unsigned char>(key_block[i] ^ 0x36u);
  start(algorithm, inner_);
  feed(algorithm, inner_, pad.data(), pad.size());
  for (std::size_t i = 0; i < kBlockBytes; ++i) pad[i] = static_cast<unsigned char>(key_block[i] ^ 0x5cu);
  start(algorithm, outer_);
  feed(algorithm, outer_, pad.data(), pad.size());
  OPENSSL_cleanse(key_block.data(), key_block.size());
  OPENSSL_cleanse(pad.data(), pad.size());
}

HmacStream::HmacStream(const HmacKey& key) : inner_(key.inner_), outer_(key.outer_), algorithm_(key.algorithm_) {}

void HmacStream::update(std::string_view data) {
  MSGSIM_CHECK_MSG(!finished_, "HMAC updated after finish");
  feed(algorithm_, inner_, data.data(), data.size());
}

std::size_t HmacStream::finish(unsigned char* out) {
  MSGSIM_CHECK_MSG(!finished_, "HMAC finished twice");
  finished_ = true;
  std::array<unsigned char, kHmacDigestBytesMax> inner_digest{};
  end(algorithm_, inner_, inner_digest.data());
  const std::size_t length = hmac_digest_bytes(algorithm_);
  feed(algorithm_, outer_, inner_digest.data(), length);
  end(algorithm_, outer_, out);
  return length;
}

namespace {

// Direct-mapped: a key lives in the slot its hash names, and a newer key
// hashing to the same slot replaces it (then the older one is simply keyed
// again when it comes back). 256 slots cover a deployment's channels in
// about 70 KB per thread, allocated on the thread's first signature.
constexpr std::size_t kCacheSlots = 256;

struct CacheSlot {
  HashAlgorithm algorithm = HashAlgorithm::kSha1;
  std::string key;
  std::optional<HmacKey> keyed;
};

std::size_t slot_of(HashAlgorithm algorithm, std::string_view key) {
  const std::size_t hash = std::hash<std::string_view>{}(key) ^ (static_cast<std::size_t>(algorithm) * 0x9E3779B9u);
  return hash % kCacheSlots;
}

}  // namespace

const HmacKey& cached_hmac_key(HashAlgorithm algorithm, std::string_view key) {
  thread_local std::vector<CacheSlot> cache;
  // The slot used last: a message's signature and its check, and most
  // messages in a row, use the same key, found again without hashing it.
  thread_local CacheSlot* last = nullptr;
  if (last != nullptr && last->algorithm == algorithm && last->keyed && last->key == key) return *last->keyed;
  if (cache.empty()) cache.resize(kCacheSlots);
  CacheSlot& slot = cache[slot_of(algorithm, key)];
  last = &slot;
  if (!slot.keyed || slot.algorithm != algorithm || slot.key != key) {
    slot.keyed.emplace(algorithm, key);
    slot.algorithm = algorithm;
    slot.key.assign(key);
  }
  return *slot.keyed;
}

}  // namespace msgsim::stack
