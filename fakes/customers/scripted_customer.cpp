#include "fakes/customers/scripted_customer.h"

#include <utility>

#include "sim/runtime/check.h"

namespace msgsim::fakes {

ScriptedCustomer::ScriptedCustomer(runtime::Runtime& runtime, GroundTruth& truth, std::uint32_t script,
                                   const std::vector<ProviderFake*>& providers)
    : runtime_(runtime),
      truth_(truth),
      script_(script),
      person_(truth.add_person(kScriptedPopulation, script, runtime.now())),
      providers_(providers),
      handles_(providers.size()) {}

stack::CustomerHandle ScriptedCustomer::handle_for_sending(stack::ChannelId channel) {
  MSGSIM_CHECK(channel.value < handles_.size() && providers_[channel.value] != nullptr);
  stack::CustomerHandle& handle = handles_[channel.value];
  if (handle.value == 0) handle = truth_.new_handle(person_);
  return handle;
}

std::uint64_t ScriptedCustomer::send(stack::ChannelId channel, std::string text) {
  const stack::CustomerHandle handle = handle_for_sending(channel);
  const std::size_t before = truth_.messages().size();
  providers_[channel.value]->customer_send(person_, handle, std::move(text));
  // Providers record each customer message in the ground truth as they accept
  // it; its index is the provider message id the stack will see.
  MSGSIM_CHECK_MSG(truth_.messages().size() == before + 1, "a provider did not record a customer message");
  return before;
}

void ScriptedCustomer::clear_device(stack::ChannelId channel) {
  MSGSIM_CHECK(channel.value < handles_.size());
  handles_[channel.value] = truth_.new_handle(person_);
}

void ScriptedCustomer::verify(stack::ChannelId channel, const std::string& subject) {
  const stack::CustomerHandle handle = handle_for_sending(channel);
  MSGSIM_CHECK_MSG(providers_[channel.value]->customer_login(handle, subject),
                   "verify on a channel whose app has no login");
}

bool ScriptedCustomer::delete_conversation(stack::ChannelId channel) {
  const std::optional<stack::CustomerHandle> handle = handle_on(channel);
  if (!handle) return false;
  MSGSIM_CHECK_MSG(providers_[channel.value]->customer_delete_conversation(*handle),
                   "delete_conversation on a channel whose app cannot delete conversations");
  return true;
}

bool ScriptedCustomer::block(stack::ChannelId channel) {
  const std::optional<stack::CustomerHandle> handle = handle_on(channel);
  if (!handle) return false;
  MSGSIM_CHECK_MSG(providers_[channel.value]->customer_block(*handle), "block on a channel whose app cannot block");
  return true;
}

std::optional<stack::CustomerHandle> ScriptedCustomer::handle_on(stack::ChannelId channel) const {
  if (channel.value >= handles_.size() || handles_[channel.value].value == 0) return std::nullopt;
  return handles_[channel.value];
}

void ScriptedCustomer::on_business_message(stack::ChannelId channel, stack::CustomerHandle handle,
                                           std::string_view text) {
  DeviceItem item;
  item.kind = DeviceItem::Kind::kMessage;
  item.channel = channel;
  item.handle = handle;
  item.text = std::string(text);
  store(std::move(item));
}

void ScriptedCustomer::on_agent_joined(stack::ChannelId channel, stack::CustomerHandle handle) {
  DeviceItem item;
  item.kind = DeviceItem::Kind::kAgentJoined;
  item.channel = channel;
  item.handle = handle;
  store(std::move(item));
}

void ScriptedCustomer::store(DeviceItem item) {
  item.at = runtime_.now();
  item.current = item.channel.value < handles_.size() && handles_[item.channel.value] == item.handle;
  inbox_.push_back(std::move(item));
  if (observer_ != nullptr) observer_->on_device_item(script_, inbox_.size() - 1);
}

}  // namespace msgsim::fakes
