// Identifiers of the stack: small integers in typed wrappers, indexing flat
// vectors. A default-constructed id is "none". Value types.
#pragma once

#include <cstdint>
#include <functional>
#include <limits>

namespace msgsim::stack {

template <typename Tag>
struct Id {
  static constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();
  std::uint32_t value = kNone;

  constexpr Id() = default;
  constexpr explicit Id(std::uint32_t v) : value(v) {}
  constexpr bool valid() const { return value != kNone; }
  constexpr explicit operator bool() const { return valid(); }
  constexpr auto operator<=>(const Id&) const = default;
};

using ChannelId = Id<struct ChannelTag>;
using MessagingUserId = Id<struct MessagingUserTag>;
using ContactId = Id<struct ContactTag>;
using SessionId = Id<struct SessionTag>;
using QueueId = Id<struct QueueTag>;
using AgentId = Id<struct AgentTag>;
using WorkId = Id<struct WorkTag>;
using EntryId = Id<struct EntryTag>;
using OutboundId = Id<struct OutboundTag>;
using SkillId = Id<struct SkillTag>;
using FlowId = Id<struct FlowTag>;

// A customer's handle on one channel (phone, PSID, Apple id, LINE id, web id),
// interned to a number by the channel adapter.
struct CustomerHandle {
  std::uint64_t value = 0;
  bool operator==(const CustomerHandle&) const = default;
};

// The provider's id of an inbound message (MessageSid, wamid, mid, ...),
// interned to a number by the channel adapter; unique per channel.
struct ProviderMessageId {
  std::uint64_t value = 0;
  bool operator==(const ProviderMessageId&) const = default;
};

}  // namespace msgsim::stack
