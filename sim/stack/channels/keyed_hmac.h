// HMAC (RFC 2104) with the key's pads hashed once: an HmacKey holds the
// hash states after K ^ ipad and K ^ opad, so each message costs only its
// own blocks plus one outer block instead of two more blocks and a digest
// set-up per call. Every webhook signature of a channel uses the same
// secret, so cached_hmac_key() keeps the last keys used on each thread.
//
// HmacKey and HmacStream are values owned by their caller; the cache is
// per thread (thread_local), so any thread may call every function here,
// and the live server's threads never share a hash state.
#pragma once

#include <openssl/sha.h>

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace msgsim::stack {

enum class HashAlgorithm : std::uint8_t { kSha1, kSha256 };

// Room for the longest digest (SHA-256's 32 bytes).
constexpr std::size_t kHmacDigestBytesMax = 32;

// The digest length of `algorithm` (20 or 32 bytes).
std::size_t hmac_digest_bytes(HashAlgorithm algorithm);

// SHA-1 or SHA-256 part-way through a message (which one, its owner knows).
union HashState {
  SHA_CTX sha1;
  SHA256_CTX sha256;
};

// One key, ready to authenticate any number of messages.
class HmacKey {
 public:
  // Keys longer than the hash's 64-byte block are hashed first (RFC 2104);
  // any length, the empty key included, is accepted.
  HmacKey(HashAlgorithm algorithm, std::string_view key);

  HashAlgorithm algorithm() const { return algorithm_; }

 private:
  friend class HmacStream;

  HashAlgorithm algorithm_;
  HashState inner_;  // after hashing K ^ ipad
  HashState outer_;  // after hashing K ^ opad
};

// One message's HMAC, fed in pieces: the digest of the concatenation of
// every update(). Copies the key's states, so the HmacKey may go away.
class HmacStream {
 public:
  explicit HmacStream(const HmacKey& key);

  void update(std::string_view data);
  // Writes the digest to `out` (room for kHmacDigestBytesMax bytes) and
  // returns its length. REQUIRES: called once, after the last update().
  std::size_t finish(unsigned char* out);

 private:
  HashState inner_;
  HashState outer_;
  HashAlgorithm algorithm_;
  bool finished_ = false;
};

// This thread's HmacKey for (algorithm, key), made on first use. The
// cache holds a bounded number of keys (a newer key may take an older one's
// place), so the reference is valid only until the next call on this
// thread: make an HmacStream from it straight away.
const HmacKey& cached_hmac_key(HashAlgorithm algorithm, std::string_view key);

}  // namespace msgsim::stack
