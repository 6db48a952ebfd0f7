// Seeded random streams. One root seed per run; every component draws from its
// own stream derived from (root seed, stable stream name), so adding a customer
// never changes an agent's draws. The generator is ours (xoshiro256**, seeded
// through SplitMix64) so the same seed gives the same numbers with every
// compiler and standard library. A stream is owned by one component and used
// from one thread.
#pragma once

#include <cstdint>
#include <string_view>

namespace msgsim::runtime {

class RandomStream {
 public:
  // A stream from a raw 64-bit seed (expanded with SplitMix64).
  explicit RandomStream(std::uint64_t seed);

  // The stream named `name` under `root_seed`: the same pair always gives the
  // same stream; different names give independent streams.
  static RandomStream derive(std::uint64_t root_seed, std::string_view name);

  // Uniform over all 64-bit values.
  std::uint64_t next_u64();
  // Uniform in [0, 1), 53 bits of precision.
  double next_double();
  // Uniform in (0, 1]: safe to take a logarithm of.
  double next_double_open_zero();
  // Uniform integer in [0, bound); REQUIRES: bound > 0. Unbiased (Lemire).
  std::uint64_t next_below(std::uint64_t bound);
  // True with probability p (p outside [0, 1] is clamped).
  bool bernoulli(double p);

 private:
  std::uint64_t state_[4];
};

// Stable 64-bit hash of a stream name (FNV-1a), part of the derivation.
std::uint64_t stream_name_hash(std::string_view name);
// The seed of replication `index` (0-based) of a run with `root_seed`;
// replication 0 uses the root seed itself so a single run replays as it printed.
std::uint64_t replication_seed(std::uint64_t root_seed, std::uint32_t index);

}  // namespace msgsim::runtime
