// The credentials a wire-mode channel shares with its provider: signing
// secret, webhook URL, the business's own address and account ids, in each
// platform's formats. Drawn from the run's random stream
// "wire/credentials/<channel id>", so a scenario and seed always give the
// same ones (`msgsim serve` prints them for testers who sign their own
// webhooks with `msgsim sign`).
#pragma once

#include <string>
#include <string_view>

#include "sim/runtime/runtime.h"
#include "sim/stack/channels/channel_settings.h"
#include "sim/stack/wire/wire_events.h"

namespace msgsim::harness {

// `base_url` is where the stack's webhooks are served ("http://127.0.0.1:8080"
// in live mode); the channel's webhook URL is base_url + "/webhooks/" + id.
// `address` is the channel's address from the scenario (its phone number,
// page id, ...); empty = one is drawn in the platform's format.
stack::WireCredentials wire_credentials(const runtime::Runtime& runtime, std::string_view channel_id,
                                        stack::ChannelType type, std::string_view address, std::string_view base_url);

// The base URL of in-process wire mode (nothing listens on it).
inline constexpr std::string_view kInProcessBaseUrl = "https://msgsim.invalid";

}  // namespace msgsim::harness
