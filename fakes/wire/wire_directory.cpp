#include "fakes/wire/wire_directory.h"

#include "sim/runtime/check.h"

namespace msgsim::fakes {

void WireDirectory::add_channel(stack::ChannelId channel, stack::ChannelType type, const ProviderWireCodec& codec) {
  if (channels_.size() <= channel.value) channels_.resize(channel.value + 1);
  ChannelEntry& added = channels_[channel.value];
  added.codec = &codec;
  added.type = type;
  added.phones = type == stack::ChannelType::kSms || type == stack::ChannelType::kWhatsapp;
}

const WireDirectory::ChannelEntry& WireDirectory::entry(stack::ChannelId channel) const {
  MSGSIM_CHECK_MSG(channel.value < channels_.size() && channels_[channel.value].codec != nullptr,
                   "a wire channel the directory does not know");
  return channels_[channel.value];
}

WireDirectory::ChannelEntry& WireDirectory::entry(stack::ChannelId channel) {
  return const_cast<ChannelEntry&>(static_cast<const WireDirectory&>(*this).entry(channel));
}

std::string WireDirectory::sender_address(stack::ChannelId channel, stack::CustomerHandle handle,
                                          std::string_view described) {
  ChannelEntry& known = entry(channel);
  if (!known.phones) return known.codec->opaque_address(handle.value);
  std::string phone(described);
  known.handle_of_phone[phone] = handle.value;
  known.phone_of_handle[handle.value] = phone;
  return phone;
}

std::optional<stack::CustomerHandle> WireDirectory::known_handle(stack::ChannelId channel,
                                                                 std::string_view address) const {
  const ChannelEntry& known = entry(channel);
  const auto outsider = known.outsiders.find(std::string(address));
  if (outsider != known.outsiders.end() && outsider->second < kOutsiderHandleBase) {
    return stack::CustomerHandle{outsider->second};  // admitted: a person now
  }
  if (known.phones) {
    const auto it = known.handle_of_phone.find(std::string(address));
    if (it == known.handle_of_phone.end()) return std::nullopt;
    return stack::CustomerHandle{it->second};
  }
  const std::optional<std::uint64_t> number = known.codec->opaque_number(address);
  if (!number || *number == 0 || *number >= kOutsiderHandleBase) return std::nullopt;
  // An id from outside may decode to a number no fake customer was given.
  if (!truth_.knows(stack::CustomerHandle{*number})) return std::nullopt;
  return stack::CustomerHandle{*number};
}

stack::CustomerHandle WireDirectory::handle_for(stack::ChannelId channel, std::string_view address) {
  ChannelEntry& known = entry(channel);
  // Outsiders first: an admitted outsider's own address must keep naming
  // them even if it happens to decode like a fake's id.
  const auto outsider = known.outsiders.find(std::string(address));
  if (outsider != known.outsiders.end()) return stack::CustomerHandle{outsider->second};
  if (const std::optional<stack::CustomerHandle> handle = known_handle(channel, address)) return *handle;
  return outsider_handle(channel, known, address);
}

stack::CustomerHandle WireDirectory::outsider_handle(stack::ChannelId channel, ChannelEntry& known,
                                                     std::string_view address) {
  std::optional<stack::CustomerHandle> admitted;
  if (admission_) admitted = admission_(channel, address);
  if (admitted) {
    MSGSIM_CHECK_MSG(truth_.knows(*admitted), "an outsider admitted under a handle nobody was given");
    known.outsiders.emplace(std::string(address), admitted->value);
    known.admitted_address.emplace(admitted->value, std::string(address));
    if (known.phones) {
      known.handle_of_phone[std::string(address)] = admitted->value;
      known.phone_of_handle[admitted->value] = std::string(address);
    }
    return *admitted;
  }
  const std::uint64_t number = kOutsiderHandleBase + known.outsider_addresses.size();
  known.outsiders.emplace(std::string(address), number);
  known.outsider_addresses.emplace_back(address);
  return stack::CustomerHandle{number};
}

bool WireDirectory::simulated_message(stack::ChannelId channel, std::string_view message_id) const {
  const std::optional<std::uint64_t> number = entry(channel).codec->message_number(message_id);
  if (!number || *number >= truth_.messages().size()) return false;
  return truth_.messages()[*number].channel == channel;
}

void WireDirectory::admit_message(stack::ChannelId channel, std::string_view message_id, std::uint64_t number) {
  entry(channel).admitted_messages[std::string(message_id)] = number;
}

void WireDirectory::forget_message(stack::ChannelId channel, std::string_view message_id) {
  entry(channel).admitted_messages.erase(std::string(message_id));
}

bool WireDirectory::admitted_message(stack::ChannelId channel, std::string_view message_id) const {
  return entry(channel).admitted_messages.contains(std::string(message_id));
}

stack::ProviderMessageId WireDirectory::message_for(stack::ChannelId channel, std::string_view message_id) {
  const ChannelEntry& known = entry(channel);
  const auto admitted = known.admitted_messages.find(std::string(message_id));
  if (admitted != known.admitted_messages.end()) return stack::ProviderMessageId{admitted->second};
  if (const std::optional<std::uint64_t> number = known.codec->message_number(message_id)) {
    return stack::ProviderMessageId{*number};
  }
  return stack::ProviderMessageId{stack::hash_provider_id(message_id)};
}

std::string WireDirectory::phone_address(const ChannelEntry& channel, stack::CustomerHandle handle) const {
  const auto it = channel.phone_of_handle.find(handle.value);
  if (it != channel.phone_of_handle.end()) return it->second;
  // A customer the business contacts before they ever wrote: the phone the
  // business has on file for them.
  if (handle.value == 0 || handle.value >= kOutsiderHandleBase) return {};
  const std::string& phone = truth_.identity(truth_.person_of(handle)).phone;
  if (channel.type == stack::ChannelType::kSms) return phone;
  std::string digits;  // WhatsApp's wa_id: the number's digits, no '+'
  for (const char c : phone) {
    if (c >= '0' && c <= '9') digits += c;
  }
  return digits;
}

std::string WireDirectory::address_of(stack::ChannelId channel, stack::CustomerHandle handle) const {
  const ChannelEntry& known = entry(channel);
  if (handle.value >= kOutsiderHandleBase) {
    const std::uint64_t index = handle.value - kOutsiderHandleBase;
    return index < known.outsider_addresses.size() ? known.outsider_addresses[index] : std::string();
  }
  if (known.phones) return phone_address(known, handle);
  const auto admitted = known.admitted_address.find(handle.value);
  if (admitted != known.admitted_address.end()) return admitted->second;
  return known.codec->opaque_address(handle.value);
}

}  // namespace msgsim::fakes
