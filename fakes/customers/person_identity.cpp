#include "fakes/customers/person_identity.h"

#include <algorithm>
#include <utility>

namespace msgsim::fakes {

PersonIdentityDrawer::PersonIdentityDrawer(runtime::Runtime& runtime, GroundTruth& truth,
                                           const std::string& population, PersonIdentitySpec spec)
    : runtime_(runtime),
      truth_(truth),
      spec_(spec),
      stream_(runtime.stream("population/" + population + "/identity")),
      typo_stream_(runtime.stream("population/" + population + "/typos")) {}

PersonId PersonIdentityDrawer::earlier_person() {
  const auto count = static_cast<double>(persons_.size());
  const auto index = static_cast<std::size_t>(stream_.next_double() * count);
  return persons_[std::min(index, persons_.size() - 1)];
}

std::vector<PersonId> PersonIdentityDrawer::draw(PersonId person) {
  PersonIdentity& identity = truth_.identity(person);
  const std::string tag = std::to_string(person);
  if (spec_.has_email > 0.0 && stream_.bernoulli(spec_.has_email)) identity.email = "person" + tag + "@example.com";
  if (spec_.verified_web > 0.0 && stream_.bernoulli(spec_.verified_web)) identity.web_subject = "user-" + tag;
  std::vector<PersonId> lost_number;
  if (!persons_.empty() && spec_.shared_phone > 0.0 && stream_.bernoulli(spec_.shared_phone)) {
    identity.phone = truth_.identity(earlier_person()).phone;
  } else if (!persons_.empty() && spec_.recycled_phone > 0.0 && stream_.bernoulli(spec_.recycled_phone)) {
    lost_number = recycle_number_of(earlier_person(), person);
  }
  // Only a recycled number is looked up by who holds it.
  if (spec_.recycled_phone > 0.0 && !identity.phone.empty()) holders_[identity.phone].push_back(person);
  if (!identity.email.empty() && spec_.email_typo > 0.0 && typo_stream_.bernoulli(spec_.email_typo)) {
    typos_.emplace(person, mistype_email(identity.email, typo_stream_));
  }
  persons_.push_back(person);
  return lost_number;
}

// The carrier took the number back from everyone who had it and gave it to
// `person`: they move, together, to one new number.
std::vector<PersonId> PersonIdentityDrawer::recycle_number_of(PersonId earlier, PersonId person) {
  const std::string phone = truth_.identity(earlier).phone;
  const auto holding = holders_.find(phone);
  std::vector<PersonId> previous = holding != holders_.end() ? std::move(holding->second) : std::vector<PersonId>{};
  if (holding != holders_.end()) holders_.erase(holding);
  const std::string moved_to = new_number();
  for (PersonId holder : previous) truth_.identity(holder).phone = moved_to;
  holders_[moved_to] = previous;
  truth_.reassign_phone(person, phone, runtime_.now(), previous);
  return previous;
}

std::string PersonIdentityDrawer::new_number() const {
  constexpr std::size_t kFirstNewNumber = 2'000'000;
  return "+1628" + std::to_string(kFirstNewNumber + truth_.reassignments().size());
}

const std::string& PersonIdentityDrawer::typed_email(PersonId person) const {
  if (const EmailTypo* typo = typo_of(person)) return typo->typed;
  return truth_.identity(person).email;
}

const EmailTypo* PersonIdentityDrawer::typo_of(PersonId person) const {
  const auto typo = typos_.find(person);
  return typo == typos_.end() ? nullptr : &typo->second;
}

}  // namespace msgsim::fakes
