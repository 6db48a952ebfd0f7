#include "fakes/wire/id_bijection.h"

#include <array>
#include <bit>

#include "sim/runtime/check.h"

namespace msgsim::fakes {

namespace {

constexpr std::uint64_t kMultiplier1 = 0xbf58476d1ce4e5b9ull;
constexpr std::uint64_t kMultiplier2 = 0x94d049bb133111ebull;

// The inverse of an odd number modulo 2^64 (Newton's iteration: each step
// doubles the correct low bits, from 3 to beyond 64).
constexpr std::uint64_t inverse_of(std::uint64_t odd) {
  std::uint64_t inverse = odd;
  for (int i = 0; i < 5; ++i) inverse *= 2 - odd * inverse;
  return inverse;
}
static_assert(kMultiplier1 * inverse_of(kMultiplier1) == 1 && kMultiplier2 * inverse_of(kMultiplier2) == 1);

std::uint64_t mix(std::uint64_t x) {
  x ^= x >> 30;
  x *= kMultiplier1;
  x ^= x >> 27;
  x *= kMultiplier2;
  x ^= x >> 31;
  return x;
}

// Inverts x ^= x >> shift.
std::uint64_t unshift_xor(std::uint64_t y, int shift) {
  std::uint64_t x = y;
  for (int done = shift; done < 64; done += shift) x = y ^ (x >> shift);
  return x;
}

std::uint64_t unmix(std::uint64_t x) {
  x = unshift_xor(x, 31);
  x *= inverse_of(kMultiplier2);
  x = unshift_xor(x, 27);
  x *= inverse_of(kMultiplier1);
  return unshift_xor(x, 30);
}

void append_hex(std::string& out, std::uint64_t value, int digits, HexCase letters) {
  const char* symbols = letters == HexCase::kLower ? "0123456789abcdef" : "0123456789ABCDEF";
  for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) out += symbols[(value >> shift) & 0xF];
}

// `text` as hex digits of exactly `letters`' case, or nullopt.
std::optional<std::uint64_t> parse_hex(std::string_view text, HexCase letters) {
  if (text.empty() || text.size() > 16) return std::nullopt;
  std::uint64_t value = 0;
  for (const char c : text) {
    int digit = -1;
    if (c >= '0' && c <= '9') digit = c - '0';
    if (letters == HexCase::kLower && c >= 'a' && c <= 'f') digit = c - 'a' + 10;
    if (letters == HexCase::kUpper && c >= 'A' && c <= 'F') digit = c - 'A' + 10;
    if (digit < 0) return std::nullopt;
    value = (value << 4) | static_cast<std::uint64_t>(digit);
  }
  return value;
}

constexpr char kCrockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
constexpr std::uint64_t kLow40 = (std::uint64_t{1} << 40) - 1;
constexpr std::uint64_t kLow24 = (std::uint64_t{1} << 24) - 1;

// The value of each byte in the alphabet, -1 outside it (uppercase only:
// the canonical spelling).
constexpr std::array<std::int8_t, 256> kCrockfordValues = [] {
  std::array<std::int8_t, 256> values{};
  values.fill(-1);
  for (int i = 0; i < 32; ++i) values[static_cast<unsigned char>(kCrockford[i])] = static_cast<std::int8_t>(i);
  return values;
}();

int crockford_value(char c) { return kCrockfordValues[static_cast<unsigned char>(c)]; }

}  // namespace

std::uint64_t IdScrambler::scramble(std::uint64_t number) const {
  return mix(number ^ key_) ^ std::rotl(key_, 29);
}

std::uint64_t IdScrambler::unscramble(std::uint64_t scrambled) const {
  return unmix(scrambled ^ std::rotl(key_, 29)) ^ key_;
}

std::uint64_t IdScrambler::filler(std::uint64_t scrambled) const {
  return mix(scrambled ^ std::rotl(key_, 17) ^ 0x9e3779b97f4a7c15ull);
}

std::string uuid_for(std::uint64_t number, const IdScrambler& scrambler, HexCase letters) {
  const std::uint64_t bits = scrambler.scramble(number);
  const std::uint64_t fill = scrambler.filler(bits);
  std::string out;
  out.reserve(36);
  append_hex(out, bits >> 32, 8, letters);
  out += '-';
  append_hex(out, (bits >> 16) & 0xFFFF, 4, letters);
  out += "-4";
  append_hex(out, (bits >> 4) & 0xFFF, 3, letters);
  out += '-';
  append_hex(out, 0x8000 | ((bits & 0xF) << 10) | (fill & 0x3FF), 4, letters);  // variant 10xx
  out += '-';
  append_hex(out, fill >> 16, 12, letters);
  return out;
}

