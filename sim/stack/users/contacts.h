// Contacts: the persons behind messaging users, as the stack believes them to
// be. A contact is a list of its messaging users; each user's own `contact`
// field is the other direction of the link. Owned by Identity, which keeps the
// two directions consistent; single-threaded.
#pragma once

#include <vector>

#include "sim/stack/ids.h"

namespace msgsim::stack {

class Contacts {
 public:
  // A new contact without users.
  ContactId create();
  // Appends `user` to `contact`'s members. REQUIRES: `contact` exists and the
  // user is not a member of another contact any more.
  void add(ContactId contact, MessagingUserId user);
  // Moves every member of `from` to `into`; `from` is left empty.
  // Returns the users moved, in membership order.
  std::vector<MessagingUserId> absorb(ContactId into, ContactId from);

  const std::vector<MessagingUserId>& members(ContactId contact) const { return members_[contact.value]; }
  std::size_t size() const { return members_.size(); }

 private:
  std::vector<std::vector<MessagingUserId>> members_;  // by contact id
};

}  // namespace msgsim::stack
