// The transcript sampler in whole runs: it shows at most five conversations,
// every channel that had writers, and one with a transfer or consent keyword;
// the customer view is what the device sent and received, the agent view the
// stack's transcript in time order with the contact's other channels marked
// as linked; lines are bounded and counted beyond the bound; and the same
// seed gives the same sample.
#include "sim/harness/oracles/transcript_sampler.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "sim/harness/scenario_loader.h"
#include "sim/harness/support_check.h"
#include "sim/harness/world.h"

namespace msgsim::harness {
namespace {

// SMS, WhatsApp and web into one desk; agents transfer half their chats to tier 2;
// some customers text STOP; everyone who starts on SMS or WhatsApp switches to the other.
constexpr const char* kBusyDesk = R"json({"msgsim": 1, "name": "busy-desk", "seed": 5, "duration": "2h", "drain": "1h",
  "org": {"queues": [{"id": "support"}, {"id": "tier2"}],
    "channels": [
      {"id": "sms", "type": "sms", "address": "+14155550100", "routing": {"queue": "support"},
       "fallback_queue": "support", "auto_responses": {"initial": "Thanks, an agent will be with you shortly."}},
      {"id": "wa", "type": "whatsapp", "address": "+14155550101", "routing": {"queue": "support"},
       "fallback_queue": "support"},
      {"id": "web", "type": "web", "address": "00000000-0000-4000-8000-0000000000d1", "routing": {"queue": "support"},
       "fallback_queue": "support"}],
    "agents": [{"id": "agent", "count": 6, "queues": ["support", "tier2"], "capacity": 3,
                "permission_sets": ["MessagingUser"],
                "behavior": {"accept_delay": "3s", "reply_delay": "20s", "handle_time": "10m",
                             "transfer_probability": 0.5, "transfer_to": {"queue": "tier2"}}}]},
  "providers": {"*": {"latency": "400ms"}},
  "customers": {"populations": [{"id": "people", "arrivals": {"count": 120, "over": "2h"},
    "channels": {"sms": 0.4, "wa": 0.3, "web": 0.3},
    "consent": {"opt_out_probability": 0.2},
    "behavior": {"messages": "geometric(3)", "think_time": "exp(30s)", "switch_channel_probability": 1.0,
                 "switch_after": "exp(2m)"}}]}})json";

Scenario load(const std::string& text) {
  runtime::Result<Scenario> loaded = load_scenario_text(text, "desk.json");
  EXPECT_TRUE(loaded.is_ok()) << loaded.status().message();
  if (!loaded.is_ok()) return Scenario();
  const runtime::Status supported = check_supported(loaded.value());
  EXPECT_TRUE(supported.is_ok()) << supported.message();
  return loaded.take();
}

std::vector<SampledConversation> sample_of(const Scenario& scenario) {
  World world(scenario, scenario.seed);
  return world.run().transcripts;
}

const char* kind(CustomerViewLine::Kind value) {
  if (value == CustomerViewLine::Kind::kSent) return "sent";
  return value == CustomerViewLine::Kind::kReceived ? "received" : "joined";
}

// At most five, every channel with writers shown, one with a transfer or a consent keyword, by first session.
TEST(TranscriptSampler, ShowsEveryChannelAndAnEventfulConversation) {
  const std::vector<SampledConversation> shown = sample_of(load(kBusyDesk));
  ASSERT_FALSE(shown.empty());
  EXPECT_LE(shown.size(), 5u);
  std::set<std::string> channels;
  for (const SampledConversation& conversation : shown) channels.insert(conversation.channel);
  EXPECT_EQ(channels, (std::set<std::string>{"sms", "wa", "web"}));
  EXPECT_TRUE(std::any_of(shown.begin(), shown.end(),
                          [](const SampledConversation& c) { return c.transfer || c.consent; }));
  for (std::size_t i = 1; i < shown.size(); ++i) EXPECT_LT(shown[i - 1].sessions.front(), shown[i].sessions.front());
}

