// What really happened on the customers' side, kept by the fakes for the
// oracles: every person, every handle a person uses on a channel, and every
// message a customer handed to a provider. The stack never sees this.
// Provider message ids are indexes into `messages`, so they are dense.
// Owned by the world; single-threaded.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "sim/runtime/time.h"
#include "sim/stack/ids.h"

namespace msgsim::fakes {

using PersonId = std::uint32_t;

struct Person {
  std::uint32_t population = 0;  // index of its population
  runtime::Time arrived_at;
};

struct SentMessage {
  PersonId person = 0;
  stack::ChannelId channel;
  runtime::Time sent_at;
};

class GroundTruth {
 public:
  PersonId add_person(std::uint32_t population, runtime::Time arrived_at) {
    persons_.push_back(Person{population, arrived_at});
    return static_cast<PersonId>(persons_.size() - 1);
  }
  // Records that `person` uses `handle` on `channel`.
  void bind_handle(stack::ChannelId channel, stack::CustomerHandle handle, PersonId person) {
    handles_.emplace(key(channel, handle), person);
  }
  // The person behind a handle; REQUIRES: bound.
  PersonId person_of(stack::ChannelId channel, stack::CustomerHandle handle) const {
    return handles_.at(key(channel, handle));
  }
  std::uint64_t record_message(PersonId person, stack::ChannelId channel, runtime::Time at) {
    messages_.push_back(SentMessage{person, channel, at});
    return messages_.size() - 1;
  }

  const std::vector<Person>& persons() const { return persons_; }
  const std::vector<SentMessage>& messages() const { return messages_; }

 private:
  static std::uint64_t key(stack::ChannelId channel, stack::CustomerHandle handle) {
    return (static_cast<std::uint64_t>(channel.value) << 48) ^ handle.value;
  }
  std::vector<Person> persons_;
  std::vector<SentMessage> messages_;
  std::unordered_map<std::uint64_t, PersonId> handles_;
};

}  // namespace msgsim::fakes
