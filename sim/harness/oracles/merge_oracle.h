// The merge oracle: scores the stack's identity resolution against the fakes'
// ground truth. Every messaging user belongs to the person behind its handle
// (fakes::GroundTruth::person_of); the stack's links are followed from the
// trace (kContactLinked), so the oracle never asks the stack what it thinks.
//
//   true_pairs       pairs of messaging users of the same person
//   predicted_pairs  pairs linked to the same contact at the end of the run
//   correct_pairs    pairs that are both
//   false_merges     predicted - correct: different people in one contact (a
//                    privacy breach), by cause: the two people held one phone
//                    number at the same time (shared_phone), or one after the
//                    other, the number recycled (recycled_phone), as the
//                    ground truth's reassignments tell; else a link came from an
//                    identifier a customer typed (typed_identifier: an e-mail
//                    or phone nobody verified, a typo landing on someone
//                    else's address) or an agent; else other. A pair with
//                    no cause of its own (both came in through others) is
//                    charged to the contact's worst bridge: a recycled
//                    number, a typed identifier, an agent, a shared phone.
//   continuity_rate  of the sessions that continue a person's conversation on
//                    another channel (the person's previous session was on
//                    another channel), the share whose two users were linked
//                    when the later session was first accepted by an agent:
//                    the agent could see the earlier conversation
//
// precision, recall and f1 are 1.0 when there are no pairs to judge.
// Subscribe it to the stack's tracer. Single-threaded.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "fakes/ground_truth.h"
#include "sim/harness/oracles/number_holders.h"
#include "sim/stack/trace.h"

namespace msgsim::harness {

enum class FalseMergeCause : std::uint8_t { kSharedPhone, kRecycledPhone, kTypedIdentifier, kAgentLink, kOther };
constexpr std::size_t kFalseMergeCauses = 5;

// One false merge as the report lists it: the two persons, what joined them.
struct FalseMergeExample {
  FalseMergeCause cause = FalseMergeCause::kOther;
  std::uint32_t contact = 0;                // the stack's contact that holds both
  std::array<fakes::PersonId, 2> persons{};
  std::vector<std::string> evidence;        // per person: its channels and how they were linked
};

struct MergeSummary {
  // The report keeps the first replication's false merges, this many at most.
  static constexpr std::size_t kFalseMergesListedMax = 20;

  std::uint64_t persons = 0;
  std::uint64_t messaging_users = 0;
  std::uint64_t true_pairs = 0;
  std::uint64_t predicted_pairs = 0;
  std::uint64_t correct_pairs = 0;
  std::array<std::uint64_t, kFalseMergeCauses> false_merges_by_cause{};
  std::uint64_t channel_switches = 0;
  std::uint64_t switches_continued = 0;
  std::vector<FalseMergeExample> listed;  // by contact, then persons; at most kFalseMergesListedMax

  std::uint64_t false_merges() const { return predicted_pairs - correct_pairs; }
  double precision() const;
  double recall() const;
  double f1() const;
  double continuity_rate() const;
  void merge(const MergeSummary& other);
  nlohmann::ordered_json to_json() const;
};

class MergeOracle final : public stack::TraceSink {
 public:
  // `channel_names` (by channel id) name channels in the listed evidence.
  explicit MergeOracle(const fakes::GroundTruth& truth, std::vector<std::string> channel_names = {})
      : truth_(truth), channel_names_(std::move(channel_names)) {}

  void on_trace(const stack::TraceEvent& event) override;
  // The scores of the links as they stand now (call at the end of the run).
  MergeSummary finish() const;

 private:
  struct User {
    fakes::PersonId person = 0;
    stack::ChannelId channel;
    stack::ContactId contact;
    std::uint8_t causes = 0;  // bit per stack::LinkCause that ever moved it
  };
  struct SessionFacts {
    stack::MessagingUserId user;
    stack::MessagingUserId continues;  // the previous session's user on another channel
    bool judged = false;
  };
  void on_session_created(const stack::TraceEvent& event);
  void on_accepted(stack::SessionId session);
  static FalseMergeCause cause_of(const NumberHolders& numbers, fakes::PersonId a, fakes::PersonId b,
                                  std::uint8_t causes);
  static FalseMergeCause bridge_of(const std::array<bool, kFalseMergeCauses>& pair_causes, std::uint8_t link_causes);
  void count_contact(const NumberHolders& numbers, const std::vector<stack::MessagingUserId>& members,
                     MergeSummary& summary) const;

  std::string describe(fakes::PersonId person, const std::vector<stack::MessagingUserId>& members) const;

  const fakes::GroundTruth& truth_;
  std::vector<std::string> channel_names_;
  std::vector<User> users_;                                  // by messaging user id
  std::vector<SessionFacts> sessions_;                       // by session id
  std::vector<stack::MessagingUserId> last_user_of_person_;  // of the person's latest session
  std::uint64_t channel_switches_ = 0;
  std::uint64_t switches_continued_ = 0;
};

}  // namespace msgsim::harness
