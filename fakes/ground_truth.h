// What really happened on the customers' side, kept by the fakes for the
// oracles: every person, every handle a person uses on a channel, and every
// message a customer handed to a provider. The stack never sees this.
// Provider message ids are indexes into `messages`, so they are dense.
// Owned by the world; single-threaded.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/runtime/check.h"
#include "sim/runtime/time.h"
#include "sim/stack/ids.h"

namespace msgsim::fakes {

using PersonId = std::uint32_t;

struct Person {
  std::uint32_t population = 0;  // index of its population
  std::uint32_t member = 0;      // index within its population
  runtime::Time arrived_at;
};

struct SentMessage {
  PersonId person = 0;
  stack::ChannelId channel;
  runtime::Time sent_at;
};

class GroundTruth {
 public:
  void reserve(std::size_t persons, std::size_t messages) {
    persons_.reserve(persons);
    person_of_handle_.reserve(persons);
    messages_.reserve(messages);
  }
  PersonId add_person(std::uint32_t population, std::uint32_t member, runtime::Time arrived_at) {
    persons_.push_back(Person{population, member, arrived_at});
    return static_cast<PersonId>(persons_.size() - 1);
  }
  // A new handle for `person` (a phone, PSID, Apple id, web id ...). In typed
  // mode a handle is the number the provider's identifier is interned to;
  // numbers are handed out densely, so ground truth is a plain vector.
  stack::CustomerHandle new_handle(PersonId person) {
    person_of_handle_.push_back(person);
    return stack::CustomerHandle{person_of_handle_.size()};
  }
  // The person behind a handle; REQUIRES: made by new_handle.
  PersonId person_of(stack::CustomerHandle handle) const {
    MSGSIM_CHECK_MSG(handle.value >= 1 && handle.value <= person_of_handle_.size(), "a handle nobody uses");
    return person_of_handle_[handle.value - 1];
  }
  std::uint64_t record_message(PersonId person, stack::ChannelId channel, runtime::Time at) {
    messages_.push_back(SentMessage{person, channel, at});
    return messages_.size() - 1;
  }

  const std::vector<Person>& persons() const { return persons_; }
  const std::vector<SentMessage>& messages() const { return messages_; }

 private:
  std::vector<Person> persons_;
  std::vector<SentMessage> messages_;
  std::vector<PersonId> person_of_handle_;  // by handle - 1
};

}  // namespace msgsim::fakes
