// The fake reassigned-numbers database (in the US, the FCC's RND): it answers
// from the ground truth's record of recycled phone numbers, which the
// populations fill. What it says is what happened: a number is reported
// reassigned at the moment its earlier holders lost it and its new holder
// got it, and from that moment on the earlier holders write from other
// numbers (fakes/customers/person_identity.h), so only the new holder
// presents it. The stack reaches it only through stack::ReassignedNumbers.
// Owned by the world; single-threaded.
#pragma once

#include <string>
#include <string_view>

#include "fakes/ground_truth.h"
#include "sim/stack/users/identity.h"

namespace msgsim::fakes {

class ReassignedNumbersDb final : public stack::ReassignedNumbers {
 public:
  explicit ReassignedNumbersDb(const GroundTruth& truth) : truth_(truth) {}

  bool reassigned_between(std::string_view e164, runtime::Time from, runtime::Time to) const override {
    for (const Reassignment& reassignment : truth_.reassignments()) {
      if (reassignment.at > from && reassignment.at <= to && same_number(reassignment.phone, e164)) return true;
    }
    return false;
  }

 private:
  // Populations record numbers in E.164 already; compare digits so a
  // formatted number still matches.
  static bool same_number(std::string_view a, std::string_view b) {
    auto digits = [](std::string_view text) {
      std::string out;
      for (char c : text) {
        if (c >= '0' && c <= '9') out += c;
      }
      return out;
    };
    return digits(a) == digits(b);
  }

  const GroundTruth& truth_;
};

}  // namespace msgsim::fakes
