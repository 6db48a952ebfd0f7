// Draws who a population's new person is outside any channel: an e-mail
// (has_email), a verified web / in-app login (verified_web), and a phone that
// is their own, or shared with an earlier person of the population at the
// same time (shared_phone: a family phone), or recycled from an earlier person
// (recycled_phone: the carrier reassigned it, recorded in the ground truth).
// A recycled number changes hands at once: from the new person's arrival on,
// everyone who had it (the whole family, for a shared phone) writes from one
// new number of their own, which the ground truth's reassignment names them
// for. Some people with an e-mail mistype it whenever they type it
// (email_typo): a letter or digit swap, or a domain slip; a digit swap can
// give another person's address. Draws come from their own streams, so
// populations without identity keys draw everything else exactly as before,
// and typos do not move the phone draws. Owned by a Population;
// single-threaded.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "fakes/customers/email_typo.h"
#include "fakes/ground_truth.h"
#include "sim/runtime/runtime.h"

namespace msgsim::fakes {

struct PersonIdentitySpec {
  double has_email = 0.0;
  double verified_web = 0.0;
  double shared_phone = 0.0;
  double recycled_phone = 0.0;
  double email_typo = 0.0;  // of the people with an e-mail
};

class PersonIdentityDrawer {
 public:
  PersonIdentityDrawer(runtime::Runtime& runtime, GroundTruth& truth, const std::string& population,
                       PersonIdentitySpec spec);
  // Fills `person`'s identity in the ground truth. Returns the earlier
  // persons who lost their number to `person` (empty unless it was
  // recycled); their identities already hold their new number.
  std::vector<PersonId> draw(PersonId person);
  // The address `person` types when asked for an e-mail: their own, the
  // same typo every time for those who mistype it, empty without one.
  const std::string& typed_email(PersonId person) const;
  // How `person` mistypes their e-mail, or none.
  const EmailTypo* typo_of(PersonId person) const;

 private:
  PersonId earlier_person();
  std::vector<PersonId> recycle_number_of(PersonId earlier, PersonId person);
  // A number nobody has had: +1 628 2xx xxxx, numbered by reassignment (one
  // per recycled number, shared by the family that had it), clear of the
  // generated +1 415 2xx xxxx numbers and the 555 numbers scripts use.
  std::string new_number() const;

  runtime::Runtime& runtime_;
  GroundTruth& truth_;
  PersonIdentitySpec spec_;
  runtime::RandomStream stream_;
  runtime::RandomStream typo_stream_;
  std::vector<PersonId> persons_;  // of this population, in arrival order
  // Who holds each number now, kept only when numbers are recycled; looked
  // up by number only, never iterated.
  std::unordered_map<std::string, std::vector<PersonId>> holders_;
  // Looked up by person only, never iterated.
  std::unordered_map<PersonId, EmailTypo> typos_;
};

}  // namespace msgsim::fakes
