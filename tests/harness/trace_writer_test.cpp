// The streamed trace: one JSON line per event with its kind, exact simulated
// seconds and the ids it carries (configured names for channels, queues and
// agents), and observing a run (trace, progress) never changes its results.
#include "sim/harness/trace_writer.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>

#include "sim/harness/runner.h"
#include "sim/harness/scenario_loader.h"
#include "sim/stack/channels/payloads.h"
#include "sim/stack/routing/routing_settings.h"
#include "sim/stack/sessions/session_state.h"

namespace msgsim::harness {
namespace {

using runtime::Duration;
using runtime::Time;
using stack::TraceEvent;
using stack::TraceKind;

const TraceNames kNames{{"web-store", "we\"ird"}, {"support", "orders"}, {"solo", "team-1", "team-2"}};

std::vector<nlohmann::json> write_and_parse(const std::vector<TraceEvent>& events) {
  std::ostringstream out;
  {
    TraceWriter writer(out, kNames);
    for (const TraceEvent& event : events) writer.on_trace(event);
    EXPECT_EQ(writer.lines(), events.size());
  }
  std::vector<nlohmann::json> lines;
  std::istringstream in(out.str());
  for (std::string line; std::getline(in, line);) lines.push_back(nlohmann::json::parse(line));
  return lines;
}

// An event becomes one line with its kind name, its time in seconds, and only the ids it carries.
TEST(TraceWriter, EventIsOneJsonLineWithKindTimeAndIds) {
  TraceEvent event{Time::at(Duration::milliseconds(12'500)), TraceKind::kWorkAccepted};
  event.agent = stack::AgentId(2);
  event.queue = stack::QueueId(1);
  event.session = stack::SessionId(3);
  event.work = stack::WorkId(4);
  const std::vector<nlohmann::json> lines = write_and_parse({event});
  ASSERT_EQ(lines.size(), 1u);
  const nlohmann::json expected = {{"kind", "WorkAccepted"}, {"t_s", 12.5}, {"session", 3},
                                   {"queue", "orders"},      {"agent", "team-2"}, {"work", 4}};
  EXPECT_EQ(lines[0], expected);
}

// Times are exact to the nanosecond, and names that need escaping stay valid JSON.
TEST(TraceWriter, TimesAreExactAndNamesAreEscaped) {
  TraceEvent tiny{Time::from_ns(1), TraceKind::kDuplicateAbsorbed};
  tiny.channel = stack::ChannelId(1);
  tiny.message = 77;
  TraceEvent hour{Time::at(Duration::hours(1)), TraceKind::kSessionCreated};
  hour.channel = stack::ChannelId(0);
  hour.user = stack::MessagingUserId(0);
  std::ostringstream out;
  TraceWriter writer(out, kNames);
  writer.on_trace(tiny);
  writer.on_trace(hour);
  writer.flush();
  EXPECT_EQ(out.str(),
            "{\"kind\":\"DuplicateAbsorbed\",\"t_s\":0.000000001,\"channel\":\"we\\\"ird\",\"message\":77}\n"
            "{\"kind\":\"SessionCreated\",\"t_s\":3600,\"channel\":\"web-store\",\"user\":0}\n");
}

// Session status and agent presence spell their status; the raw detail stays beside it.
TEST(TraceWriter, StatusEventsSpellTheirStatus) {
  TraceEvent status{Time::zero(), TraceKind::kSessionStatus,
                    static_cast<std::uint8_t>(stack::SessionStatus::kWaiting)};
  status.session = stack::SessionId(0);
  TraceEvent presence{Time::zero(), TraceKind::kAgentPresence,
                      static_cast<std::uint8_t>(stack::PresenceStatus::kAway)};
  presence.agent = stack::AgentId(0);
  const std::vector<nlohmann::json> lines = write_and_parse({status, presence});
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0]["status"], stack::session_status_name(stack::SessionStatus::kWaiting));
  EXPECT_EQ(lines[1]["status"], stack::presence_status_name(stack::PresenceStatus::kAway));
  EXPECT_EQ(lines[1]["agent"], "solo");
  EXPECT_TRUE(lines[1].contains("detail"));
}

// A failed delivery names the provider's error code, as a provider's
// refusal does; other delivery states carry none.
TEST(TraceWriter, FailuresNameTheProvidersErrorCode) {
  TraceEvent failed{Time::zero(), TraceKind::kDeliveryStatus, static_cast<std::uint8_t>(stack::DeliveryState::kFailed)};
  failed.outbound = stack::OutboundId(5);
  failed.message = 131047;
  TraceEvent delivered{Time::zero(), TraceKind::kDeliveryStatus,
                       static_cast<std::uint8_t>(stack::DeliveryState::kDelivered)};
  delivered.outbound = stack::OutboundId(6);
  TraceEvent refused{Time::zero(), TraceKind::kProviderRefused};
  refused.outbound = stack::OutboundId(7);
  refused.message = 21610;
  const std::vector<nlohmann::json> lines = write_and_parse({failed, delivered, refused});
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0]["state"], "failed");
  EXPECT_EQ(lines[0]["error_code"], 131047);
  EXPECT_EQ(lines[1]["state"], "delivered");
  EXPECT_FALSE(lines[1].contains("error_code"));
  EXPECT_EQ(lines[2]["error_code"], 21610);
}

// Every trace kind has its own name.
TEST(TraceWriter, EveryKindHasADistinctName) {
  std::set<std::string> names;
  const int last = static_cast<int>(TraceKind::kContactLinked);
  for (int kind = 0; kind <= last; ++kind) {
    const std::string name = trace_kind_name(static_cast<TraceKind>(kind));
    EXPECT_NE(name, "Unknown") << kind;
    names.insert(name);
  }
  EXPECT_EQ(names.size(), static_cast<std::size_t>(last + 1));
}

// trace_names lists agents as the stack numbers them, expanding `count` into id-1 ... id-N.
TEST(TraceWriter, NamesFollowTheScenarioWithExpandedCounts) {
  runtime::Result<Scenario> scenario = load_scenario_text(R"({"msgsim": 1, "name": "t", "duration": "1h",
    "org": {"queues": [{"id": "q1"}, {"id": "q2"}],
            "channels": [{"id": "web", "type": "web", "address": "00000000-0000-4000-8000-000000000001",
                          "routing": {"queue": "q1"}, "fallback_queue": "q1"}],
            "agents": [{"id": "solo", "queues": ["q1"], "permission_sets": ["MessagingUser"]},
                       {"id": "team", "count": 2, "queues": ["q2"], "permission_sets": ["MessagingUser"]}]},
    "customers": {"populations": [{"id": "p", "arrivals": {"rate": "1/h"}, "channels": {"web": 1.0}}]}})",
                                                               "t.json");
  ASSERT_TRUE(scenario.is_ok()) << scenario.status().message();
  const TraceNames names = trace_names(scenario.value());
  EXPECT_EQ(names.channels, std::vector<std::string>{"web"});
  EXPECT_EQ(names.queues, (std::vector<std::string>{"q1", "q2"}));
  EXPECT_EQ(names.agents, (std::vector<std::string>{"solo", "team-1", "team-2"}));
}

