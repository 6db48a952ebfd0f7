// Every id format encodes a 64-bit number exactly: the inverse gives the
// number back, distinct numbers give distinct ids, and strings made with
// another key or altered anywhere are refused.
#include "fakes/wire/id_bijection.h"

#include <gtest/gtest.h>

#include <set>

#include "tests/fakes/wire/wire_round_trip.h"

namespace msgsim::fakes {
namespace {

constexpr IdScrambler kKey(0x0123456789abcdefull);
constexpr IdScrambler kOtherKey(0x0123456789abcdeeull);
constexpr std::int64_t kEpochMs = 1'767'225'600'000;

TEST(IdBijection, ScrambleIsAPermutationThatLooksUnrelated) {
  for (const std::uint64_t number : wire_test::sample_numbers()) {
    ASSERT_EQ(kKey.unscramble(kKey.scramble(number)), number);
  }
  EXPECT_NE(kKey.scramble(1) >> 32, kKey.scramble(2) >> 32);
  EXPECT_NE(kKey.scramble(1), kOtherKey.scramble(1));
}

TEST(IdBijection, EveryFormatInvertsExactly) {
  std::set<std::string> uuids, ulids, hexes;
  for (const std::uint64_t number : wire_test::sample_numbers()) {
    const std::string uuid = uuid_for(number, kKey);
    const std::string upper = uuid_for(number, kKey, HexCase::kUpper);
    const std::string ulid = ulid_for(number, kKey, kEpochMs);
    const std::string hex = hex128_for(number, kKey);
    const std::string bytes = bytes_for(number, kKey, 33);
    ASSERT_EQ(number_of_uuid(uuid, kKey), number) << uuid;
    ASSERT_EQ(number_of_uuid(upper, kKey, HexCase::kUpper), number) << upper;
    ASSERT_EQ(number_of_ulid(ulid, kKey, kEpochMs), number) << ulid;
    ASSERT_EQ(number_of_hex128(hex, kKey), number) << hex;
    ASSERT_EQ(number_of_bytes(bytes, kKey), number);
    EXPECT_FALSE(number_of_uuid(uuid, kOtherKey).has_value());
    EXPECT_FALSE(number_of_ulid(ulid, kOtherKey, kEpochMs).has_value());
    EXPECT_FALSE(number_of_uuid(upper, kKey).has_value());  // the case is part of the format
    EXPECT_EQ(uuid[14], '4');
    EXPECT_NE(std::string("89ab").find(uuid[19]), std::string::npos) << uuid;
    EXPECT_LE(ulid[0], '7');
    uuids.insert(uuid);
    ulids.insert(ulid);
    hexes.insert(hex);
  }
  EXPECT_EQ(uuids.size(), wire_test::sample_numbers().size());
  EXPECT_EQ(ulids.size(), uuids.size());
  EXPECT_EQ(hexes.size(), uuids.size());
}

TEST(IdBijection, EveryAlteredCharacterIsRefused) {
  for (const std::uint64_t number : {std::uint64_t{0}, std::uint64_t{77}, ~std::uint64_t{0}}) {
    const std::string uuid = uuid_for(number, kKey);
    for (std::size_t i = 0; i < uuid.size(); ++i) {
      if (uuid[i] == '-') continue;
      std::string altered = uuid;
      altered[i] = altered[i] == 'a' ? 'b' : 'a';
      EXPECT_FALSE(number_of_uuid(altered, kKey).has_value()) << altered;
    }
    const std::string hex = hex128_for(number, kKey);
    for (std::size_t i = 0; i < hex.size(); ++i) {
      std::string altered = hex;
      altered[i] = altered[i] == 'a' ? 'b' : 'a';
      EXPECT_FALSE(number_of_hex128(altered, kKey).has_value()) << altered;
    }
    const std::string ulid = ulid_for(number, kKey, kEpochMs);
    for (std::size_t i = 0; i < ulid.size(); ++i) {
      std::string altered = ulid;
      altered[i] = altered[i] == 'A' ? 'B' : 'A';
      EXPECT_FALSE(number_of_ulid(altered, kKey, kEpochMs).has_value()) << altered;
    }
  }
  EXPECT_FALSE(number_of_ulid("01KDVDNA00000000000000000I", kKey, kEpochMs).has_value());  // I is not Crockford
  EXPECT_FALSE(number_of_ulid("8ZZZZZZZZZZZZZZZZZZZZZZZZZ", kKey, kEpochMs).has_value());  // over 128 bits
}

}  // namespace
}  // namespace msgsim::fakes
