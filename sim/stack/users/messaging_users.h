// Messaging users: one per (channel, customer handle), created on the first
// inbound message. Each keeps its conversation pointers (open and last
// session), the time of the customer's last inbound message (for windows) and
// whether the initial auto-response was sent. Owned by the Stack.
#pragma once

#include <vector>

#include "sim/runtime/flat_map.h"

#include "sim/runtime/time.h"
#include "sim/stack/channels/payloads.h"
#include "sim/stack/ids.h"

namespace msgsim::stack {

struct MessagingUser {
  ChannelId channel;
  CustomerHandle handle;
  ContactId contact;
  AgentId last_agent;  // the agent who last owned one of its sessions
  SessionId open_session;  // the latest session; open while its status is not Ended/Error
  SessionId last_session;
  runtime::Time last_inbound_at;
  bool has_inbound = false;
  bool initial_response_sent = false;
  // The language of the user's latest consent keyword (an index into the
  // channel's consent languages, 0 = the channel's own): the platform's
  // consent responses go out in it.
  std::uint8_t consent_language = 0;
  // Apple: the customer deleted the conversation; the business may not write
  // until the customer writes again.
  bool conversation_deleted = false;
  // LINE: the user follows the account (pushes allowed); an unfollow clears
  // it and sets blocked_account (nothing allowed) until the next follow.
  bool follows_account = false;
  bool blocked_account = false;
  // The newest inbound message's reply token (typed mode: its provider id),
  // when it came and whether a reply has used it. Only LINE sends replies.
  bool reply_token_unused = false;
  CapabilityMask device_capabilities = 0;  // Apple: from the newest message
  ProviderMessageId reply_token;
  runtime::Time reply_token_at;
};

class MessagingUsers {
 public:
  struct Found {
    MessagingUserId id;
    bool created = false;
  };
  // The user of `handle` on `channel`, created if new.
  Found find_or_create(ChannelId channel, CustomerHandle handle);
  // The user, or none.
  MessagingUserId find(ChannelId channel, CustomerHandle handle) const;

  void reserve(std::size_t users) {
    users_.reserve(users);
    by_handle_.reserve(users);
  }
  MessagingUser& get(MessagingUserId id) { return users_[id.value]; }
  const MessagingUser& get(MessagingUserId id) const { return users_[id.value]; }
  std::size_t size() const { return users_.size(); }

 private:
  struct Key {
    std::uint32_t channel;
    std::uint64_t handle;
    bool operator==(const Key&) const = default;
  };
  struct KeyHash {
    std::size_t operator()(const Key& key) const {
      // Mixed: handles are dense per channel, and unmixed every channel's
      // runs fell on the same low slots, one cluster that linear probing
      // walked end to end.
      return runtime::mix64(key.handle ^ (static_cast<std::uint64_t>(key.channel) << 40));
    }
  };
  std::vector<MessagingUser> users_;
  runtime::FlatMap<Key, MessagingUserId, KeyHash> by_handle_;
};

}  // namespace msgsim::stack
