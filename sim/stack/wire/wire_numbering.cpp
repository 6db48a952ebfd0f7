#include "sim/stack/wire/wire_numbering.h"

#include "sim/runtime/flat_map.h"

namespace msgsim::stack {

std::uint64_t hash_provider_id(std::string_view id) {
  std::uint64_t hash = 0xcbf29ce484222325ull;
  for (const char c : id) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ull;
  }
  return runtime::mix64(hash);
}

CustomerHandle InterningNumbering::handle_for(ChannelId channel, std::string_view address) {
  if (channels_.size() <= channel.value) channels_.resize(channel.value + 1);
  ChannelAddresses& known = channels_[channel.value];
  const auto [it, inserted] = known.handles.try_emplace(std::string(address), known.handles.size() + 1);
  if (inserted) known.addresses.emplace_back(address);
  return CustomerHandle{it->second};
}

std::string InterningNumbering::address_of(ChannelId channel, CustomerHandle handle) const {
  if (channel.value >= channels_.size()) return {};
  const ChannelAddresses& known = channels_[channel.value];
  if (handle.value == 0 || handle.value > known.addresses.size()) return {};
  return known.addresses[handle.value - 1];
}

ProviderMessageId InterningNumbering::message_for(ChannelId /*channel*/, std::string_view message_id) {
  return ProviderMessageId{hash_provider_id(message_id)};
}

}  // namespace msgsim::stack
