// A key whose pads are hashed once gives exactly OpenSSL's one-shot HMAC,
// for SHA-1 and SHA-256, every key length (empty, shorter than, equal to
// and longer than the 64-byte block) and message length, fed whole or in
// pieces; the per-thread cache never mixes two secrets up, even when more
// keys are used than it holds, and two threads get right digests side by
// side.
#include "sim/stack/channels/keyed_hmac.h"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <array>
#include <functional>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace msgsim::stack {
namespace {

using Digest = std::vector<unsigned char>;

// OpenSSL's one-shot HMAC(): the reference every result is held to.
Digest reference(HashAlgorithm algorithm, std::string_view key, std::string_view data) {
  static const unsigned char kEmpty = 0;
  std::array<unsigned char, EVP_MAX_MD_SIZE> out{};
  unsigned int length = 0;
  const unsigned char* result =
      HMAC(algorithm == HashAlgorithm::kSha1 ? EVP_sha1() : EVP_sha256(),
           key.empty() ? static_cast<const void*>(&kEmpty) : static_cast<const void*>(key.data()),
           static_cast<int>(key.size()), data.empty() ? &kEmpty : reinterpret_cast<const unsigned char*>(data.data()),
           data.size(), out.data(), &length);
  EXPECT_NE(result, nullptr);
  return Digest(out.begin(), out.begin() + length);
}

Digest digest_of(HmacStream& stream) {
  std::array<unsigned char, kHmacDigestBytesMax> out{};
  const std::size_t length = stream.finish(out.data());
  return Digest(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(length));
}

Digest keyed(HashAlgorithm algorithm, std::string_view key, std::string_view data) {
  HmacStream stream(cached_hmac_key(algorithm, key));
  stream.update(data);
  return digest_of(stream);
}

// Bytes that cover every value, so no key or message is all text.
std::string bytes(std::size_t length, std::size_t seed) {
  std::string out(length, '\0');
  for (std::size_t i = 0; i < length; ++i) out[i] = static_cast<char>((i * 131 + seed * 7 + 11) & 0xFF);
  return out;
}

constexpr HashAlgorithm kAlgorithms[] = {HashAlgorithm::kSha1, HashAlgorithm::kSha256};
constexpr std::size_t kKeyLengths[] = {0, 1, 19, 20, 32, 63, 64, 65, 100, 131, 200};

TEST(KeyedHmac, EqualsOneShotHmacForEveryKeyAndMessageLength) {
  for (HashAlgorithm algorithm : kAlgorithms) {
    EXPECT_EQ(hmac_digest_bytes(algorithm), algorithm == HashAlgorithm::kSha1 ? 20u : 32u);
    for (std::size_t key_length : kKeyLengths) {
      const std::string key = bytes(key_length, key_length);
      const HmacKey hmac_key(algorithm, key);
      for (std::size_t data_length = 0; data_length < 300; data_length += 13) {
        const std::string data = bytes(data_length, data_length + 1);
        const Digest expected = reference(algorithm, key, data);
        HmacStream stream(hmac_key);
        stream.update(data);
        EXPECT_EQ(digest_of(stream), expected) << "key " << key_length << " data " << data_length;
        EXPECT_EQ(keyed(algorithm, key, data), expected) << "key " << key_length << " data " << data_length;
      }
    }
  }
}

TEST(KeyedHmac, MatchesPublishedVectors) {
  // RFC 2202 test case 2 and RFC 4231 test case 6 (a key longer than the block).
  const std::string rfc2202 = "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79";
  const std::string rfc4231 = "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54";
  auto hex = [](const Digest& digest) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    for (unsigned char byte : digest) out += {kHex[byte >> 4], kHex[byte & 0x0F]};
    return out;
  };
  EXPECT_EQ(hex(keyed(HashAlgorithm::kSha1, "Jefe", "what do ya want for nothing?")), rfc2202);
  EXPECT_EQ(hex(keyed(HashAlgorithm::kSha256, std::string(131, '\xaa'),
                      "Test Using Larger Than Block-Size Key - Hash Key First")),
            rfc4231);
}

