#include "fakes/customers/population.h"

#include <algorithm>

#include "sim/runtime/check.h"

namespace msgsim::fakes {

Population::Population(runtime::Runtime& runtime, GroundTruth& truth, std::uint32_t index, PopulationSpec spec,
                       const std::vector<ProviderFake*>& providers, runtime::Time horizon)
    : runtime_(runtime),
      truth_(truth),
      index_(index),
      spec_(std::move(spec)),
      providers_(providers),
      arrivals_(spec_.arrivals, horizon),
      arrival_stream_(runtime.stream("population/" + spec_.id + "/arrivals")),
      behaviour_stream_(runtime.stream("population/" + spec_.id + "/behaviour")) {
  MSGSIM_CHECK(!spec_.channels.empty());
  double total = 0.0;
  for (const auto& [channel, weight] : spec_.channels) {
    MSGSIM_CHECK(channel.value < providers_.size() && providers_[channel.value] != nullptr);
    total += weight;
    cumulative_weights_.push_back(total);
  }
  MSGSIM_CHECK(total > 0.0);
  double intents = 0.0;
  for (const auto& [intent, weight] : spec_.intents) {
    intents += weight;
    cumulative_intents_.push_back(intents);
  }
}

std::int32_t Population::pick_intent() {
  if (cumulative_intents_.empty() || cumulative_intents_.back() <= 0.0) return -1;
  const double u = behaviour_stream_.next_double() * cumulative_intents_.back();
  auto it = std::upper_bound(cumulative_intents_.begin(), cumulative_intents_.end(), u);
  return static_cast<std::int32_t>(std::min<std::size_t>(static_cast<std::size_t>(it - cumulative_intents_.begin()),
                                                          cumulative_intents_.size() - 1));
}

void Population::start() { schedule_next_arrival(); }

void Population::schedule_next_arrival() {
  std::optional<runtime::Time> at = arrivals_.next(arrival_stream_);
  if (!at) return;
  runtime_.schedule_at(*at, [this]() { on_arrival(); });
}

stack::ChannelId Population::pick_channel() {
  if (spec_.channels.size() == 1) return spec_.channels.front().first;
  const double u = behaviour_stream_.next_double() * cumulative_weights_.back();
  auto it = std::upper_bound(cumulative_weights_.begin(), cumulative_weights_.end(), u);
  std::size_t i = std::min<std::size_t>(static_cast<std::size_t>(it - cumulative_weights_.begin()),
                                        spec_.channels.size() - 1);
  return spec_.channels[i].first;
}

void Population::on_arrival() {
  const auto member = static_cast<std::uint32_t>(customers_.size());
  const PersonId person = truth_.add_person(index_, member, runtime_.now());
  const stack::ChannelId channel = pick_channel();
  // A web visitor's anonymous id is unique per person.
  const stack::CustomerHandle handle = truth_.new_handle(person);
  // A conversation has at least one message: a count distribution that draws
  // zero (poisson) still brings the customer in once.
  const std::int64_t messages = std::max<std::int64_t>(1, spec_.messages.sample_count(behaviour_stream_));
  customers_.push_back(Customer{person, channel, handle, messages, runtime::EventId(), pick_intent()});
  if (spec_.patience) {
    runtime_.schedule_after(spec_.patience->sample_duration(behaviour_stream_),
                            [this, member]() { on_patience_exhausted(member); });
  }
  send_one(member);
  schedule_next_arrival();
}

void Population::send_one(std::uint32_t index) {
  Customer& customer = customers_[index];
  // The first message says what the customer came for, so a flow's bot can
  // capture the intent from the conversation.
  const bool first = customer.messages_sent++ == 0;
  --customer.messages_left;
  std::string text = first && customer.intent >= 0
                         ? "I need help with " + spec_.intents[static_cast<std::size_t>(customer.intent)].first
                         : std::string("I need help");
  providers_[customer.channel.value]->customer_send(customer.person, customer.handle, std::move(text));
  customer.next_send = runtime::EventId();
  if (customer.messages_left > 0) {
    customer.next_send = runtime_.schedule_after(spec_.think_time.sample_duration(behaviour_stream_),
                                                 [this, index]() { send_one(index); });
  }
}

void Population::on_agent_joined(std::uint32_t member) { customers_[member].served = true; }

// Nobody came in time: the customer stops writing and closes the chat.
void Population::on_patience_exhausted(std::uint32_t member) {
  Customer& customer = customers_[member];
  if (customer.served || customer.gone) return;
  customer.gone = true;
  ++abandoned_;
  runtime_.cancel(customer.next_send);
  providers_[customer.channel.value]->customer_end(customer.handle);
}

}  // namespace msgsim::fakes
