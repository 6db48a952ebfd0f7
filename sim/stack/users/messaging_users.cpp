#include "sim/stack/users/messaging_users.h"

namespace msgsim::stack {

MessagingUsers::Found MessagingUsers::find_or_create(ChannelId channel, CustomerHandle handle) {
  auto [id, inserted] = by_handle_.try_emplace(Key{channel.value, handle.value},
                                              MessagingUserId(static_cast<std::uint32_t>(users_.size())));
  if (inserted) {
    MessagingUser user;
    user.channel = channel;
    user.handle = handle;
    users_.push_back(user);
  }
  return Found{*id, inserted};
}

MessagingUserId MessagingUsers::find(ChannelId channel, CustomerHandle handle) const {
  const MessagingUserId* id = by_handle_.find(Key{channel.value, handle.value});
  return id == nullptr ? MessagingUserId() : *id;
}

}  // namespace msgsim::stack
