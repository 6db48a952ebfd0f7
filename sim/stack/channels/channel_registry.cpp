#include "sim/stack/channels/channel_registry.h"

namespace msgsim::stack {

using runtime::Status;
using runtime::StatusCode;

runtime::Result<ChannelId> ChannelRegistry::add(ChannelSettings settings) {
  if (channels_.size() >= kMaxChannels) {
    return Status(StatusCode::kInvalidInput, "an org has at most 2,000 messaging channels");
  }
  if (by_id_.count(settings.id) != 0) {
    return Status(StatusCode::kInvalidInput, "duplicate channel id \"" + settings.id + "\"");
  }
  const ChannelAdapter* adapter = nullptr;
  for (const auto& existing : adapters_) {
    if (existing->type() == settings.type) adapter = existing.get();
  }
  if (adapter == nullptr) {
    std::unique_ptr<ChannelAdapter> made = make_channel_adapter(settings.type);
    if (!made) {
      return Status(StatusCode::kUnsupported,
                    std::string("channel type ") + channel_type_name(settings.type) + " is not supported yet");
    }
    adapter = made.get();
    adapters_.push_back(std::move(made));
  }
  ChannelId id(static_cast<std::uint32_t>(channels_.size()));
  by_id_.emplace(settings.id, id);
  channels_.push_back(Entry{std::move(settings), adapter, nullptr});
  return id;
}

void ChannelRegistry::connect(ChannelId id, ProviderApi* provider) {
  MSGSIM_CHECK(id.value < channels_.size());
  channels_[id.value].provider = provider;
}

ChannelId ChannelRegistry::find(const std::string& id) const {
  auto it = by_id_.find(id);
  return it == by_id_.end() ? ChannelId() : it->second;
}

}  // namespace msgsim::stack
