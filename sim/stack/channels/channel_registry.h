// The org's messaging channels (at most kMaxChannels), their adapters and the
// provider API each one sends through. Owned by the Stack; single-threaded.
#pragma once

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "sim/runtime/status.h"
#include "sim/stack/channels/channel_adapter.h"
#include "sim/stack/channels/channel_settings.h"
#include "sim/stack/channels/provider_api.h"

namespace msgsim::stack {

class ChannelRegistry {
 public:
  static constexpr std::size_t kMaxChannels = 2000;

  // Adds a channel. Fails (kInvalidInput) past 2,000 channels, for a duplicate
  // id, or (kUnsupported) for a type without an adapter in this build.
  runtime::Result<ChannelId> add(ChannelSettings settings);
  // Connects the provider API of a channel. REQUIRES: `id` exists.
  void connect(ChannelId id, ProviderApi* provider);

  const ChannelSettings& settings(ChannelId id) const { return channels_[id.value].settings; }
  const ChannelAdapter& adapter(ChannelId id) const { return *channels_[id.value].adapter; }
  ProviderApi* provider(ChannelId id) const { return channels_[id.value].provider; }
  // The channel with this id, or none.
  ChannelId find(const std::string& id) const;
  std::size_t size() const { return channels_.size(); }

 private:
  struct Entry {
    ChannelSettings settings;
    const ChannelAdapter* adapter = nullptr;
    ProviderApi* provider = nullptr;
  };
  std::vector<Entry> channels_;
  std::unordered_map<std::string, ChannelId> by_id_;
  std::vector<std::unique_ptr<ChannelAdapter>> adapters_;  // one per type in use
};

}  // namespace msgsim::stack
