#include "sim/stack/users/messaging_users.h"

namespace msgsim::stack {

MessagingUsers::Found MessagingUsers::find_or_create(ChannelId channel, CustomerHandle handle) {
  auto [it, inserted] = by_handle_.try_emplace(Key{channel.value, handle.value},
                                              MessagingUserId(static_cast<std::uint32_t>(users_.size())));
  if (inserted) {
    MessagingUser user;
    user.channel = channel;
    user.handle = handle;
    users_.push_back(user);
  }
  return Found{it->second, inserted};
}

MessagingUserId MessagingUsers::find(ChannelId channel, CustomerHandle handle) const {
  auto it = by_handle_.find(Key{channel.value, handle.value});
  return it == by_handle_.end() ? MessagingUserId() : it->second;
}

}  // namespace msgsim::stack
