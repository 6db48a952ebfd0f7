#include "sim/harness/oracles/merge_oracle.h"

#include <gtest/gtest.h>

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
  truth.reassign_phone(new_owner, truth.identity(old_owner).phone, runtime::Time());
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
