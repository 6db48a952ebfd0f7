#include "sim/stack/users/contacts.h"

#include <utility>

#include "sim/runtime/check.h"

namespace msgsim::stack {

ContactId Contacts::create() {
  members_.emplace_back();
  return ContactId(static_cast<std::uint32_t>(members_.size() - 1));
}

void Contacts::add(ContactId contact, MessagingUserId user) {
  MSGSIM_CHECK(contact.valid() && contact.value < members_.size());
  members_[contact.value].push_back(user);
}

std::vector<MessagingUserId> Contacts::absorb(ContactId into, ContactId from) {
  MSGSIM_CHECK(into.value < members_.size() && from.value < members_.size() && into != from);
  std::vector<MessagingUserId> moved = std::move(members_[from.value]);
  members_[from.value].clear();
  for (MessagingUserId user : moved) members_[into.value].push_back(user);
  return moved;
}

}  // namespace msgsim::stack
