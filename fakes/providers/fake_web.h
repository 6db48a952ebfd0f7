// Fake Messaging for Web and In-App providers (the embedded chat client or the
// mobile SDK and their transport). Customer messages get a provider id,
// travel with the configured latency and arrive at the stack's webhook;
// business messages travel back to the customer's browser or app and a
// `delivered` receipt follows. No keywords, windows or templates. The web
// transport can only reach a visitor whose browser has connected (written),
// so a business-initiated send fails there; the in-app SDK pushes to any
// known user. One instance per channel; single-threaded.
#pragma once

#include <string>
#include <unordered_map>
#include <unordered_set>

#include "fakes/providers/fake_platform.h"

namespace msgsim::fakes {

enum class WebFlavor : std::uint8_t { kWeb, kInApp };

class FakeWeb final : public FakePlatform {
 public:
  // The web transport's answer to a send for a visitor it has no connection to.
  static constexpr int kNoConnectionError = 404;

  FakeWeb(runtime::Runtime& runtime, stack::Stack& stack, GroundTruth& truth, Device& device,
          stack::ChannelId channel, FakeProviderSettings settings, WebFlavor flavor = WebFlavor::kWeb);

  // The visitor logs in: the client holds the identity token for this
  // browser or app install only, so another device (another handle) stays a
  // guest until it logs in too.
  bool customer_login(stack::CustomerHandle from, const std::string& subject) override {
    logins_[from.value] = subject;
    return true;
  }

 private:
  void on_customer_message(stack::CustomerHandle from, std::string_view text) override;
  stack::SendOutcome send_admitted(const stack::OutboundRequest& request) override;
  // The visitor id, and the subject of the device's login, else of the
  // person's own verified login when they have one.
  void describe_sender(stack::InboundWebhook& webhook, const PersonIdentity& person) const override {
    webhook.from_address = "visitor-" + std::to_string(webhook.from.value);
    const auto login = logins_.find(webhook.from.value);
    webhook.verified_subject = login != logins_.end() ? login->second : person.web_subject;
  }

  WebFlavor flavor_;
  std::unordered_set<std::uint64_t> connected_;  // handles that wrote; membership only
  std::unordered_map<std::uint64_t, std::string> logins_;  // subject by handle; looked up only
};

// The platform profile of a flavor (stream name, retry delay, error codes).
const PlatformProfile& web_profile(WebFlavor flavor);

}  // namespace msgsim::fakes