TEST(KeyedHmac, PiecesHashLikeTheWholeMessage) {
  const std::string data = bytes(257, 3);
  for (HashAlgorithm algorithm : kAlgorithms) {
    const std::string key = "0123456789abcdef0123456789abcdef";
    const Digest expected = reference(algorithm, key, data);
    for (std::size_t piece : {1u, 7u, 63u, 64u, 65u, 200u}) {
      HmacStream stream(cached_hmac_key(algorithm, key));
      stream.update({});  // an empty piece changes nothing
      for (std::size_t at = 0; at < data.size(); at += piece) stream.update(std::string_view(data).substr(at, piece));
      EXPECT_EQ(digest_of(stream), expected) << "pieces of " << piece;
    }
  }
}

TEST(KeyedHmac, AStreamOutlivesItsKeyAndKeysAreReusable) {
  const std::string key = "test_channel_secret";
  std::optional<HmacStream> stream;
  {
    const HmacKey hmac_key(HashAlgorithm::kSha256, key);
    stream.emplace(hmac_key);
    HmacStream other(hmac_key);
    other.update("other message");
    EXPECT_EQ(digest_of(other), reference(HashAlgorithm::kSha256, key, "other message"));
  }
  stream->update("a message");
  EXPECT_EQ(digest_of(*stream), reference(HashAlgorithm::kSha256, key, "a message"));
}

TEST(KeyedHmac, CachedKeysNeverMixSecretsUp) {
  // More secrets than the cache holds, several rounds, interleaved: slots
  // are taken over and keyed again, and every digest stays its secret's.
  // Secrets that differ in one byte, or only in length, and the same secret
  // under both hashes, are distinct keys.
  std::vector<std::string> secrets;
  for (std::size_t i = 0; i < 600; ++i) secrets.push_back("secret-" + std::to_string(i));
  secrets.push_back("secret-1x");
  secrets.push_back(std::string("secret-1\0", 9));
  secrets.push_back("");
  const std::string data = "{\"object\":\"page\"}";
  for (int round = 0; round < 3; ++round) {
    for (std::size_t i = 0; i < secrets.size(); ++i) {
      const std::string& secret = secrets[(i * 7 + static_cast<std::size_t>(round)) % secrets.size()];
      for (HashAlgorithm algorithm : kAlgorithms) {
        ASSERT_EQ(keyed(algorithm, secret, data), reference(algorithm, secret, data)) << "secret " << secret;
      }
    }
  }
  EXPECT_NE(keyed(HashAlgorithm::kSha256, "secret-1", data), keyed(HashAlgorithm::kSha256, "secret-1x", data));
}

TEST(KeyedHmac, TwoThreadsSignSideBySide) {
  // Each thread has its own cache; both use some secrets of their own and
  // some in common, and every digest must equal the precomputed one.
  struct Case {
    HashAlgorithm algorithm;
    std::string secret;
    std::string data;
    Digest expected;
  };
  std::vector<Case> cases;
  for (std::size_t i = 0; i < 40; ++i) {
    const HashAlgorithm algorithm = kAlgorithms[i % 2];
    std::string secret = i % 3 == 0 ? "shared-secret" : "secret-" + std::to_string(i);
    std::string data = bytes(20 + i * 9, i);
    Digest expected = reference(algorithm, secret, data);
    cases.push_back(Case{algorithm, std::move(secret), std::move(data), std::move(expected)});
  }
  std::array<int, 2> mismatches{};
  auto sign_all = [&cases](int& mismatch_count, std::size_t offset) {
    for (int round = 0; round < 200; ++round) {
      for (std::size_t i = 0; i < cases.size(); ++i) {
        const Case& c = cases[(i + offset) % cases.size()];
        if (keyed(c.algorithm, c.secret, c.data) != c.expected) ++mismatch_count;
      }
    }
  };
  std::thread first(sign_all, std::ref(mismatches[0]), 0);
  std::thread second(sign_all, std::ref(mismatches[1]), 17);
  first.join();
  second.join();
  EXPECT_EQ(mismatches[0], 0);
  EXPECT_EQ(mismatches[1], 0);
}

}  // namespace
}  // namespace msgsim::stack
