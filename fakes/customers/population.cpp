#include "fakes/customers/population.h"

#include <algorithm>
#include <cctype>

#include "fakes/providers/fake_sms.h"
#include "fakes/providers/fake_whatsapp.h"
#include "sim/runtime/check.h"

namespace msgsim::fakes {

namespace {

// SMS and WhatsApp know a customer by their phone number: a new number is a
// new sender there.
bool knows_senders_by_phone(const ProviderFake* provider) {
  return dynamic_cast<const FakeSms*>(provider) != nullptr || dynamic_cast<const FakeWhatsApp*>(provider) != nullptr;
}

}  // namespace

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
      choice_stream_(runtime.stream("population/" + spec_.id + "/choices")),
      identities_(runtime, truth, spec_.id, spec_.identity) {
  MSGSIM_CHECK(!spec_.channels.empty());
  phone_channels_.reserve(providers_.size());
  for (const ProviderFake* provider : providers_) phone_channels_.push_back(knows_senders_by_phone(provider));
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
  for (const PersonId earlier : identities_.draw(person)) on_number_lost(earlier);
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
  customer.language = pick_language();
  customers_.push_back(customer);
  start_conversation(member);
  schedule_next_arrival();
}

// The customer's number went to someone else; they write from their new
// one (already in their identity), which SMS and WhatsApp see as a new sender.
void Population::on_number_lost(PersonId person) {
  const Person& who = truth_.persons()[person];
  MSGSIM_CHECK(who.population == index_ && who.member < customers_.size());
  Customer& customer = customers_[who.member];
  if (!phone_channels_[customer.channel.value]) return;
  customer.handle = truth_.new_handle(person);
  customer.gave_email = false;
}

bool Population::on_keyword_channel(const Customer& customer) const {
  return customer.channel.value < spec_.keyword_channels.size() && spec_.keyword_channels[customer.channel.value];
}

// Keywords typed the way people type them: exact, lowercase, or padded.
std::string Population::keyword_for(const Customer& customer, stack::KeywordAction action) const {
  if (customer.language >= 0 && customer.channel.value < spec_.language_words.size()) {
    const std::string& tag = spec_.languages[static_cast<std::size_t>(customer.language)].first;
    for (const PopulationSpec::LanguageWords& words : spec_.language_words[customer.channel.value]) {
      if (words.tag != tag) continue;
      const std::string& word = action == stack::KeywordAction::kOptOut  ? words.opt_out
                                : action == stack::KeywordAction::kOptIn ? words.opt_in
                                                                         : words.help;
      if (!word.empty()) return word;
    }
  }
  return action == stack::KeywordAction::kOptOut ? "STOP" : action == stack::KeywordAction::kOptIn ? "START" : "HELP";
}

// Languages are drawn only when the population has some, so populations
// without them keep their random sequences.
std::int32_t Population::pick_language() {
  if (spec_.languages.empty()) return -1;
  double total = 0.0;
  for (const auto& [tag, weight] : spec_.languages) total += weight;
  const double u = choice_stream_.next_double() * total;
  double below = 0.0;
  for (std::size_t i = 0; i < spec_.languages.size(); ++i) {
    below += spec_.languages[i].second;
    if (u < below) return static_cast<std::int32_t>(i);
  }
  return static_cast<std::int32_t>(spec_.languages.size() - 1);
}

void Population::send_keyword(std::uint32_t member, stack::KeywordAction action) {
  const Customer& customer = customers_[member];
  const double total = spec_.style_exact + spec_.style_lowercase + spec_.style_padded;
  const double u = choice_stream_.next_double() * total;
  std::string text = keyword_for(customer, action);
  if (u >= spec_.style_exact && u < spec_.style_exact + spec_.style_lowercase) {
    for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  } else if (u >= spec_.style_exact + spec_.style_lowercase) {
    text = "  " + text + " ";
  }
  providers_[customer.channel.value]->customer_send(customer.person, customer.handle, std::move(text));
}

void Population::start_conversation(std::uint32_t member) {
  Customer& customer = customers_[member];
  customer.gave_email = false;
  if (spec_.help_probability > 0.0 && on_keyword_channel(customer) && choice_stream_.bernoulli(spec_.help_probability)) {
    send_keyword(member, stack::KeywordAction::kHelp);
  }
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
  customer.gave_email = false;
  if (customer.messages_left == 0) {
    customer.messages_left = 1;
    send_one(member);
  }
}

// A conversation is over from the customer's side: they may opt out, and
// may come back.
void Population::after_conversation(std::uint32_t member) {
  if (spec_.opt_out_probability > 0.0 && on_keyword_channel(customers_[member]) &&
      choice_stream_.bernoulli(spec_.opt_out_probability)) {
    const bool opt_in_again = choice_stream_.bernoulli(spec_.opt_in_again_probability);
    const runtime::Duration later = spec_.think_time.sample_duration(choice_stream_);
    runtime_.schedule_after(later, [this, member, opt_in_again]() {
      send_keyword(member, stack::KeywordAction::kOptOut);
      if (!opt_in_again) return;
      // Back on the list some hours later.
      runtime_.schedule_after(runtime::Duration::hours(2) + spec_.think_time.sample_duration(choice_stream_),
                              [this, member]() { send_keyword(member, stack::KeywordAction::kOptIn); });
    });
  }
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
  std::string text = next_text(customer);
  ++customer.messages_sent;
  customer.gave_email = true;
  --customer.messages_left;
  providers_[customer.channel.value]->customer_send(customer.person, customer.handle, std::move(text));
  customer.next_send = runtime::EventId();
  if (customer.messages_left > 0) {
    customer.next_send = runtime_.schedule_after(spec_.think_time.sample_duration(behaviour_stream_),
                                                 [this, index]() { send_one(index); });
  } else {
    after_conversation(index);
  }
}

// What the customer writes next: what they came for in the first message,
// and their e-mail in the first message on this handle (typed as they type
// it), which a phone_email policy reads.
std::string Population::next_text(const Customer& customer) const {
  std::string text = customer.messages_sent == 0 && customer.intent >= 0
                         ? "I need help with " + spec_.intents[static_cast<std::size_t>(customer.intent)].first
                         : std::string("I need help");
  const std::string& email = identities_.typed_email(customer.person);
  if (!customer.gave_email && !email.empty()) text += ", my e-mail is " + email;
  return text;
}

std::vector<stack::CustomerHandle> Population::handles_on(stack::ChannelId channel) const {
  std::vector<stack::CustomerHandle> handles;
  for (const Customer& customer : customers_) {
    if (customer.channel == channel) handles.push_back(customer.handle);
  }
  return handles;
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
