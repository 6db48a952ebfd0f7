// The customers testers play in a live session. A persona is a new person in
// the world's ground truth with a handle on one channel; what a tester types
// goes to that channel's fake provider like any simulated customer's message
// (and from there over the HTTP webhook to the stack), so every channel rule
// applies: STOP works through the stack's consent, windows apply, Apple's
// business cannot write first. What the business sends to a persona reaches
// this object as the persona's device and is kept, with times, in its items.
//
// A persona may be the same person as an earlier one on another channel
// (one phone on SMS and WhatsApp): the agent then sees their history across
// channels once the stack links them.
//
// Senders of the testers' own webhooks (posted with `msgsim sign` and curl)
// are admitted here too: each new address becomes an "outsider" persona, the
// same person as an earlier persona with that phone (SMS, WhatsApp) or a new
// one, so the oracles judge them like anyone else.
//
// Single-threaded: the io_context thread that runs the world.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "fakes/ground_truth.h"
#include "fakes/providers/device.h"
#include "fakes/providers/provider_fake.h"
#include "sim/runtime/runtime.h"
#include "sim/runtime/status.h"
#include "sim/stack/channels/channel_registry.h"

namespace msgsim::live {

struct PersonaItem {
  enum class Kind : std::uint8_t { kSent, kReceived, kAgentJoined };
  Kind kind = Kind::kSent;
  runtime::Time at;
  std::string text;
};

const char* persona_item_kind_name(PersonaItem::Kind kind);

struct Persona {
  std::uint32_t id = 0;  // 1-based, in creation order
  stack::ChannelId channel;
  fakes::PersonId person = 0;
  stack::CustomerHandle handle;
  bool outsider = false;  // the sender of a tester's own webhook
  std::string address;    // an outsider's own address ("" for console personas)
  std::vector<PersonaItem> items;
};

class TesterCustomers final : public fakes::Device {
 public:
  // Told of every new item of a persona, right after it is stored.
  using Observer = std::function<void(const Persona& persona, const PersonaItem& item)>;

  // `providers` is indexed by channel id and outlives this object.
  TesterCustomers(runtime::Runtime& runtime, fakes::GroundTruth& truth, const stack::ChannelRegistry& channels,
                  const std::vector<fakes::ProviderFake*>& providers, Observer observer);

  // A new persona on `channel`: its id. It is a new person, or the person of
  // persona `same_person_as` (0 = none). kNotFound for an unknown persona,
  // kRefused when that person already has a persona on `channel`,
  // kUnavailable once kPersonasMax console personas exist.
  // REQUIRES: the channel exists.
  runtime::Result<std::uint32_t> create(stack::ChannelId channel, std::uint32_t same_person_as = 0);
  // The persona types `text`. kNotFound for an unknown persona, kRefused for
  // an outsider (their messages come from the tester's own requests).
  runtime::Status send(std::uint32_t persona, std::string text);
  // The person behind a webhook sender the simulation does not know
  // (WireOptions::admit_outsider).
  std::optional<stack::CustomerHandle> admit(stack::ChannelId channel, std::string_view address);

  // A tester's own webhook from `handle` landed `text`: kept as a sent item
  // of the persona behind it (nothing when the handle is no persona's).
  void note_sent(stack::CustomerHandle handle, std::string text);

  // Null for an unknown id.
  const Persona* find(std::uint32_t persona) const;
  const std::vector<Persona>& all() const { return personas_; }

  // Device: what the providers deliver to the testers' persons.
  void on_business_message(stack::ChannelId channel, stack::CustomerHandle handle, std::string_view text) override;
  void on_agent_joined(stack::ChannelId channel, stack::CustomerHandle handle) override;

  // The most console personas a session makes (outsiders, who need a valid
  // signature, are not capped: refusing one would leave them unjudged).
  static constexpr std::size_t kPersonasMax = 10'000;

 private:
  Persona& add(stack::ChannelId channel, fakes::PersonId person, bool outsider, std::string address);
  // The person an outsider at `address` is: the person of an earlier persona
  // with that phone, or none.
  std::optional<fakes::PersonId> person_with_phone(const std::string& phone) const;
  void store(stack::CustomerHandle handle, PersonaItem item);

  runtime::Runtime& runtime_;
  fakes::GroundTruth& truth_;
  const stack::ChannelRegistry& channels_;
  const std::vector<fakes::ProviderFake*>& providers_;
  Observer observer_;
  std::vector<Persona> personas_;
  std::size_t console_personas_ = 0;
  std::unordered_map<std::uint64_t, std::uint32_t> persona_of_handle_;  // lookups only, never iterated
  // person_with_phone's index over personas_[0, phones_indexed_).
  mutable std::unordered_map<std::string, fakes::PersonId> person_of_phone_;  // lookups only
  mutable std::size_t phones_indexed_ = 0;
};

}  // namespace msgsim::live
