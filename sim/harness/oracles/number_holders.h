// Who held which phone number when, from the fakes' ground truth: a number
// changes hands only when it is recycled, so its holders come in eras, the
// spans between its reassignments. Someone who gave a number up held it in
// the era their reassignment closed; someone holding it now, in the era in
// which they got it (at their reassignment, else at their arrival). Two people
// who held one number in the same era shared it; in different eras, one got
// it after the other had it, even if the earlier one still uses it. Built
// from a ground truth that does not change while it is used. Single-threaded.
#pragma once

#include <cstdint>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "fakes/ground_truth.h"

namespace msgsim::harness {

enum class CommonNumber : std::uint8_t { kNone, kShared, kRecycled };

class NumberHolders {
 public:
  explicit NumberHolders(const fakes::GroundTruth& truth);

  // kShared when `a` and `b` held one number in the same era, else
  // kRecycled when they held one number in different eras, else kNone.
  CommonNumber between(fakes::PersonId a, fakes::PersonId b) const;

 private:
  struct Holding {
    std::string_view phone;
    std::uint32_t era = 0;
  };
  // Appends every (number, era) `person` held, the current number last.
  void holdings_of(fakes::PersonId person, std::vector<Holding>& out) const;
  // The era in which `person` got the number they hold now.
  std::uint32_t era_of_current(fakes::PersonId person) const;

  const fakes::GroundTruth& truth_;
  // Looked up by key only, never iterated. Keys view the truth's strings.
  std::unordered_map<std::string_view, std::vector<runtime::Time>> reassigned_at_;  // per number, in time order
  std::unordered_map<fakes::PersonId, std::vector<Holding>> given_up_;
  std::unordered_map<fakes::PersonId, std::pair<std::string_view, runtime::Time>> got_by_reassignment_;
};

}  // namespace msgsim::harness
