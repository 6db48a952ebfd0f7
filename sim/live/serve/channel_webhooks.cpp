#include "sim/live/serve/channel_webhooks.h"

#include <utility>

#include "sim/harness/world.h"

namespace msgsim::live {

namespace {

// The signature header of a channel type and the `msgsim sign` provider
// whose scheme makes it (connectors use Meta's scheme; Apple's bearer token
// is Meta's hex without "sha256=").
std::pair<std::string, std::string> signing_of(stack::ChannelType type) {
  switch (type) {
    case stack::ChannelType::kSms: return {"X-Twilio-Signature", "twilio"};
    case stack::ChannelType::kWhatsapp:
    case stack::ChannelType::kMessenger: return {"X-Hub-Signature-256", "meta"};
    case stack::ChannelType::kLine: return {"x-line-signature", "line"};
    case stack::ChannelType::kApple: return {"Authorization", "meta (send \"Bearer \" + the hex after sha256=)"};
    default: return {"X-Msgsim-Signature", "meta"};
  }
}

}  // namespace

std::vector<ChannelWebhook> channel_webhooks(harness::World& world) {
  stack::ChannelRegistry& channels = world.stack().channels();
  std::vector<ChannelWebhook> out;
  if (world.wire_boundaries() == nullptr) return out;
  for (std::uint32_t i = 0; i < channels.size(); ++i) {
    const stack::ChannelId id(i);
    const stack::WireEndpoint* endpoint = world.wire_boundaries()->endpoint(id);
    if (endpoint == nullptr) continue;
    const stack::WireCredentials& credentials = endpoint->credentials();
    const stack::ChannelSettings& settings = channels.settings(id);
    auto [header, sign_with] = signing_of(settings.type);
    // Only Meta's platforms have the verification handshake.
    const bool meta = settings.type == stack::ChannelType::kWhatsapp || settings.type == stack::ChannelType::kMessenger;
    out.push_back(ChannelWebhook{settings.id, stack::channel_type_name(settings.type), credentials.webhook_url,
                                 credentials.secret, credentials.business_address, credentials.account_id,
                                 meta ? credentials.verify_token : std::string(), header, sign_with});
  }
  return out;
}

}  // namespace msgsim::live