std::optional<std::uint64_t> number_of_uuid(std::string_view uuid, const IdScrambler& scrambler, HexCase letters) {
  if (uuid.size() != 36 || uuid[8] != '-' || uuid[13] != '-' || uuid[14] != '4' || uuid[18] != '-' ||
      uuid[23] != '-') {
    return std::nullopt;
  }
  const auto high = parse_hex(uuid.substr(0, 8), letters);
  const auto middle = parse_hex(uuid.substr(9, 4), letters);
  const auto version_rest = parse_hex(uuid.substr(15, 3), letters);
  const auto variant = parse_hex(uuid.substr(19, 4), letters);
  const auto node = parse_hex(uuid.substr(24, 12), letters);
  if (!high || !middle || !version_rest || !variant || !node || (*variant >> 14) != 0b10) return std::nullopt;
  const std::uint64_t bits = (*high << 32) | (*middle << 16) | (*version_rest << 4) | ((*variant >> 10) & 0xF);
  const std::uint64_t fill = scrambler.filler(bits);
  if ((*variant & 0x3FF) != (fill & 0x3FF) || *node != fill >> 16) return std::nullopt;
  return scrambler.unscramble(bits);
}

std::string ulid_for(std::uint64_t number, const IdScrambler& scrambler, std::int64_t epoch_unix_ms) {
  const std::uint64_t bits = scrambler.scramble(number);
  const std::uint64_t time_ms = static_cast<std::uint64_t>(epoch_unix_ms) + (bits >> 40);
  const std::uint64_t random_high = bits & kLow40;
  const std::uint64_t random_low = scrambler.filler(bits) >> 24;
  // The 128-bit value as two words: 48 time bits, then 80 random bits.
  std::uint64_t high = (time_ms << 16) | (random_high >> 24);
  std::uint64_t low = ((random_high & kLow24) << 40) | random_low;
  std::string out(26, '0');
  for (int i = 25; i >= 0; --i) {
    out[static_cast<std::size_t>(i)] = kCrockford[low & 31];
    low = (low >> 5) | (high << 59);
    high >>= 5;
  }
  return out;
}

std::optional<std::uint64_t> number_of_ulid(std::string_view ulid, const IdScrambler& scrambler,
                                            std::int64_t epoch_unix_ms) {
  if (ulid.size() != 26 || crockford_value(ulid[0]) > 7) return std::nullopt;  // 130 symbol bits hold 128
  std::uint64_t high = 0;
  std::uint64_t low = 0;
  for (const char c : ulid) {
    const int value = crockford_value(c);
    if (value < 0) return std::nullopt;
    high = (high << 5) | (low >> 59);
    low = (low << 5) | static_cast<std::uint64_t>(value);
  }
  const std::uint64_t time_ms = high >> 16;
  const std::uint64_t epoch = static_cast<std::uint64_t>(epoch_unix_ms);
  if (time_ms < epoch || time_ms - epoch > kLow24) return std::nullopt;
  const std::uint64_t random_high = ((high & 0xFFFF) << 24) | (low >> 40);
  const std::uint64_t bits = ((time_ms - epoch) << 40) | random_high;
  if ((low & kLow40) != scrambler.filler(bits) >> 24) return std::nullopt;
  return scrambler.unscramble(bits);
}

std::string hex128_for(std::uint64_t number, const IdScrambler& scrambler) {
  const std::uint64_t bits = scrambler.scramble(number);
  std::string out;
  out.reserve(32);
  append_hex(out, bits, 16, HexCase::kLower);
  append_hex(out, scrambler.filler(bits), 16, HexCase::kLower);
  return out;
}

std::optional<std::uint64_t> number_of_hex128(std::string_view hex, const IdScrambler& scrambler) {
  if (hex.size() != 32) return std::nullopt;
  const auto bits = parse_hex(hex.substr(0, 16), HexCase::kLower);
  const auto fill = parse_hex(hex.substr(16), HexCase::kLower);
  if (!bits || !fill || *fill != scrambler.filler(*bits)) return std::nullopt;
  return scrambler.unscramble(*bits);
}

std::string bytes_for(std::uint64_t number, const IdScrambler& scrambler, std::size_t count) {
  MSGSIM_CHECK_MSG(count >= 8 && count <= 64, "an id of 8 to 64 bytes");
  std::uint64_t word = scrambler.scramble(number);
  std::string out;
  out.reserve(count);
  while (out.size() < count) {
    for (int shift = 56; shift >= 0 && out.size() < count; shift -= 8) out += static_cast<char>((word >> shift) & 0xFF);
    word = scrambler.filler(word);
  }
  return out;
}

std::optional<std::uint64_t> number_of_bytes(std::string_view bytes, const IdScrambler& scrambler) {
  if (bytes.size() < 8 || bytes.size() > 64) return std::nullopt;
  std::uint64_t bits = 0;
  for (std::size_t i = 0; i < 8; ++i) bits = (bits << 8) | static_cast<unsigned char>(bytes[i]);
  const std::uint64_t number = scrambler.unscramble(bits);
  if (bytes_for(number, scrambler, bytes.size()) != bytes) return std::nullopt;
  return number;
}

}  // namespace msgsim::fakes
