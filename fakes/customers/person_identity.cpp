#include "fakes/customers/person_identity.h"

#include <algorithm>

namespace msgsim::fakes {

PersonIdentityDrawer::PersonIdentityDrawer(runtime::Runtime& runtime, GroundTruth& truth,
                                           const std::string& population, PersonIdentitySpec spec)
    : runtime_(runtime),
      truth_(truth),
      spec_(spec),
      stream_(runtime.stream("population/" + population + "/identity")) {}

PersonId PersonIdentityDrawer::earlier_person() {
  const auto count = static_cast<double>(persons_.size());
  const auto index = static_cast<std::size_t>(stream_.next_double() * count);
  return persons_[std::min(index, persons_.size() - 1)];
}

void PersonIdentityDrawer::draw(PersonId person) {
  PersonIdentity& identity = truth_.identity(person);
  const std::string tag = std::to_string(person);
  if (spec_.has_email > 0.0 && stream_.bernoulli(spec_.has_email)) identity.email = "person" + tag + "@example.com";
  if (spec_.verified_web > 0.0 && stream_.bernoulli(spec_.verified_web)) identity.web_subject = "user-" + tag;
  if (!persons_.empty()) {
    if (spec_.shared_phone > 0.0 && stream_.bernoulli(spec_.shared_phone)) {
      identity.phone = truth_.identity(earlier_person()).phone;
    } else if (spec_.recycled_phone > 0.0 && stream_.bernoulli(spec_.recycled_phone)) {
      truth_.reassign_phone(person, truth_.identity(earlier_person()).phone, runtime_.now());
    }
  }
  persons_.push_back(person);
}

}  // namespace msgsim::fakes
