#include "fakes/wire/psid_numbering.h"

#include <array>

namespace msgsim::fakes {

namespace {

// The compact range as pairs (high, low) with high < kHighRange and
// low < kLowRange: 9 * 10^7 * 10^8 = kPsidCompactLimit.
constexpr std::uint64_t kHighRange = 90'000'000;
constexpr std::uint64_t kLowRange = 100'000'000;
constexpr std::uint64_t kSixteenDigitBase = 1'000'000'000'000'000;
constexpr std::size_t kPaddedDigits = 20;

constexpr std::array<std::uint64_t, 6> kRoundKeys = {0x6d65'7373'656e'6765ull, 0x7073'6964'2d66'616bull,
                                                     0x9e37'79b9'7f4a'7c15ull, 0xbf58'476d'1ce4'e5b9ull,
                                                     0x94d0'49bb'1331'11ebull, 0x2545'f491'4f6c'dd1dull};

// The SplitMix64 finaliser: the round function (it need not be invertible).
std::uint64_t mix(std::uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ull;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebull;
  x ^= x >> 31;
  return x;
}

// Even rounds add a function of the low half to the high half, odd rounds
// the reverse; each round is undone by subtracting the same value.
std::uint64_t permute(std::uint64_t value) {
  std::uint64_t high = value / kLowRange;
  std::uint64_t low = value % kLowRange;
  for (std::size_t round = 0; round < kRoundKeys.size(); ++round) {
    if (round % 2 == 0) {
      high = (high + mix(low ^ kRoundKeys[round]) % kHighRange) % kHighRange;
    } else {
      low = (low + mix(high ^ kRoundKeys[round]) % kLowRange) % kLowRange;
    }
  }
  return high * kLowRange + low;
}

std::uint64_t unpermute(std::uint64_t value) {
  std::uint64_t high = value / kLowRange;
  std::uint64_t low = value % kLowRange;
  for (std::size_t round = kRoundKeys.size(); round-- > 0;) {
    if (round % 2 == 0) {
      high = (high + kHighRange - mix(low ^ kRoundKeys[round]) % kHighRange) % kHighRange;
    } else {
      low = (low + kLowRange - mix(high ^ kRoundKeys[round]) % kLowRange) % kLowRange;
    }
  }
  return high * kLowRange + low;
}

// The digits as a number, or nullopt when one is not a digit or the value
// does not fit in 64 bits.
std::optional<std::uint64_t> parse_digits(std::string_view text) {
  std::uint64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    const auto digit = static_cast<std::uint64_t>(c - '0');
    if (value > (UINT64_MAX - digit) / 10) return std::nullopt;
    value = value * 10 + digit;
  }
  return value;
}

}  // namespace

std::string psid_for(std::uint64_t number) {
  if (number < kPsidCompactLimit) return std::to_string(kSixteenDigitBase + permute(number));
  std::string digits = std::to_string(number);
  return std::string(kPaddedDigits - digits.size(), '0') + digits;
}

std::optional<std::uint64_t> number_of_psid(std::string_view psid) {
  if (psid.size() == 16) {
    const std::optional<std::uint64_t> value = parse_digits(psid);
    if (!value || *value < kSixteenDigitBase) return std::nullopt;
    return unpermute(*value - kSixteenDigitBase);
  }
  if (psid.size() == kPaddedDigits) {
    const std::optional<std::uint64_t> value = parse_digits(psid);
    if (!value || *value < kPsidCompactLimit) return std::nullopt;
    return value;
  }
  return std::nullopt;
}

}  // namespace msgsim::fakes
