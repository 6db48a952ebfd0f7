// Messenger page-scoped ids (PSIDs) for the fake: decimal strings, 16
// digits as Facebook issues them, in a keyed one-to-one correspondence with
// the fake's customer handle numbers. Numbers below kPsidCompactLimit (9 *
// 10^15, far beyond any run) are permuted by a keyed Feistel network over
// that range and written as 10^15 + the result, so they always have 16
// digits, never a leading zero, and consecutive handles get unrelated
// looking PSIDs. Larger numbers are written as they are, zero-padded to 20
// digits, which no 16-digit PSID can collide with.
// Pure functions; any thread may call them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace msgsim::fakes {

constexpr std::uint64_t kPsidCompactLimit = 9'000'000'000'000'000;

std::string psid_for(std::uint64_t number);
// The number whose PSID is `psid`, or nullopt for a string psid_for never
// returns.
std::optional<std::uint64_t> number_of_psid(std::string_view psid);

}  // namespace msgsim::fakes
