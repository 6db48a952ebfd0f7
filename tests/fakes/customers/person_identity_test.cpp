// Drawn identities: a recycled number leaves everyone who had it (a whole
// family for a shared phone) on one new number from that moment, the ground
// truth and the fake reassigned-numbers database say exactly that, and
// e-mail typos come at their rate, deterministically.
#include "fakes/customers/person_identity.h"

#include <gtest/gtest.h>

#include <cmath>
#include <set>
#include <string>
#include <vector>

#include "fakes/reassigned_numbers_db.h"
#include "sim/runtime/sim_runtime.h"

namespace msgsim::fakes {
namespace {

struct Drawn {
  GroundTruth truth;
  std::vector<std::vector<PersonId>> lost;  // by person: who lost their number to them
};

// `count` persons drawn one a minute (so reassignments have distinct times).
void draw_persons(Drawn& drawn, PersonIdentitySpec spec, int count, std::uint64_t seed = 4) {
  runtime::SimRuntime runtime(seed);
  PersonIdentityDrawer drawer(runtime, drawn.truth, "people", spec);
  for (int i = 0; i < count; ++i) {
    runtime.run_until(runtime::Time::at(runtime::Duration::minutes(i)));
    const PersonId person = drawn.truth.add_person(0, static_cast<std::uint32_t>(i), runtime.now());
    drawn.lost.push_back(drawer.draw(person));
  }
}

// A recycled number goes to the newcomer; everyone who held it moves, together, to a new number.
TEST(PersonIdentity, EarlierHoldersOfARecycledNumberMoveToANewOne) {
  Drawn drawn;
  draw_persons(drawn, PersonIdentitySpec{0.0, 0.0, 0.3, 0.2, 0.0}, 400);
  const GroundTruth& truth = drawn.truth;
  ASSERT_GT(truth.reassignments().size(), 20u);
  std::size_t families = 0;
  for (const Reassignment& reassignment : truth.reassignments()) {
    ASSERT_FALSE(reassignment.previous_holders.empty());
    EXPECT_EQ(drawn.lost[reassignment.person], reassignment.previous_holders);
    families += reassignment.previous_holders.size() > 1 ? 1 : 0;
    // Holders only ever move as one group, so they still share one number, not the one they lost.
    const std::string& moved_to = truth.identity(reassignment.previous_holders.front()).phone;
    EXPECT_TRUE(moved_to.starts_with("+1628")) << moved_to;
    EXPECT_NE(moved_to, reassignment.phone);
    for (const PersonId holder : reassignment.previous_holders) {
      EXPECT_LT(holder, reassignment.person);
      EXPECT_EQ(truth.identity(holder).phone, moved_to);
    }
  }
  EXPECT_GT(families, 0u) << "some recycled numbers were family phones";
}

// The database reports a number reassigned exactly when it changed hands, and no other number ever.
TEST(PersonIdentity, TheReassignedNumbersDatabaseSaysWhatHappened) {
  Drawn drawn;
  draw_persons(drawn, PersonIdentitySpec{0.0, 0.0, 0.05, 0.1, 0.0}, 300);
  const GroundTruth& truth = drawn.truth;
  const ReassignedNumbersDb database(truth);
  ASSERT_GT(truth.reassignments().size(), 10u);
  const runtime::Time end = runtime::Time::at(runtime::Duration::hours(10));
  std::set<std::string> reassigned;
  for (std::size_t i = 0; i < truth.reassignments().size(); ++i) {
    const Reassignment& reassignment = truth.reassignments()[i];
    reassigned.insert(reassignment.phone);
    runtime::Time next = end;  // the number's next change of hands
    for (std::size_t j = i + 1; j < truth.reassignments().size() && next == end; ++j) {
      if (truth.reassignments()[j].phone == reassignment.phone) next = truth.reassignments()[j].at;
    }
    EXPECT_TRUE(database.reassigned_between(reassignment.phone, reassignment.at - runtime::Duration::nanoseconds(1),
                                            reassignment.at));
    EXPECT_FALSE(database.reassigned_between(reassignment.phone, reassignment.at,
                                             next - runtime::Duration::nanoseconds(1)));
  }
  for (PersonId person = 0; person < truth.persons().size(); ++person) {
    const std::string& phone = truth.identity(person).phone;
    if (reassigned.contains(phone)) continue;
    EXPECT_FALSE(database.reassigned_between(phone, runtime::Time(), end)) << phone;
  }
}

// Of the people with an e-mail, about email_typo mistype it; they type that typo, the others their own.
TEST(PersonIdentity, EmailTyposComeAtTheirRateAndOnlyWithAnEmail) {
  runtime::SimRuntime runtime(9);
  GroundTruth truth;
  PersonIdentityDrawer drawer(runtime, truth, "people", PersonIdentitySpec{0.5, 0.0, 0.0, 0.0, 0.2});
  int with_email = 0;
  int typos = 0;
  for (std::uint32_t i = 0; i < 4000; ++i) {
    const PersonId person = truth.add_person(0, i, runtime.now());
    (void)drawer.draw(person);
    const std::string& email = truth.identity(person).email;
    if (email.empty()) {
      EXPECT_EQ(drawer.typo_of(person), nullptr);
      EXPECT_TRUE(drawer.typed_email(person).empty());
      continue;
    }
    ++with_email;
    if (const EmailTypo* typo = drawer.typo_of(person)) {
      ++typos;
      EXPECT_EQ(drawer.typed_email(person), typo->typed);
      EXPECT_NE(drawer.typed_email(person), email);
    } else {
      EXPECT_EQ(drawer.typed_email(person), email);
    }
  }
  // Binomial(n, 0.2): within 4.5 standard deviations.
  const double n = with_email;
  const double sd = std::sqrt(n * 0.2 * 0.8);
  EXPECT_NEAR(typos, n * 0.2, 4.5 * sd);
  EXPECT_NEAR(with_email, 2000, 4.5 * std::sqrt(4000 * 0.25));
}

// Typos draw from their own stream: turning them on leaves every phone and e-mail drawn as before.
TEST(PersonIdentity, TyposDoNotMoveThePhoneDraws) {
  Drawn without;
  Drawn with;
  draw_persons(without, PersonIdentitySpec{0.6, 0.5, 0.05, 0.05, 0.0}, 500);
  draw_persons(with, PersonIdentitySpec{0.6, 0.5, 0.05, 0.05, 0.3}, 500);
  for (PersonId person = 0; person < 500; ++person) {
    EXPECT_EQ(without.truth.identity(person).phone, with.truth.identity(person).phone);
    EXPECT_EQ(without.truth.identity(person).email, with.truth.identity(person).email);
  }
  EXPECT_EQ(without.truth.reassignments().size(), with.truth.reassignments().size());
}

}  // namespace
}  // namespace msgsim::fakes
