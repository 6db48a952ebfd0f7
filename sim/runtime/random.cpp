#include "sim/runtime/random.h"

#include <algorithm>
#include <cmath>

#include "sim/runtime/check.h"

namespace msgsim::runtime {
namespace {

// The 128-bit product Lemire's method needs. `__uint128_t` is a GCC/Clang
// builtin; `__extension__` keeps -Wpedantic quiet about it.
__extension__ using Uint128 = unsigned __int128;

constexpr std::uint64_t kGoldenGamma = 0x9e3779b97f4a7c15ULL;
// Separates replication seeds from every other use of the mixer, so the seed
// of replication i is not the mix of a value some other derivation also mixes.
constexpr std::uint64_t kReplicationDomain = 0x5851f42d4c957f2dULL;

// The SplitMix64 output function (Steele, Lea, Flood 2014): a bijection on 64
// bits with full avalanche, so nearby inputs give unrelated outputs.
constexpr std::uint64_t splitmix64_finalize(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// One step of the SplitMix64 generator: advances `state` and returns its output.
constexpr std::uint64_t splitmix64_next(std::uint64_t& state) {
  state += kGoldenGamma;
  return splitmix64_finalize(state);
}

// A stateless mix of one value, equal to the first SplitMix64 output seeded
// with `x`.
constexpr std::uint64_t mix64(std::uint64_t x) {
  return splitmix64_finalize(x + kGoldenGamma);
}

constexpr std::uint64_t rotl(std::uint64_t x, int k) {
  return (x << k) | (x >> (64 - k));
}

}  // namespace

RandomStream::RandomStream(std::uint64_t seed) {
  // Four consecutive SplitMix64 outputs are distinct (the finalizer is a
  // bijection of distinct inputs), so the state is never all zero, the one
  // state xoshiro cannot leave.
  std::uint64_t expander = seed;
  for (std::uint64_t& word : state_) word = splitmix64_next(expander);
}

RandomStream RandomStream::derive(std::uint64_t root_seed, std::string_view name) {
  // Mixing the root before the xor keeps roots 1 and 2 from differing in one
  // bit of the combined value; mixing after it keeps two names whose FNV
  // hashes differ only in low bits (FNV multiplies, so differences spread only
  // upwards) from giving seeds that SplitMix would expand into shifted copies
  // of each other's state.
  return RandomStream(mix64(mix64(root_seed) ^ stream_name_hash(name)));
}

std::uint64_t RandomStream::next_u64() {
  // xoshiro256** 1.0 (Blackman and Vigna), verbatim.
  const std::uint64_t result = rotl(state_[1] * 5, 7) * 9;
  const std::uint64_t t = state_[1] << 17;
  state_[2] ^= state_[0];
  state_[3] ^= state_[1];
  state_[1] ^= state_[2];
  state_[0] ^= state_[3];
  state_[2] ^= t;
  state_[3] = rotl(state_[3], 45);
  return result;
}

double RandomStream::next_double() {
  // The top 53 bits, each value of which is exactly representable: the result
  // is a multiple of 2^-53 in [0, 1 - 2^-53].
  return static_cast<double>(next_u64() >> 11) * 0x1.0p-53;
}

double RandomStream::next_double_open_zero() {
  // The same grid shifted up one step: a multiple of 2^-53 in [2^-53, 1].
  return static_cast<double>((next_u64() >> 11) + 1) * 0x1.0p-53;
}

std::uint64_t RandomStream::next_below(std::uint64_t bound) {
  MSGSIM_CHECK_MSG(bound > 0, "next_below needs a positive bound");
  // Lemire, "Fast random integer generation in an interval" (2019): the high
  // word of x * bound is uniform in [0, bound) once the low-word values that
  // would over-represent some results (fewer than 2^64 mod bound of them) are
  // rejected. The modulo is computed only when rejection is possible at all.
  Uint128 product = static_cast<Uint128>(next_u64()) * bound;
  auto low = static_cast<std::uint64_t>(product);
  if (low < bound) {
    const std::uint64_t threshold = (0 - bound) % bound;
    while (low < threshold) {
      product = static_cast<Uint128>(next_u64()) * bound;
      low = static_cast<std::uint64_t>(product);
    }
  }
  return static_cast<std::uint64_t>(product >> 64);
}

bool RandomStream::bernoulli(double p) {
  MSGSIM_CHECK_MSG(!std::isnan(p), "bernoulli needs a probability, got NaN");
  // Always exactly one draw, even for p <= 0 or p >= 1, so a probability that
  // a scenario moves to or from an extreme never shifts the draws after it.
  // next_double() is in [0, 1), hence p = 0 is never true and p = 1 always is.
  const double u = next_double();
  return u < std::clamp(p, 0.0, 1.0);
}

std::uint64_t stream_name_hash(std::string_view name) {
  // 64-bit FNV-1a: byte-wise, so independent of the platform's char signedness
  // and endianness.
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (const char c : name) {
    hash ^= static_cast<std::uint64_t>(static_cast<unsigned char>(c));
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

std::uint64_t replication_seed(std::uint64_t root_seed, std::uint32_t index) {
  if (index == 0) return root_seed;
  return mix64(mix64(root_seed ^ kReplicationDomain) ^ static_cast<std::uint64_t>(index));
}

}  // namespace msgsim::runtime
