// The customers' phones, browsers and apps: every business message and chat
// event a provider delivers lands here and is passed to the customer it
// belongs to (found through the ground truth of handles). Owned by the world;
// single-threaded.
#pragma once

#include <cstdint>
#include <vector>

#include "fakes/customers/population.h"
#include "fakes/customers/scripted_customer.h"
#include "fakes/ground_truth.h"
#include "fakes/providers/device.h"

namespace msgsim::fakes {

class CustomerDevices final : public Device {
 public:
  CustomerDevices(const GroundTruth& truth, std::size_t channels)
      : truth_(truth), received_by_channel_(channels, 0) {}
  // Populations in index order, as GroundTruth's Person::population counts them.
  void add_population(Population* population) { populations_.push_back(population); }
  // Scripted customers in script index order, as Person::member counts them
  // for scripted persons.
  void add_scripted(ScriptedCustomer* customer) { scripted_.push_back(customer); }
  // Another Device told of every delivery too, before the customer sees it
  // (a transcript sampler); none by default. It must outlive the devices.
  void set_tap(Device* tap) { tap_ = tap; }
  // The device of every person a tester plays (kTesterPopulation): a live
  // session shows what reaches them. None by default; it must outlive the devices.
  void set_tester_device(Device* device) { tester_ = device; }

  void on_business_message(stack::ChannelId channel, stack::CustomerHandle handle, std::string_view text) override {
    ++received_by_channel_[channel.value];
    ++received_;
    if (tap_ != nullptr) tap_->on_business_message(channel, handle, text);
    // Only scripted customers and testers read what arrives; skip the lookup otherwise.
    if (scripted_.empty() && tester_ == nullptr) return;
    const Person& person = truth_.persons()[truth_.person_of(handle)];
    if (person.scripted()) scripted_[person.member]->on_business_message(channel, handle, text);
    if (person.tester() && tester_ != nullptr) tester_->on_business_message(channel, handle, text);
  }
  void on_agent_joined(stack::ChannelId channel, stack::CustomerHandle handle) override {
    if (tap_ != nullptr) tap_->on_agent_joined(channel, handle);
    const Person& person = truth_.persons()[truth_.person_of(handle)];
    if (person.scripted()) {
      scripted_[person.member]->on_agent_joined(channel, handle);
    } else if (person.tester()) {
      if (tester_ != nullptr) tester_->on_agent_joined(channel, handle);
    } else {
      populations_[person.population]->on_agent_joined(person.member);
    }
  }
  std::uint64_t received() const { return received_; }
  std::uint64_t received_on(stack::ChannelId channel) const { return received_by_channel_[channel.value]; }

 private:
  const GroundTruth& truth_;
  std::vector<Population*> populations_;
  std::vector<ScriptedCustomer*> scripted_;
  std::vector<std::uint64_t> received_by_channel_;
  std::uint64_t received_ = 0;
  Device* tap_ = nullptr;
  Device* tester_ = nullptr;
};

}  // namespace msgsim::fakes