// The customer view is the device's: each sent text landed in the agent view as a customer line no earlier
// than it was sent, and each received text was submitted by the stack no later than it arrived.
TEST(TranscriptSampler, BothViewsTellTheSameConversation) {
  for (const SampledConversation& conversation : sample_of(load(kBusyDesk))) {
    SCOPED_TRACE(conversation.customer + " on " + conversation.channel);
    ASSERT_FALSE(conversation.customer_view.empty());
    EXPECT_EQ(conversation.customer_view.front().kind, CustomerViewLine::Kind::kSent);
    ASSERT_FALSE(conversation.agent_view.empty());
    EXPECT_TRUE(std::is_sorted(conversation.agent_view.begin(), conversation.agent_view.end(),
                               [](const AgentViewLine& a, const AgentViewLine& b) { return a.t_s < b.t_s; }));
    for (const CustomerViewLine& line : conversation.customer_view) {
      if (line.kind == CustomerViewLine::Kind::kAgentJoined) continue;
      const bool sent = line.kind == CustomerViewLine::Kind::kSent;
      const bool found = std::any_of(conversation.agent_view.begin(), conversation.agent_view.end(),
                                     [&](const AgentViewLine& agent) {
                                       return !agent.linked && agent.text == line.text &&
                                              (sent ? agent.from == "customer" && agent.t_s >= line.t_s
                                                    : agent.from != "customer" && agent.from != "system" &&
                                                          agent.t_s <= line.t_s);
                                     });
      EXPECT_TRUE(found) << kind(line.kind) << " at " << line.t_s << ": " << line.text;
    }
  }
}

// Customers who switch from SMS to WhatsApp keep their phone, so identity links them: a shown conversation
// lists the other channel and carries its messages as linked lines.
TEST(TranscriptSampler, AgentViewHoldsTheLinkedChannelsMessages) {
  const std::vector<SampledConversation> shown = sample_of(load(kBusyDesk));
  const auto linked = std::find_if(shown.begin(), shown.end(), [](const SampledConversation& c) {
    return !c.linked_channels.empty();
  });
  ASSERT_NE(linked, shown.end());
  const std::string other = linked->channel == "sms" ? "wa" : "sms";
  EXPECT_EQ(linked->linked_channels, std::vector<std::string>{other});
  EXPECT_TRUE(std::any_of(linked->agent_view.begin(), linked->agent_view.end(), [&](const AgentViewLine& line) {
    return line.linked && line.channel == other && line.from == "customer";
  }));
  EXPECT_TRUE(std::any_of(linked->agent_view.begin(), linked->agent_view.end(), [](const AgentViewLine& line) {
    return line.from == "system" && line.text.find("(phone number)") != std::string::npos;
  }));
}

// The same seed gives the same sample, line for line.
TEST(TranscriptSampler, SameSeedSameSample) {
  const Scenario scenario = load(kBusyDesk);
  EXPECT_EQ(transcripts_json(sample_of(scenario)).dump(), transcripts_json(sample_of(scenario)).dump());
}

// A desk of one channel still shows five conversations: the first five customers, in order.
TEST(TranscriptSampler, OneChannelDeskShowsFive) {
  const Scenario scenario = load(R"json({"msgsim": 1, "name": "one-channel", "seed": 3, "duration": "1h",
    "org": {"queues": [{"id": "support"}],
      "channels": [{"id": "web", "type": "web", "address": "00000000-0000-4000-8000-0000000000d3",
                    "routing": {"queue": "support"}, "fallback_queue": "support"}],
      "agents": [{"id": "agent", "count": 3, "queues": ["support"], "permission_sets": ["MessagingUser"]}]},
    "customers": {"populations": [{"id": "p", "arrivals": {"count": 12, "over": "1h"},
                                   "channels": {"web": 1.0}}]}})json");
  const std::vector<SampledConversation> shown = sample_of(scenario);
  ASSERT_EQ(shown.size(), 5u);
  for (std::uint32_t i = 0; i < shown.size(); ++i) EXPECT_EQ(shown[i].sessions, std::vector<std::uint32_t>{i});
}

// A customer who writes 80 messages: each view keeps 60 lines and counts the rest.
TEST(TranscriptSampler, LinesAreBoundedAndCounted) {
  const Scenario scenario = load(R"({"msgsim": 1, "name": "chatty", "seed": 3, "duration": "1h", "drain": "1h",
    "org": {"queues": [{"id": "support"}],
      "channels": [{"id": "web", "type": "web", "address": "00000000-0000-4000-8000-0000000000d2",
                    "routing": {"queue": "support"}, "fallback_queue": "support"}],
      "agents": [{"id": "agent", "queues": ["support"], "permission_sets": ["MessagingUser"],
                  "behavior": {"reply_delay": "5s", "handle_time": "2h"}}]},
    "customers": {"populations": [{"id": "p", "arrivals": {"at": ["1m"]}, "channels": {"web": 1.0},
      "behavior": {"messages": 80, "think_time": "10s"}}]}})");
  const std::vector<SampledConversation> shown = sample_of(scenario);
  ASSERT_EQ(shown.size(), 1u);
  EXPECT_EQ(shown[0].customer_view.size(), 60u);
  EXPECT_GT(shown[0].customer_view_omitted, 80u);  // 80 sent and about as many received, 60 kept
  EXPECT_EQ(shown[0].agent_view.size(), 60u);
  EXPECT_GT(shown[0].agent_view_omitted, 80u);
}

}  // namespace
}  // namespace msgsim::harness
