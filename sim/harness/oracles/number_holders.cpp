#include "sim/harness/oracles/number_holders.h"

#include <algorithm>

namespace msgsim::harness {

NumberHolders::NumberHolders(const fakes::GroundTruth& truth) : truth_(truth) {
  // In time order, so the k-th reassignment of a number closes its era k.
  for (const fakes::Reassignment& reassignment : truth.reassignments()) {
    std::vector<runtime::Time>& times = reassigned_at_[reassignment.phone];
    const auto era = static_cast<std::uint32_t>(times.size());
    for (const fakes::PersonId holder : reassignment.previous_holders) {
      given_up_[holder].push_back(Holding{reassignment.phone, era});
    }
    times.push_back(reassignment.at);
    got_by_reassignment_[reassignment.person] = {reassignment.phone, reassignment.at};
  }
}

std::uint32_t NumberHolders::era_of_current(fakes::PersonId person) const {
  const std::string& phone = truth_.identity(person).phone;
  const auto times = reassigned_at_.find(phone);
  if (times == reassigned_at_.end()) return 0;
  runtime::Time since = truth_.persons()[person].arrived_at;
  const auto got = got_by_reassignment_.find(person);
  if (got != got_by_reassignment_.end() && got->second.first == phone) since = got->second.second;
  // Reassignments up to and including the moment they got it came before their era.
  return static_cast<std::uint32_t>(std::upper_bound(times->second.begin(), times->second.end(), since) -
                                    times->second.begin());
}

void NumberHolders::holdings_of(fakes::PersonId person, std::vector<Holding>& out) const {
  if (const auto given_up = given_up_.find(person); given_up != given_up_.end()) {
    out.insert(out.end(), given_up->second.begin(), given_up->second.end());
  }
  const std::string& phone = truth_.identity(person).phone;
  if (!phone.empty()) out.push_back(Holding{phone, era_of_current(person)});
}

CommonNumber NumberHolders::between(fakes::PersonId a, fakes::PersonId b) const {
  const std::string& phone = truth_.identity(a).phone;
  const bool same_now = !phone.empty() && phone == truth_.identity(b).phone;
  // A number never recycled has one era; people who never gave one up hold only their current one.
  if (same_now && !reassigned_at_.contains(phone)) return CommonNumber::kShared;
  if (!same_now && !given_up_.contains(a) && !given_up_.contains(b)) return CommonNumber::kNone;
  std::vector<Holding> of_a;
  std::vector<Holding> of_b;
  holdings_of(a, of_a);
  holdings_of(b, of_b);
  CommonNumber common = CommonNumber::kNone;
  for (const Holding& x : of_a) {
    for (const Holding& y : of_b) {
      if (x.phone != y.phone) continue;
      if (x.era == y.era) return CommonNumber::kShared;
      common = CommonNumber::kRecycled;
    }
  }
  return common;
}

}  // namespace msgsim::harness
