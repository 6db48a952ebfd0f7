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
      behaviour_stream_(runtime.stream("population/" + spec_.id + "/behaviour")),
      choice_stream_(runtime.stream("population/" + spec_.id + "/choices")) {
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
  Customer customer;
  customer.person = person;
  customer.channel = channel;
  customer.handle = handle;
  customer.messages_left = messages;
  customer.intent = pick_intent();
  customers_.push_back(customer);
  start_conversation(member);
  schedule_next_arrival();
}

void Population::start_conversation(std::uint32_t member) {
  Customer& customer = customers_[member];
  runtime_.cancel(customer.patience_timer);  // left over from an earlier conversation
  if (spec_.patience) {
    customer.patience_timer = runtime_.schedule_after(spec_.patience->sample_duration(behaviour_stream_),
                                                      [this, member]() { on_patience_exhausted(member); });
  }
  if (spec_.switch_channel_probability > 0.0 && spec_.channels.size() > 1 &&
      choice_stream_.bernoulli(spec_.switch_channel_probability)) {
    runtime_.schedule_after(spec_.switch_after->sample_duration(choice_stream_),
                            [this, member]() { switch_channel(member); });
  }
  send_one(member);
}

// The customer carries on elsewhere: a new handle on another channel, the
// rest of the conversation (or one more message) written there.
void Population::switch_channel(std::uint32_t member) {
  Customer& customer = customers_[member];
  if (customer.gone) return;
  stack::ChannelId next = customer.channel;
  for (int attempt = 0; attempt < 16 && next == customer.channel; ++attempt) next = pick_channel();
  if (next == customer.channel) return;
  ++switches_;
  customer.channel = next;
  customer.handle = truth_.new_handle(customer.person);
  if (customer.messages_left == 0) {
    customer.messages_left = 1;
    send_one(member);
  }
}

// A conversation is over from the customer's side: they may come back.
void Population::after_conversation(std::uint32_t member) {
  if (spec_.return_probability <= 0.0 || !choice_stream_.bernoulli(spec_.return_probability)) return;
  runtime_.schedule_after(spec_.return_after->sample_duration(choice_stream_), [this, member]() {
    Customer& customer = customers_[member];
    ++returns_;
    customer.gone = false;
    customer.served = false;
    customer.messages_sent = 0;
    customer.messages_left = std::max<std::int64_t>(1, spec_.messages.sample_count(choice_stream_));
    start_conversation(member);
  });
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
  } else {
    after_conversation(index);
  }
}

void Population::on_agent_joined(std::uint32_t member) { customers_[member].served = true; }

// Nobody came in time: the customer stops writing and closes the chat.
void Population::on_patience_exhausted(std::uint32_t member) {
  Customer& customer = customers_[member];
  if (customer.served || customer.gone) return;
  customer.gone = true;
  ++abandoned_;
  const bool conversation_running = runtime_.cancel(customer.next_send);
  providers_[customer.channel.value]->customer_end(customer.handle);
  // A customer whose last message was already sent had their chance to return decided then.
  if (conversation_running) after_conversation(member);
}

}  // namespace msgsim::fakes