// A trace file that cannot be created is invalid input naming the path.
TEST(TraceWriter, UnwritableTracePathIsInvalidInput) {
  const std::filesystem::path blocker = std::filesystem::temp_directory_path() / "msgsim-trace-blocker";
  std::ofstream(blocker) << "a file, not a folder";
  const std::string path = (blocker / "trace.jsonl").string();
  runtime::Result<std::unique_ptr<TraceFile>> opened = TraceFile::open(path, kNames);
  ASSERT_FALSE(opened.is_ok());
  EXPECT_EQ(opened.status().code(), runtime::StatusCode::kInvalidInput);
  EXPECT_NE(opened.status().message().find(path), std::string::npos) << opened.status().message();
}

// Tracing and progress callbacks observe a run without changing its metrics, and the trace counts every acceptance.
TEST(TraceWriter, TracingAndProgressLeaveTheMetricsUnchanged) {
  runtime::Result<Scenario> scenario = load_scenario_file(std::string(MSGSIM_SOURCE_DIR) + "/scenarios/demo.json");
  ASSERT_TRUE(scenario.is_ok()) << scenario.status().message();
  const RunOutcome plain = run_scenario(scenario.value(), RunOptions{});
  RunOptions observed;
  observed.trace_path = (std::filesystem::temp_directory_path() / "msgsim-trace-test" / "trace.jsonl").string();
  int ticks = 0;
  double last_s = 0.0;
  observed.on_progress = [&](const Progress& progress) {
    ++ticks;
    EXPECT_GE(progress.simulated_s, last_s);
    last_s = progress.simulated_s;
  };
  const RunOutcome traced = run_scenario(scenario.value(), observed);
  ASSERT_TRUE(traced.trace_status.is_ok()) << traced.trace_status.message();
  EXPECT_EQ(traced.merged.to_json().dump(), plain.merged.to_json().dump());
  EXPECT_EQ(traced.merged.events, plain.merged.events);
  EXPECT_GE(ticks, 1000);
  EXPECT_DOUBLE_EQ(last_s, (scenario.value().duration + scenario.value().drain).to_seconds());
  std::ifstream trace(*observed.trace_path);
  std::uint64_t accepted = 0;
  for (std::string line; std::getline(trace, line);) {
    accepted += nlohmann::json::parse(line)["kind"] == "WorkAccepted" ? 1 : 0;
  }
  EXPECT_EQ(accepted, plain.merged.to_json()["routing"]["accepted"].get<std::uint64_t>());
}

}  // namespace
}  // namespace msgsim::harness
