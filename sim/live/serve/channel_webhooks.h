// What a tester needs to post their own webhook to each channel of a live
// session: the URL, the signing secret and how to sign, and the ids the
// platform's payload must carry. `msgsim serve` prints it at start.
// Single-threaded: the thread that owns the world.
#pragma once

#include <string>
#include <vector>

namespace msgsim::harness {
class World;
}  // namespace msgsim::harness

namespace msgsim::live {

struct ChannelWebhook {
  std::string channel;
  std::string type;
  std::string url;
  std::string secret;
  std::string business_address;  // To / phone_number_id / page id / ...
  std::string account_id;        // Twilio AccountSid ("" elsewhere)
  std::string verify_token;      // Meta's hub.verify_token ("" elsewhere)
  std::string signature_header;
  std::string sign_with;         // the `msgsim sign` provider name that makes it
};

// One per wire-mode channel of `world`, in channel order.
std::vector<ChannelWebhook> channel_webhooks(harness::World& world);

}  // namespace msgsim::live
