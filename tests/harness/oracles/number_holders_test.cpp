// Who held a number when: the same era is a shared phone, different eras a
// recycled one, and people who never held one number have none in common.
#include "sim/harness/oracles/number_holders.h"

#include <gtest/gtest.h>

namespace msgsim::harness {
namespace {

runtime::Time hour(std::int64_t h) { return runtime::Time::at(runtime::Duration::hours(h)); }

// A family phone recycled twice: the family shares, every later holder is a recycled pair with the earlier ones.
TEST(NumberHolders, ErasSeparateSharedFromRecycled) {
  fakes::GroundTruth truth;
  const fakes::PersonId mother = truth.add_person(0, 0, hour(0));
  const fakes::PersonId son = truth.add_person(0, 1, hour(0));
  const fakes::PersonId stranger = truth.add_person(0, 2, hour(0));
  const std::string family_phone = truth.identity(mother).phone;
  truth.identity(son).phone = family_phone;
  const fakes::PersonId second = truth.add_person(0, 3, hour(1));
  truth.identity(mother).phone = truth.identity(son).phone = "+16282000000";
  truth.reassign_phone(second, family_phone, hour(1), {mother, son});
  const fakes::PersonId third = truth.add_person(0, 4, hour(2));
  const fakes::PersonId roommate = truth.add_person(0, 5, hour(3));
  truth.identity(second).phone = "+16282000001";
  truth.reassign_phone(third, family_phone, hour(2), {second});
  truth.identity(roommate).phone = family_phone;  // shares it with its third holder

  const NumberHolders numbers(truth);
  EXPECT_EQ(numbers.between(mother, son), CommonNumber::kShared);
  EXPECT_EQ(numbers.between(third, roommate), CommonNumber::kShared);
  EXPECT_EQ(numbers.between(mother, second), CommonNumber::kRecycled);
  EXPECT_EQ(numbers.between(second, son), CommonNumber::kRecycled);
  EXPECT_EQ(numbers.between(son, third), CommonNumber::kRecycled);
  EXPECT_EQ(numbers.between(second, roommate), CommonNumber::kRecycled);
  EXPECT_EQ(numbers.between(roommate, mother), CommonNumber::kRecycled);
  EXPECT_EQ(numbers.between(stranger, mother), CommonNumber::kNone);
  EXPECT_EQ(numbers.between(stranger, third), CommonNumber::kNone);
  EXPECT_EQ(numbers.between(second, stranger), CommonNumber::kNone);
}

// An earlier holder who still writes from a number after it was recycled (a ground truth that does not move
// them) is still the other side of a recycled pair, not a co-holder; who shares it with the new holder later is.
TEST(NumberHolders, AnEarlierHolderWhoKeptTheNumberIsStillRecycled) {
  fakes::GroundTruth truth;
  const fakes::PersonId first = truth.add_person(0, 0, hour(0));
  const fakes::PersonId brother = truth.add_person(0, 1, hour(0));
  truth.identity(brother).phone = truth.identity(first).phone;
  const fakes::PersonId second = truth.add_person(0, 2, hour(1));
  truth.reassign_phone(second, truth.identity(first).phone, hour(1));  // nobody named, nobody moved
  const fakes::PersonId partner = truth.add_person(0, 3, hour(2));
  truth.identity(partner).phone = truth.identity(second).phone;

  const NumberHolders numbers(truth);
  EXPECT_EQ(numbers.between(first, brother), CommonNumber::kShared);
  EXPECT_EQ(numbers.between(second, partner), CommonNumber::kShared);
  EXPECT_EQ(numbers.between(first, second), CommonNumber::kRecycled);
  EXPECT_EQ(numbers.between(partner, brother), CommonNumber::kRecycled);
}

// People without a phone (a tester's web persona, say) share nothing, not even an empty number.
TEST(NumberHolders, NoPhoneIsNoCommonNumber) {
  fakes::GroundTruth truth;
  const fakes::PersonId a = truth.add_person(0, 0, hour(0));
  const fakes::PersonId b = truth.add_person(0, 1, hour(0));
  truth.identity(a).phone.clear();
  truth.identity(b).phone.clear();
  EXPECT_EQ(NumberHolders(truth).between(a, b), CommonNumber::kNone);
}

}  // namespace
}  // namespace msgsim::harness
