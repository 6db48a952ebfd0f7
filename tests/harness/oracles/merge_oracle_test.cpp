#include "sim/harness/oracles/merge_oracle.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "sim/stack/users/identity.h"

namespace msgsim::harness {
namespace {

using stack::ChannelId;
using stack::LinkCause;
using stack::MessagingUserId;
using stack::TraceEvent;
using stack::TraceKind;

struct MergeOracleTest : ::testing::Test {
  fakes::GroundTruth truth;
  MergeOracle oracle{truth};
  std::uint32_t next_user = 0;
  std::uint32_t next_session = 0;

  // A messaging user of `person` on `channel`, as the trace introduces it.
  MessagingUserId user(fakes::PersonId person, std::uint32_t channel) {
    TraceEvent event{runtime::Time(), TraceKind::kMessagingUserCreated};
    event.user = MessagingUserId(next_user++);
    event.channel = ChannelId(channel);
    event.message = truth.new_handle(person).value;
    oracle.on_trace(event);
    return event.user;
  }
  void link(MessagingUserId user, std::uint32_t contact, LinkCause cause = LinkCause::kPhone) {
    TraceEvent event{runtime::Time(), TraceKind::kContactLinked, static_cast<std::uint8_t>(cause)};
    event.user = user;
    event.message = contact;
    oracle.on_trace(event);
  }
  stack::SessionId session(MessagingUserId user, std::uint32_t channel) {
    TraceEvent event{runtime::Time(), TraceKind::kSessionCreated};
    event.session = stack::SessionId(next_session++);
    event.user = user;
    event.channel = ChannelId(channel);
    oracle.on_trace(event);
    return event.session;
  }
  // `to` gets the number `from` holds, with everyone holding it; they move to a new number.
  void recycle(fakes::PersonId from, fakes::PersonId to) {
    const std::string phone = truth.identity(from).phone;
    std::vector<fakes::PersonId> holders;
    for (fakes::PersonId person = 0; person < truth.persons().size(); ++person) {
      if (person != to && truth.identity(person).phone == phone) holders.push_back(person);
    }
    const std::string moved_to = "+16282" + std::to_string(100000 + truth.reassignments().size());
    for (const fakes::PersonId holder : holders) truth.identity(holder).phone = moved_to;
    truth.reassign_phone(to, phone, runtime::Time::at(runtime::Duration::hours(1)), holders);
  }
  std::uint64_t by_cause(const MergeSummary& summary, FalseMergeCause cause) {
    return summary.false_merges_by_cause[static_cast<std::size_t>(cause)];
  }
  void accept(stack::SessionId session) {
    TraceEvent event{runtime::Time(), TraceKind::kWorkAccepted};
    event.session = session;
    oracle.on_trace(event);
  }
};

// Pairs are counted per person and per contact, and a run without pairs scores 1.0.
TEST_F(MergeOracleTest, PairsCountTruePredictedAndCorrectLinks) {
  EXPECT_DOUBLE_EQ(oracle.finish().f1(), 1.0);
  const fakes::PersonId alice = truth.add_person(0, 0, runtime::Time());
  const fakes::PersonId bob = truth.add_person(0, 1, runtime::Time());
  const MessagingUserId a1 = user(alice, 0);
  const MessagingUserId a2 = user(alice, 1);
  (void)user(alice, 2);
  (void)user(bob, 0);
  link(a1, 0);
  link(a2, 0);
  const MergeSummary summary = oracle.finish();
  EXPECT_EQ(summary.persons, 2u);
  EXPECT_EQ(summary.messaging_users, 4u);
  EXPECT_EQ(summary.true_pairs, 3u);
  EXPECT_EQ(summary.predicted_pairs, 1u);
  EXPECT_EQ(summary.correct_pairs, 1u);
  EXPECT_EQ(summary.false_merges(), 0u);
  EXPECT_DOUBLE_EQ(summary.precision(), 1.0);
  EXPECT_DOUBLE_EQ(summary.recall(), 1.0 / 3.0);
  EXPECT_DOUBLE_EQ(summary.f1(), 0.5);
}

// Different people in one contact are false merges, charged to a shared or recycled phone.
TEST_F(MergeOracleTest, FalseMergesAreChargedToSharedAndRecycledPhones) {
  const fakes::PersonId parent = truth.add_person(0, 0, runtime::Time());
  const fakes::PersonId child = truth.add_person(0, 1, runtime::Time());
  truth.identity(child).phone = truth.identity(parent).phone;
  const fakes::PersonId old_owner = truth.add_person(0, 2, runtime::Time());
  const fakes::PersonId new_owner = truth.add_person(0, 3, runtime::Time());
  recycle(old_owner, new_owner);
  link(user(parent, 0), 0);
  link(user(child, 1), 0);
  link(user(old_owner, 0), 1);
  link(user(new_owner, 1), 1);
  const MergeSummary summary = oracle.finish();
  EXPECT_EQ(summary.false_merges(), 2u);
  EXPECT_EQ(summary.false_merges_by_cause[static_cast<std::size_t>(FalseMergeCause::kSharedPhone)], 1u);
  EXPECT_EQ(summary.false_merges_by_cause[static_cast<std::size_t>(FalseMergeCause::kRecycledPhone)], 1u);
  EXPECT_DOUBLE_EQ(summary.precision(), 0.0);
}

// A family whose phone was recycled stays a family on its new number (shared), and each of them and
// every later holder of the old number are a recycled-number pair, however many times it changed hands.
TEST_F(MergeOracleTest, RecycledNumbersAreChargedByWhoHeldThemWhen) {
  const fakes::PersonId parent = truth.add_person(0, 0, runtime::Time());
  const fakes::PersonId child = truth.add_person(0, 1, runtime::Time());
  truth.identity(child).phone = truth.identity(parent).phone;
  const fakes::PersonId second = truth.add_person(0, 2, runtime::Time());
  recycle(parent, second);
  const fakes::PersonId third = truth.add_person(0, 3, runtime::Time());
  recycle(second, third);
  ASSERT_EQ(truth.identity(parent).phone, truth.identity(child).phone);
  ASSERT_NE(truth.identity(parent).phone, truth.identity(third).phone);
  // One contact of all four, linked by phone: 6 pairs, 1 shared (parent-child), 5 recycled.
  for (const fakes::PersonId person : {parent, child, second, third}) link(user(person, 0), 0);
  const MergeSummary summary = oracle.finish();
  EXPECT_EQ(summary.false_merges(), 6u);
  EXPECT_EQ(by_cause(summary, FalseMergeCause::kSharedPhone), 1u);
  EXPECT_EQ(by_cause(summary, FalseMergeCause::kRecycledPhone), 5u);
}

// Two people who never held one number are not a phone pair, whatever linked them: a typed
// identifier (a typo on someone else's address), else "other".
TEST_F(MergeOracleTest, WithoutACommonNumberThePairIsNotChargedToAPhone) {
  const fakes::PersonId a = truth.add_person(0, 0, runtime::Time());
  const fakes::PersonId b = truth.add_person(0, 1, runtime::Time());
  const fakes::PersonId c = truth.add_person(0, 2, runtime::Time());
  recycle(a, c);  // a held c's number before c; b never did
  link(user(a, 0), 0, LinkCause::kPhone);
  link(user(b, 1), 0, LinkCause::kTypedIdentifier);
  const fakes::PersonId d = truth.add_person(0, 3, runtime::Time());
  const fakes::PersonId e = truth.add_person(0, 4, runtime::Time());
  link(user(d, 0), 1, LinkCause::kPhone);
  link(user(e, 1), 1, LinkCause::kVerifiedSubject);
  const MergeSummary summary = oracle.finish();
  EXPECT_EQ(summary.false_merges(), 2u);
  EXPECT_EQ(by_cause(summary, FalseMergeCause::kTypedIdentifier), 1u);
  EXPECT_EQ(by_cause(summary, FalseMergeCause::kOther), 1u);
}

// Two later holders of two numbers one person gave up never held a number in common: the contact that
// joined them was bridged by recycled numbers, so that is their cause too.
TEST_F(MergeOracleTest, PairsJoinedThroughOthersAreChargedToTheContactsBridge) {
  const fakes::PersonId twice_moved = truth.add_person(0, 0, runtime::Time());
  const fakes::PersonId first_heir = truth.add_person(0, 1, runtime::Time());
  recycle(twice_moved, first_heir);
  const fakes::PersonId second_heir = truth.add_person(0, 2, runtime::Time());
  recycle(twice_moved, second_heir);
  for (const fakes::PersonId person : {twice_moved, first_heir, second_heir}) link(user(person, 0), 0);
  const MergeSummary summary = oracle.finish();
  EXPECT_EQ(summary.false_merges(), 3u);
  EXPECT_EQ(by_cause(summary, FalseMergeCause::kRecycledPhone), 3u);
  EXPECT_EQ(by_cause(summary, FalseMergeCause::kOther), 0u);
}

// Without a common phone, a false merge is charged to how the stack linked it.
TEST_F(MergeOracleTest, FalseMergesWithoutACommonPhoneFollowTheLinkCause) {
  const fakes::PersonId a = truth.add_person(0, 0, runtime::Time());
  const fakes::PersonId b = truth.add_person(0, 1, runtime::Time());
  const fakes::PersonId c = truth.add_person(0, 2, runtime::Time());
  const fakes::PersonId d = truth.add_person(0, 3, runtime::Time());
  link(user(a, 0), 0, LinkCause::kTypedIdentifier);
  link(user(b, 1), 0, LinkCause::kTypedIdentifier);
  link(user(c, 0), 1, LinkCause::kAgent);
  link(user(d, 1), 1, LinkCause::kAgent);
  const MergeSummary summary = oracle.finish();
  EXPECT_EQ(summary.false_merges_by_cause[static_cast<std::size_t>(FalseMergeCause::kTypedIdentifier)], 1u);
  EXPECT_EQ(summary.false_merges_by_cause[static_cast<std::size_t>(FalseMergeCause::kAgentLink)], 1u);
}

// A channel switch continues the conversation only when the users were linked at acceptance.
TEST_F(MergeOracleTest, ContinuityCountsSwitchesLinkedWhenAccepted) {
  const fakes::PersonId alice = truth.add_person(0, 0, runtime::Time());
  const fakes::PersonId bob = truth.add_person(0, 1, runtime::Time());
  const MessagingUserId alice_sms = user(alice, 0);
  const MessagingUserId alice_whatsapp = user(alice, 1);
  const MessagingUserId bob_sms = user(bob, 0);
  const MessagingUserId bob_messenger = user(bob, 2);
  accept(session(alice_sms, 0));
  link(alice_sms, 0);
  link(alice_whatsapp, 0);
  accept(session(alice_whatsapp, 1));
  accept(session(bob_sms, 0));
  const stack::SessionId switched = session(bob_messenger, 2);
  accept(switched);
  link(bob_sms, 1);
  link(bob_messenger, 1);  // too late: the agent had already taken the session
  accept(switched);
  const MergeSummary summary = oracle.finish();
  EXPECT_EQ(summary.channel_switches, 2u);
  EXPECT_EQ(summary.switches_continued, 1u);
  EXPECT_DOUBLE_EQ(summary.continuity_rate(), 0.5);
}

}  // namespace
}  // namespace msgsim::harness
