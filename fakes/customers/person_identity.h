// Draws who a population's new person is outside any channel: an e-mail
// (has_email), a verified web / in-app login (verified_web), and a phone that
// is their own, or shared with an earlier person of the population at the
// same time (shared_phone: a family phone), or recycled from an earlier person
// (recycled_phone: the carrier reassigned it, recorded in the ground truth).
// Draws come from their own stream, so populations without identity keys draw
// everything else exactly as before. Owned by a Population; single-threaded.
#pragma once

#include <string>
#include <vector>

#include "fakes/ground_truth.h"
#include "sim/runtime/runtime.h"

namespace msgsim::fakes {

struct PersonIdentitySpec {
  double has_email = 0.0;
  double verified_web = 0.0;
  double shared_phone = 0.0;
  double recycled_phone = 0.0;
  double email_typo = 0.0;  // typed e-mails are not generated yet
};

class PersonIdentityDrawer {
 public:
  PersonIdentityDrawer(runtime::Runtime& runtime, GroundTruth& truth, const std::string& population,
                       PersonIdentitySpec spec);
  // Fills `person`'s identity in the ground truth.
  void draw(PersonId person);

 private:
  PersonId earlier_person();

  runtime::Runtime& runtime_;
  GroundTruth& truth_;
  PersonIdentitySpec spec_;
  runtime::RandomStream stream_;
  std::vector<PersonId> persons_;  // of this population, in arrival order
};

}  // namespace msgsim::fakes
