// The simulated world's numbering of provider strings, shared by both sides
// of every wire-mode boundary. The fakes name customers and messages with the
// platforms' real identifiers; this directory turns those identifiers back
// into the ground-truth numbers they were made from, so the stack's interned
// numbers are the fakes' own and the oracles read the stack's records as in
// typed mode. The stack learns nothing from it that typed mode does not give
// it (a label per customer and per message).
//   - Opaque ids (PSID, Apple id, LINE userId, visitor id) invert through the
//     platform codec's bijection.
//   - Phones (SMS, WhatsApp) map to the handle that last used them: the
//     network only sees the number, so two people sharing a phone are one
//     sender on the wire, and a recycled number reaches its new owner.
//   - Addresses and ids from outside the simulation (a tester's own webhook
//     in live mode) are given to the outsider admission when one is set
//     (live mode makes each a ground-truth person a tester plays, so the
//     oracles judge them like anyone); otherwise they get numbers from 2^48
//     up, clear of the fakes' numbers.
//   - Message ids from outside likewise: live mode gives each one the
//     ground-truth number its message is recorded under (admit_message)
//     before the stack sees it; others are hashed.
// Single-threaded.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "fakes/ground_truth.h"
#include "fakes/wire/provider_wire_codec.h"
#include "sim/stack/wire/wire_numbering.h"

namespace msgsim::fakes {

// Gives a sender from outside the simulation, at `address` on `channel`, a
// handle made by GroundTruth::new_handle; none = leave them an outsider.
using OutsiderAdmission =
    std::function<std::optional<stack::CustomerHandle>(stack::ChannelId channel, std::string_view address)>;

class WireDirectory final : public stack::WireNumbering {
 public:
  explicit WireDirectory(const GroundTruth& truth) : truth_(truth) {}

  // Empty (the default) = outsiders get numbers from 2^48 up.
  void set_outsider_admission(OutsiderAdmission admission) { admission_ = std::move(admission); }

  // Registers channel `channel` of `type`, whose ids `codec` makes; it must
  // outlive the directory.
  void add_channel(stack::ChannelId channel, stack::ChannelType type, const ProviderWireCodec& codec);

  // The provider-side address of `handle`, whose webhook describes the
  // sender as `described` (the phone or wa_id for phone channels).
  std::string sender_address(stack::ChannelId channel, stack::CustomerHandle handle, std::string_view described);
  // The handle of a fake customer at `address`, or nullopt for an address no
  // fake customer has (the provider then refuses the send).
  std::optional<stack::CustomerHandle> known_handle(stack::ChannelId channel, std::string_view address) const;

  // True iff `message_id` is the id the fakes gave a customer message that
  // the ground truth records on `channel` (a fake's delivery or redelivery).
  bool simulated_message(stack::ChannelId channel, std::string_view message_id) const;
  // From now on message_for(channel, message_id) is `number`: a message from
  // outside the simulation, recorded (or about to be) in the ground truth
  // under that number. forget_message undoes it (the stack refused it).
  void admit_message(stack::ChannelId channel, std::string_view message_id, std::uint64_t number);
  void forget_message(stack::ChannelId channel, std::string_view message_id);
  bool admitted_message(stack::ChannelId channel, std::string_view message_id) const;

  stack::CustomerHandle handle_for(stack::ChannelId channel, std::string_view address) override;
  stack::ProviderMessageId message_for(stack::ChannelId channel, std::string_view message_id) override;
  std::string address_of(stack::ChannelId channel, stack::CustomerHandle handle) const override;

 private:
  struct ChannelEntry {
    const ProviderWireCodec* codec = nullptr;
    stack::ChannelType type = stack::ChannelType::kSms;
    bool phones = false;
    std::unordered_map<std::string, std::uint64_t> handle_of_phone;
    std::unordered_map<std::uint64_t, std::string> phone_of_handle;
    std::unordered_map<std::string, std::uint64_t> outsiders;  // address -> handle (admitted, or from 2^48)
    std::vector<std::string> outsider_addresses;                // by handle - 2^48
    std::unordered_map<std::uint64_t, std::string> admitted_address;  // admitted handle -> own address
    std::unordered_map<std::string, std::uint64_t> admitted_messages;  // outside message id -> number
  };
  const ChannelEntry& entry(stack::ChannelId channel) const;
  ChannelEntry& entry(stack::ChannelId channel);
  std::string phone_address(const ChannelEntry& channel, stack::CustomerHandle handle) const;
  stack::CustomerHandle outsider_handle(stack::ChannelId channel, ChannelEntry& known, std::string_view address);

  const GroundTruth& truth_;
  OutsiderAdmission admission_;
  std::vector<ChannelEntry> channels_;  // by channel id
};

// The first number given to an address from outside the simulation.
constexpr std::uint64_t kOutsiderHandleBase = std::uint64_t{1} << 48;

}  // namespace msgsim::fakes
