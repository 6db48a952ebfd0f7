// Generated customers' identities as they cross the provider boundary: on SMS
// and WhatsApp one handle is one number, and nobody writes from a number
// after it was recycled to someone else; customers give their own e-mail, or
// the typo they make of it, in their first message on each channel, and some
// typos are another customer's real address.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "sim/harness/scenario_loader.h"
#include "sim/harness/world.h"

namespace msgsim::fakes {
namespace {

harness::Scenario scenario() {
  const std::string text = R"j({"msgsim": 1, "name": "population-identity", "seed": 8, "duration": "24h", "drain": "2h",
    "org": {"identity": {"policy": "phone_email"}, "queues": [{"id": "q"}],
            "channels": [{"id": "sms", "type": "sms", "address": "+14155550100", "routing": {"queue": "q"}, "fallback_queue": "q"},
                         {"id": "wa", "type": "whatsapp", "address": "+14155550101", "routing": {"queue": "q"}, "fallback_queue": "q"},
                         {"id": "web", "type": "web", "address": "00000000-0000-4000-8000-0000000000c1", "routing": {"queue": "q"}, "fallback_queue": "q"}],
            "agents": [{"id": "x", "count": 8, "queues": ["q"], "capacity": 3, "permission_sets": ["MessagingUser"],
                        "behavior": {"handle_time": "exp(5m)", "reply_delay": "10s"}}]},
    "customers": {"populations": [{"id": "p", "arrivals": {"count": 1500, "over": "24h"},
                                   "channels": {"sms": 0.4, "wa": 0.4, "web": 0.2},
                                   "identity": {"has_email": 0.7, "shared_phone": 0.05, "recycled_phone": 0.1,
                                                "email_typo": 0.2},
                                   "behavior": {"messages": "geometric(3)", "think_time": "exp(60s)",
                                                "switch_channel_probability": 0.3, "switch_after": "exp(3m)",
                                                "return_probability": 0.5, "return_after": "exp(4h)"}}]}})j";
  auto loaded = harness::load_scenario_text(text, "population-identity.json");
  EXPECT_TRUE(loaded.is_ok()) << loaded.status().message();
  return loaded.take();
}

// Every customer message as it crossed, with the sender's number at that moment.
struct Sent {
  stack::ChannelId channel;
  stack::CustomerHandle handle;
  PersonId person = 0;
  std::string phone;
  std::string text;
  runtime::Time at;
};

class Recorder final : public CustomerMessageObserver {
 public:
  explicit Recorder(const GroundTruth& truth) : truth_(truth) {}
  void on_customer_message(stack::ChannelId channel, stack::CustomerHandle handle, std::string_view text,
                           runtime::Time at) override {
    const PersonId person = truth_.person_of(handle);
    sent.push_back(Sent{channel, handle, person, truth_.identity(person).phone, std::string(text), at});
  }
  std::vector<Sent> sent;

 private:
  const GroundTruth& truth_;
};

struct ObservedRun {
  harness::Scenario scenario_ = scenario();
  harness::World world{scenario_, scenario_.seed};
  Recorder recorder{world.truth()};
  ObservedRun() {
    world.truth().set_customer_message_observer(&recorder);
    (void)world.run();
    world.truth().set_customer_message_observer(nullptr);
  }
  bool on_phone_channel(const Sent& sent) {
    const stack::ChannelType type = world.stack().channels().settings(sent.channel).type;
    return type == stack::ChannelType::kSms || type == stack::ChannelType::kWhatsapp;
  }
};

// On SMS and WhatsApp a handle is one number, and a number recycled at t is never written from by its
// earlier holders at t or later (they did write from it before).
TEST(PopulationIdentity, NobodyWritesFromANumberTheyLost) {
  ObservedRun run;
  const GroundTruth& truth = run.world.truth();
  ASSERT_GT(truth.reassignments().size(), 50u);
  std::map<std::pair<std::uint32_t, std::uint64_t>, std::string> number_of_handle;
  std::size_t phone_messages = 0;
  std::size_t from_earlier_holders_before = 0;  // the earlier holders did write from those numbers before
  for (const Sent& sent : run.recorder.sent) {
    if (!run.on_phone_channel(sent)) continue;
    ++phone_messages;
    const auto [known, fresh] = number_of_handle.try_emplace({sent.channel.value, sent.handle.value}, sent.phone);
    EXPECT_EQ(known->second, sent.phone) << "a handle changed number at t=" << sent.at.ns();
    for (const Reassignment& reassignment : truth.reassignments()) {
      if (reassignment.phone != sent.phone) continue;
      const bool earlier_holder = std::find(reassignment.previous_holders.begin(), reassignment.previous_holders.end(),
                                            sent.person) != reassignment.previous_holders.end();
      if (!earlier_holder) continue;
      EXPECT_LT(sent.at, reassignment.at) << "person " << sent.person << " wrote from " << sent.phone;
      ++from_earlier_holders_before;
    }
  }
  EXPECT_GT(phone_messages, 3000u);
  EXPECT_GT(from_earlier_holders_before, 50u);
}

// A customer's first message on each channel carries their own e-mail or their typo of it; some typos are
// another customer's real address; customers without an e-mail type none.
TEST(PopulationIdentity, CustomersTypeTheirEmailOrTheirTypoOfIt) {
  ObservedRun run;
  const GroundTruth& truth = run.world.truth();
  std::map<std::string, PersonId> owner;
  for (PersonId person = 0; person < truth.persons().size(); ++person) {
    if (!truth.identity(person).email.empty()) owner.emplace(truth.identity(person).email, person);
  }
  static const std::regex kGiven(", my e-mail is (\\S+)$");
  std::set<std::pair<std::uint32_t, std::uint64_t>> handles_with_email;
  std::set<PersonId> typists;
  std::set<PersonId> landed_on_someone_else;
  std::size_t own = 0;
  for (const Sent& sent : run.recorder.sent) {
    std::smatch match;
    const std::string& email = truth.identity(sent.person).email;
    const bool first_on_handle = !handles_with_email.contains({sent.channel.value, sent.handle.value});
    if (!std::regex_search(sent.text, match, kGiven)) {
      // A later message on a handle, or a customer without an e-mail (this population sends no keywords).
      EXPECT_TRUE(email.empty() || !first_on_handle) << sent.text;
      continue;
    }
    handles_with_email.insert({sent.channel.value, sent.handle.value});
    ASSERT_FALSE(email.empty()) << sent.text;
    if (match[1] == email) {
      ++own;
      continue;
    }
    typists.insert(sent.person);
    const auto other = owner.find(match[1]);
    if (other != owner.end()) {
      EXPECT_NE(other->second, sent.person);
      landed_on_someone_else.insert(sent.person);
    }
  }
  EXPECT_GT(own, 1000u);
  // Of about 1,000 people with an e-mail, a fifth mistype it.
  EXPECT_GT(typists.size(), 100u);
  EXPECT_LT(typists.size(), 350u);
  EXPECT_GT(landed_on_someone_else.size(), 10u);
}

}  // namespace
}  // namespace msgsim::fakes
