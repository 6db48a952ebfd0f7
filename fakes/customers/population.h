// A population of generated customers. Each arrival is a new person (ground
// truth) who picks a channel by weight, gets a handle on it, and writes
// `messages` messages separated by `think_time`, through that channel's fake
// provider. Customers may give up when no agent joins within their patience
// (they close the chat), switch to another channel mid-conversation (a new
// handle there, the same person), and come back later for a new
// conversation. A customer with an e-mail gives it (or their typo of it) in
// their first message on each channel of a conversation, as a chat asks
// for it. A customer whose number is recycled to a newcomer writes from a
// new number from then on: on SMS and WhatsApp that is a new sender, so a
// new handle. Owned by the world; single-threaded.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "fakes/customers/arrival_process.h"
#include "fakes/customers/person_identity.h"
#include "fakes/ground_truth.h"
#include "fakes/providers/provider_fake.h"
#include "sim/runtime/distribution.h"
#include "sim/runtime/runtime.h"
#include "sim/stack/channels/keywords.h"

namespace msgsim::fakes {

struct PopulationSpec {
  std::string id;
  ArrivalSpec arrivals;
  std::vector<std::pair<stack::ChannelId, double>> channels;  // weights, sum > 0
  runtime::Distribution messages = runtime::Distribution::constant(1.0);
  runtime::Distribution think_time = runtime::Distribution::constant(30.0);
  std::optional<runtime::Distribution> patience;  // none = never abandons
  // After the last message of a conversation (or abandoning), the customer
  // comes back with this probability after `return_after`.
  double return_probability = 0.0;
  std::optional<runtime::Distribution> return_after;
  // During a conversation, the customer moves to another of the population's
  // channels with this probability, `switch_after` its first message.
  double switch_channel_probability = 0.0;
  std::optional<runtime::Distribution> switch_after;
  // Consent behaviour on channels where keywords mean something (SMS, or a
  // configured consent): HELP at the start of a conversation, an opt-out
  // keyword after it, and later possibly the opt-in keyword again.
  double help_probability = 0.0;
  double opt_out_probability = 0.0;
  double opt_in_again_probability = 0.0;
  double style_exact = 1.0, style_lowercase = 0.0, style_padded = 0.0;  // how keywords are typed
  std::vector<bool> keyword_channels;  // by channel id
  // The languages customers write their keywords in, by weight (empty: all
  // use the channel's own words); and, by channel id, the words each of the
  // channel's languages has. A customer whose language the channel lacks,
  // or who needs a word the language lacks, uses STOP / START / HELP.
  std::vector<std::pair<std::string, double>> languages;
  struct LanguageWords {
    std::string tag;
    std::string opt_out, opt_in, help;  // the language's first word of each; empty: none
  };
  std::vector<std::vector<LanguageWords>> language_words;  // by channel id
  // What customers come for, by weight; they say it in their first message.
  std::vector<std::pair<std::string, double>> intents;
  PersonIdentitySpec identity;
};

class Population {
 public:
  // `providers` is indexed by channel id. `horizon`: arrivals stop there.
  Population(runtime::Runtime& runtime, GroundTruth& truth, std::uint32_t index, PopulationSpec spec,
             const std::vector<ProviderFake*>& providers, runtime::Time horizon);
  // Schedules the first arrival.
  void start();
  std::uint64_t arrived() const { return customers_.size(); }
  std::uint64_t abandoned() const { return abandoned_; }
  std::uint64_t returns() const { return returns_; }
  // The handles of the members who use `channel` now, in arrival order.
  std::vector<stack::CustomerHandle> handles_on(stack::ChannelId channel) const;
  std::uint64_t switches() const { return switches_; }
  // The customer's chat shows that an agent joined: they are being served.
  void on_agent_joined(std::uint32_t member);

 private:
  struct Customer {
    PersonId person = 0;
    stack::ChannelId channel;
    stack::CustomerHandle handle;
    std::int64_t messages_left = 0;
    runtime::EventId next_send;
    std::int32_t intent = -1;  // index into spec.intents, -1 = none
    std::int32_t language = -1;  // index into spec.languages, -1 = the channel's own words
    std::int32_t messages_sent = 0;
    bool served = false;
    bool gone = false;
    bool gave_email = false;  // on this handle, in this conversation
    runtime::EventId patience_timer;
  };
  void start_conversation(std::uint32_t member);
  void on_patience_exhausted(std::uint32_t member);
  void after_conversation(std::uint32_t member);
  void switch_channel(std::uint32_t member);
  void send_keyword(std::uint32_t member, stack::KeywordAction action);
  // The word for `action` the customer uses on their current channel.
  std::string keyword_for(const Customer& customer, stack::KeywordAction action) const;
  std::int32_t pick_language();
  bool on_keyword_channel(const Customer& customer) const;
  void schedule_next_arrival();
  void on_arrival();
  void on_number_lost(PersonId person);
  void send_one(std::uint32_t customer);
  std::string next_text(const Customer& customer) const;
  stack::ChannelId pick_channel();

  runtime::Runtime& runtime_;
  GroundTruth& truth_;
  std::uint32_t index_;
  PopulationSpec spec_;
  const std::vector<ProviderFake*>& providers_;
  ArrivalProcess arrivals_;
  runtime::RandomStream arrival_stream_;
  runtime::RandomStream behaviour_stream_;
  std::vector<double> cumulative_weights_;
  std::vector<double> cumulative_intents_;
  std::int32_t pick_intent();
  std::vector<Customer> customers_;
  std::uint64_t abandoned_ = 0;
  std::uint64_t returns_ = 0;
  std::uint64_t switches_ = 0;
  // Returns and switches draw from their own stream, so scenarios without
  // them draw exactly as before.
  runtime::RandomStream choice_stream_;
  PersonIdentityDrawer identities_;
  std::vector<bool> phone_channels_;  // by channel id: the provider knows senders by phone number
};

}  // namespace msgsim::fakes
