// A customer played by a scenario script rather than drawn from a
// population: one ground-truth person who acts only when told (send a text,
// wipe the browser, log in, delete a conversation, block an account) and
// keeps everything their devices showed, with times, in an inbox. Every
// action goes through the channel's fake provider, as the platform's app
// would report it. Deciding when to act and judging what arrived is the harness's
// job (the script checker); this class only does what a person at a keyboard
// would. Owned by the world; single-threaded.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fakes/ground_truth.h"
#include "fakes/providers/provider_fake.h"
#include "sim/runtime/runtime.h"

namespace msgsim::fakes {

// One thing a device of the customer showed.
struct DeviceItem {
  enum class Kind : std::uint8_t { kMessage, kAgentJoined };
  Kind kind = Kind::kMessage;
  runtime::Time at;
  stack::ChannelId channel;
  stack::CustomerHandle handle;
  // False when the handle was no longer the customer's current one on that
  // channel (a wiped browser): the customer never saw it.
  bool current = true;
  std::string text;  // kMessage only
};

// Told of every new inbox item, right after it is stored.
class DeviceObserver {
 public:
  virtual ~DeviceObserver() = default;
  virtual void on_device_item(std::uint32_t script, std::size_t inbox_index) = 0;
};

class ScriptedCustomer {
 public:
  // `script` is the script's index in the scenario; the person is added to
  // `truth` now, as scripted. `providers` is indexed by channel id.
  ScriptedCustomer(runtime::Runtime& runtime, GroundTruth& truth, std::uint32_t script,
                   const std::vector<ProviderFake*>& providers);
  ScriptedCustomer(const ScriptedCustomer&) = delete;
  ScriptedCustomer& operator=(const ScriptedCustomer&) = delete;

  // Types `text` on `channel` using the current handle there (a new handle on
  // first use). Returns the message's ground-truth id (its provider message id).
  std::uint64_t send(stack::ChannelId channel, std::string text);
  // Wipes the browser of a web guest: the anonymous id is gone, so the customer
  // continues under a new handle and the next message starts a new
  // conversation with no history. Messages still addressed to the old handle
  // are recorded as not current.
  void clear_device(stack::ChannelId channel);
  // Logs in on `channel` (web, in-app) as the verified user `subject`: the
  // device (its handle, made now on first use) presents the subject with
  // every later message, so the stack can link it to the customer's other
  // devices. A wiped device is logged out. REQUIRES: the channel's app has logins.
  void verify(stack::ChannelId channel, const std::string& subject);
  // Deletes the conversation on `channel` (Apple). False, and nothing
  // happens, when the customer has no conversation there (never wrote).
  // REQUIRES: the channel's app lets customers delete conversations.
  [[nodiscard]] bool delete_conversation(stack::ChannelId channel);
  // Blocks the business account on `channel` (LINE unfollow). False, and
  // nothing happens, when the customer never added the account (never
  // wrote). Writing there again adds it back. REQUIRES: the app has blocking.
  [[nodiscard]] bool block(stack::ChannelId channel);

  // The handle the customer uses on `channel` now, if any.
  std::optional<stack::CustomerHandle> handle_on(stack::ChannelId channel) const;
  PersonId person() const { return person_; }
  std::uint32_t script() const { return script_; }
  const std::vector<DeviceItem>& inbox() const { return inbox_; }
  void set_observer(DeviceObserver* observer) { observer_ = observer; }

  // Device side: what the providers deliver for one of this customer's handles.
  void on_business_message(stack::ChannelId channel, stack::CustomerHandle handle, std::string_view text);
  void on_agent_joined(stack::ChannelId channel, stack::CustomerHandle handle);

 private:
  stack::CustomerHandle handle_for_sending(stack::ChannelId channel);
  void store(DeviceItem item);

  runtime::Runtime& runtime_;
  GroundTruth& truth_;
  std::uint32_t script_;
  PersonId person_;
  const std::vector<ProviderFake*>& providers_;
  // Current handle by channel id; value 0 = none yet (handles start at 1).
  std::vector<stack::CustomerHandle> handles_;
  std::vector<DeviceItem> inbox_;
  DeviceObserver* observer_ = nullptr;
};

}  // namespace msgsim::fakes
