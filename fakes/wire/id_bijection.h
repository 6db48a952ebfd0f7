// Platform identifiers that encode a number and give it back exactly: the
// fakes' message ids and opaque customer addresses in each platform's real
// format (UUID, ULID, "U" + 32 hex, base64 opaque ids). A keyed permutation
// of the 64-bit number comes first, so consecutive numbers give unrelated
// looking ids; the bits a format has beyond 64 are filled from the permuted
// number, which makes each id self-checking: the inverse refuses (nullopt)
// any string this scheme with this key did not make. Distinct keys per
// platform keep one platform's ids from decoding under another's.
// Pure functions; any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace msgsim::fakes {

// A bijection of the 64-bit numbers chosen by `key`: SplitMix64's finaliser
// (invertible: xor-shifts and odd multipliers) between two key xors.
class IdScrambler {
 public:
  explicit constexpr IdScrambler(std::uint64_t key) : key_(key) {}
  std::uint64_t scramble(std::uint64_t number) const;
  std::uint64_t unscramble(std::uint64_t scrambled) const;
  // 64 more bits determined by `scrambled`, to fill a format's extra bits.
  std::uint64_t filler(std::uint64_t scrambled) const;

 private:
  std::uint64_t key_;
};

enum class HexCase : std::uint8_t { kLower, kUpper };

// An RFC 4122 version-4 UUID (8-4-4-4-12 hex, version nibble 4, variant
// 10xx): 64 bits of the scrambled number, 58 filler bits.
std::string uuid_for(std::uint64_t number, const IdScrambler& scrambler, HexCase letters = HexCase::kLower);
std::optional<std::uint64_t> number_of_uuid(std::string_view uuid, const IdScrambler& scrambler,
                                            HexCase letters = HexCase::kLower);

// A ULID (26 Crockford base32 characters, uppercase): a 48-bit Unix
// millisecond timestamp, then 80 random bits. The timestamp is
// `epoch_unix_ms` plus the scrambled number's top 24 bits (so the ids of a
// run date from its first hours), the next 40 bits open the random part and
// 40 filler bits close it.
std::string ulid_for(std::uint64_t number, const IdScrambler& scrambler, std::int64_t epoch_unix_ms);
std::optional<std::uint64_t> number_of_ulid(std::string_view ulid, const IdScrambler& scrambler,
                                            std::int64_t epoch_unix_ms);

// 32 lowercase hex digits: the scrambled number, then its filler.
std::string hex128_for(std::uint64_t number, const IdScrambler& scrambler);
std::optional<std::uint64_t> number_of_hex128(std::string_view hex, const IdScrambler& scrambler);

// `count` bytes: the scrambled number big-endian, then filler bytes
// (REQUIRES: 8 <= count <= 64).
std::string bytes_for(std::uint64_t number, const IdScrambler& scrambler, std::size_t count);
std::optional<std::uint64_t> number_of_bytes(std::string_view bytes, const IdScrambler& scrambler);

}  // namespace msgsim::fakes
