#include "sim/harness/scenario_loader.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace msgsim::harness {
namespace {

namespace fs = std::filesystem;
using runtime::DistributionKind;
using runtime::Duration;
using runtime::Result;
using runtime::StatusCode;

const std::string kSourceDir = MSGSIM_SOURCE_DIR;
const std::string kFixtures = kSourceDir + "/tests/harness/fixtures";
const std::string kAcceptance = kSourceDir + "/../shared/acceptance";

std::string read_text(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

std::vector<fs::path> json_files(const std::string& directory) {
  std::vector<fs::path> files;
  for (const fs::directory_entry& entry : fs::directory_iterator(directory)) {
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

Scenario load_good(const std::string& name) {
  Result<Scenario> loaded = load_scenario_file(kFixtures + "/good/" + name);
  EXPECT_TRUE(loaded.is_ok()) << loaded.status().message();
  return loaded.is_ok() ? loaded.take() : Scenario();
}

// The message of loading the bad fixture `name`; "" (and a failure) when it loads.
std::string rejection(const std::string& name) {
  const Result<Scenario> loaded = load_scenario_file(kFixtures + "/bad/" + name);
  EXPECT_FALSE(loaded.is_ok()) << name << " loaded";
  if (loaded.is_ok()) return "";
  EXPECT_EQ(loaded.status().code(), StatusCode::kInvalidInput);
  return loaded.status().message();
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// Loading the fixture fails with "FILE: at PATH: ..." mentioning `problem`.
void expect_rejected(const std::string& name, const std::string& path, const std::string& problem) {
  const std::string message = rejection(name);
  EXPECT_TRUE(contains(message, name + ": at " + path + ": ")) << message;
  EXPECT_TRUE(contains(message, problem)) << message;
}

Result<Scenario> load_text(const std::string& text) { return load_scenario_text(text, "x.json"); }

// A valid scenario with `org` and `customers` as given.
std::string scenario_with(const std::string& org, const std::string& customers) {
  return R"({"msgsim": 1, "name": "x", "duration": "1h", "org": )" + org + R"(, "customers": )" + customers + "}";
}

// ---- The shared acceptance files ------------------------------------------------

// Every scenario the conformance checks run is valid.
TEST(ScenarioLoader, AcceptsEveryAcceptanceCase) {
  const std::vector<fs::path> cases = json_files(kAcceptance + "/cases");
  EXPECT_EQ(cases.size(), 4u);
  for (const fs::path& path : cases) {
    const Result<Scenario> loaded = load_scenario_file(path.string());
    EXPECT_TRUE(loaded.is_ok()) << path << ": " << (loaded.is_ok() ? "" : loaded.status().message());
  }
}

// Every malformed acceptance file fails with the message its EXPECTED line demands.
TEST(ScenarioLoader, RejectsEveryAcceptanceBadFileAsExpected) {
  std::map<std::string, std::string> patterns;
  std::ifstream expected(kAcceptance + "/bad/EXPECTED");
  ASSERT_TRUE(expected.good());
  for (std::string line; std::getline(expected, line);) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    std::string name, pattern;
    fields >> name >> std::ws;
    std::getline(fields, pattern);
    patterns[name] = pattern;
  }
  const std::vector<fs::path> files = json_files(kAcceptance + "/bad");
  EXPECT_FALSE(files.empty());
  for (const fs::path& path : files) {
    const std::string name = path.filename().string();
    ASSERT_TRUE(patterns.contains(name)) << name << " has no line in EXPECTED";
    const Result<Scenario> loaded = load_scenario_file(path.string());
    ASSERT_FALSE(loaded.is_ok()) << name;
    EXPECT_EQ(loaded.status().code(), StatusCode::kInvalidInput);
    const std::regex pattern(patterns[name], std::regex::ECMAScript | std::regex::icase);
    EXPECT_TRUE(std::regex_search(loaded.status().message(), pattern))
        << name << ": " << loaded.status().message() << " does not match " << patterns[name];
    EXPECT_TRUE(loaded.status().message().starts_with(path.string())) << loaded.status().message();
  }
}

// ---- One bad fixture per error class ----------------------------------------------

// Malformed JSON is reported with the file, line and column.
TEST(ScenarioLoader, ReportsMalformedJsonWithLineAndColumn) {
  const std::string message = rejection("malformed-missing-comma.json");
  EXPECT_TRUE(contains(message, "malformed-missing-comma.json:3:52: malformed JSON: ")) << message;
}

// A trailing comma is malformed JSON, located where the parser stopped.
TEST(ScenarioLoader, ReportsTrailingCommasAsMalformedJson) {
  const Result<Scenario> loaded = load_text("{\"msgsim\": 1,\n  \"name\": \"x\",\n}");
  ASSERT_FALSE(loaded.is_ok());
  EXPECT_TRUE(loaded.status().message().starts_with("x.json:3:1: malformed JSON: ")) << loaded.status().message();
}

// An unknown key deep in the file is named, with a suggestion and the keys allowed there.
TEST(ScenarioLoader, RejectsAnUnknownNestedKeyNamingIt) {
  expect_rejected("unknown-key-nested.json", "customers.populations[0].behavior",
                  "unknown key \"think_tme\" (did you mean \"think_time\"? expected one of: messages, think_time");
}

// A key given twice in one object is refused rather than silently overwritten.
TEST(ScenarioLoader, RejectsADuplicateKey) {
  expect_rejected("duplicate-key.json", "org.queues[0]", "duplicate key \"priority\"");
}

// A value of the wrong type is refused, saying what was expected and what was found.
TEST(ScenarioLoader, RejectsAWrongTypeSayingWhatWasFound) {
  expect_rejected("wrong-type.json", "org.agents[0].capacity", "expected an integer in [1, 1000], got \"3\"");
}

// A negative probability is refused at its key.
TEST(ScenarioLoader, RejectsANegativeProbabilityNamingItsKey) {
  expect_rejected("negative-probability.json", "customers.populations[0].consent.opt_out_probability",
                  "expected a probability in [0, 1], got -0.1");
}

// Capacities, counts and replications below 1 and other format versions are out of range.
TEST(ScenarioLoader, RejectsOutOfRangeIntegers) {
  expect_rejected("zero-capacity.json", "org.agents[0].capacity", "got 0");
  expect_rejected("zero-channel-count.json", "org.channels[0].count", "expected an integer >= 1, got 0");
  expect_rejected("zero-replications.json", "replications", "expected an integer in [1, 10000], got 0");
  expect_rejected("wrong-version.json", "msgsim", "expected 1 (the only format version), got 2");
}

// A duration in words is refused with a message about durations.
TEST(ScenarioLoader, RejectsBadDurationSyntax) {
  expect_rejected("bad-duration.json", "org.queues[0].push_timeout", "expected a duration such as \"90s\"");
}

// A rate must be a count per unit of time.
TEST(ScenarioLoader, RejectsBadRateSyntax) {
  expect_rejected("bad-rate.json", "customers.populations[0].arrivals.rate",
                  "expected a rate > 0 such as \"120/h\", \"2/m\" or \"0.5/s\", got \"10 per hour\"");
}

// Distribution parameters outside their domain are refused, naming the rule.
TEST(ScenarioLoader, RejectsBadDistributions) {
  expect_rejected("bad-distribution.json", "org.agents[0].behavior.handle_time",
                  "expected uniform(LOW,HIGH) with LOW <= HIGH, got \"uniform(5m,1m)\"");
  expect_rejected("bad-count-distribution.json", "customers.populations[0].behavior.messages",
                  "expected geometric(MEAN) with MEAN >= 1");
}

// A start that is not a calendar date-time is refused.
TEST(ScenarioLoader, RejectsAnImpossibleStart) {
  expect_rejected("bad-start.json", "start", "expected an ISO 8601 date-time with offset");
}

// References to queues, flows, agents, business hours and channels must resolve.
TEST(ScenarioLoader, RejectsReferencesToMissingItemsNamingThem) {
  expect_rejected("unknown-queue.json", "org.agents[0].queues[1]", "unknown queue \"nope\" (defined: q)");
  expect_rejected("unknown-flow.json", "org.channels[0].routing.flow", "unknown flow \"nope\"");
  expect_rejected("unknown-business-hours.json", "org.channels[0].business_hours", "unknown business hours \"nope\"");
  expect_rejected("unknown-channel.json", "customers.scripts[0].steps[0].send.channel", "unknown channel \"nope\"");
  expect_rejected("unknown-audience.json", "notifications[0].audience", "unknown population \"nobody\"");
}

// An agent group with count 2 has ids a-1 and a-2, not a.
TEST(ScenarioLoader, ResolvesAgentReferencesAgainstExpandedIds) {
  expect_rejected("unknown-agent.json", "org.channels[0].routing.agent", "unknown agent \"a\" (defined: a-1, a-2)");
}

// At most 2,000 channels exist after expanding every count.
TEST(ScenarioLoader, RejectsMoreThanTwoThousandChannels) {
  expect_rejected("too-many-channels.json", "org.channels[1].count",
                  "expected at most 2,000 channels in total after expanding count, got 2,001");
}

// Ids are unique after expansion: a group c of 2 and a channel c-2 collide.
TEST(ScenarioLoader, RejectsDuplicateIdsAfterExpansion) {
  expect_rejected("duplicate-id.json", "org.channels[1].id", "duplicate channel id \"c-2\" (also at org.channels[0].id)");
}

// Required keys are named when missing, at any level.
TEST(ScenarioLoader, RejectsMissingRequiredKeys) {
  expect_rejected("missing-fallback-queue.json", "org.channels[0]", "missing required key \"fallback_queue\"");
  expect_rejected("missing-customers.json", "top level", "missing required key \"customers\"");
}

// A queue has a capacity weight or a capacity percentage, not both.
TEST(ScenarioLoader, RejectsBothCapacitySettings) {
  expect_rejected("both-capacity-settings.json", "org.queues[0]",
                  "expected at most one of \"capacity_weight\" or \"capacity_percentage\"");
}

// A routing object names exactly one target.
TEST(ScenarioLoader, RejectsRoutingToTwoTargets) {
  expect_rejected("routing-two-targets.json", "org.channels[0].routing",
                  "expected exactly one of \"queue\", \"flow\" or \"agent\", got \"queue\" and \"flow\"");
}

// A received expectation's pattern must compile as an ECMAScript regex.
TEST(ScenarioLoader, RejectsAnInvalidRegex) {
  expect_rejected("invalid-regex.json", "customers.scripts[0].steps[1].expect.received.matching",
                  "expected an ECMAScript regular expression");
}

// A population's channel weights refer to channel ids, not types.
TEST(ScenarioLoader, RejectsPopulationWeightsOnUnknownChannels) {
  expect_rejected("population-unknown-channel.json", "customers.populations[0].channels.sms",
                  "unknown channel \"sms\" (defined: c)");
}

// Provider keys are "*", a channel type or a channel id.
TEST(ScenarioLoader, RejectsUnknownProviderKeys) {
  expect_rejected("unknown-provider-key.json", "providers.whatsap", "unknown provider key \"whatsap\"");
}

// Every bad fixture in the folder fails with a message in the contract's form.
TEST(ScenarioLoader, EveryBadFixtureFailsWithALocatedMessage) {
  const std::regex located("^.+\\.json(:[0-9]+:[0-9]+: malformed JSON: |: at [^:]+: ).+$");
  for (const fs::path& path : json_files(kFixtures + "/bad")) {
    const std::string message = rejection(path.filename().string());
    EXPECT_TRUE(std::regex_match(message, located)) << message;
  }
}

// ---- What a valid file gives -------------------------------------------------------

// Keys left out take the contract's defaults.
TEST(ScenarioLoader, AppliesTheContractsDefaults) {
  const Scenario scenario = load_good("minimal.json");
  EXPECT_EQ(scenario.drain, Duration::hours(1));
  EXPECT_EQ(scenario.seed, 1u);
  EXPECT_EQ(scenario.replications, 1);
  EXPECT_EQ(scenario.start, "2026-01-05T09:00:00Z");
  EXPECT_EQ(scenario.start_unix_s, 1767603600);
  EXPECT_EQ(scenario.wire, WireMode::kTyped);
  ASSERT_EQ(scenario.org.agents.size(), 1u);
  const AgentGroup& agent = scenario.org.agents[0];
  EXPECT_EQ(agent.count, 1);
  EXPECT_EQ(agent.capacity, 1);
  EXPECT_TRUE(agent.behavior.accept_delay.is_constant_zero());
  EXPECT_TRUE(agent.behavior.reply_delay.is_constant_zero());
  EXPECT_EQ(agent.behavior.handle_time.kind(), DistributionKind::kConstant);
  EXPECT_DOUBLE_EQ(agent.behavior.handle_time.a(), 300.0);
  EXPECT_TRUE(agent.shift.empty());
  ASSERT_EQ(scenario.org.queues.size(), 1u);
  EXPECT_EQ(scenario.org.queues[0].push_timeout, Duration::zero());
  EXPECT_FALSE(scenario.org.queues[0].capacity_weight.has_value());
  const CustomerBehavior& behavior = scenario.customers.populations.at(0).behavior;
  EXPECT_DOUBLE_EQ(behavior.messages.a(), 1.0);
  EXPECT_DOUBLE_EQ(behavior.think_time.a(), 30.0);
  EXPECT_FALSE(behavior.patience.has_value());
  EXPECT_DOUBLE_EQ(scenario.customers.populations.at(0).consent.keyword_style.exact, 1.0);
  ASSERT_EQ(scenario.org.channels.size(), 1u);
  EXPECT_FALSE(scenario.org.channels[0].consent_given);
  EXPECT_FALSE(scenario.org.channels[0].auto_responses.initial.has_value());
  EXPECT_TRUE(scenario.providers.empty());
}

// A file that uses every key loads with each value where the model keeps it.
TEST(ScenarioLoader, ReadsEveryKeyOfTheContract) {
  const Scenario scenario = load_good("every-key.json");
  EXPECT_EQ(scenario.seed, 18446744073709551615u);
  EXPECT_EQ(scenario.start_unix_s, 1772456400);  // 2026-03-02T13:00:00Z
  EXPECT_EQ(scenario.drain, Duration::minutes(30));
  EXPECT_EQ(scenario.replications, 3);
  EXPECT_EQ(scenario.wire, WireMode::kJson);
  const Org& org = scenario.org;
  EXPECT_EQ(org.identity.policy, IdentityPolicy::kPhoneEmail);
  const BusinessHours& hours = org.business_hours.at(0);
  EXPECT_EQ(hours.week[4].close_minute, 20 * 60);
  EXPECT_EQ(hours.week[5].open_minute, 10 * 60);
  EXPECT_FALSE(hours.week[6].open);
  EXPECT_EQ(org.queues.at(0).overflow->queue, "tier2");
  EXPECT_DOUBLE_EQ(*org.queues.at(1).capacity_percentage, 50.0);
  EXPECT_EQ(org.flows.at(0).by_intent.at("vip").agent, "agent-2");
  const AgentGroup& agent = org.agents.at(0);
  EXPECT_EQ(agent.presence.status_on_decline, PresenceStatus::kBusy);
  EXPECT_EQ(agent.shift.at(1).at, Duration::hours(4));
  EXPECT_EQ(agent.behavior.handle_time.kind(), DistributionKind::kGamma);
  EXPECT_EQ(agent.behavior.follow_up_after->k(), 2);
  ASSERT_TRUE(agent.behavior.end_when_silent.has_value());
  EXPECT_EQ(agent.behavior.end_when_silent->kind(), DistributionKind::kExponential);
  EXPECT_EQ(scenario.providers.at("whatsapp").faults->outages.at(0).length, Duration::minutes(10));
  EXPECT_EQ(scenario.providers.at("sms-us").keyword_match, KeywordMatch::kIgnorePunctuation);
  const Population& batch = scenario.customers.populations.at(1);
  EXPECT_EQ(batch.arrivals.kind, ArrivalKind::kCount);
  EXPECT_EQ(batch.behavior.messages.kind(), DistributionKind::kPoisson);
  EXPECT_EQ(scenario.customers.populations.at(2).arrivals.at.at(1), Duration::minutes(2));
  const std::vector<ScriptStep>& steps = scenario.customers.scripts.at(0).steps;
  ASSERT_EQ(steps.size(), 13u);
  EXPECT_EQ(steps[4].expect.linked.size(), 2u);
  EXPECT_EQ(steps[12].action, StepAction::kClearDevice);
  EXPECT_EQ(scenario.notifications.at(0).category, TemplateCategory::kMarketing);
  EXPECT_EQ(scenario.expect.at(3).each, "routing.by_channel");
  EXPECT_EQ(scenario.sha256.size(), 64u);
}

// Channels with count expand to id-1..id-N with numbered addresses.
TEST(ScenarioLoader, ExpandsCountedChannelsWithNumberedAddresses) {
  const Scenario scenario = load_good("every-key.json");
  std::vector<std::string> ids, addresses;
  for (const Channel& channel : scenario.org.channels) {
    ids.push_back(channel.id);
    addresses.push_back(channel.address);
  }
  EXPECT_EQ(ids, (std::vector<std::string>{"sms-us-1", "sms-us-2", "sms-us-3", "wa-main", "web-1", "web-2", "apple",
                                           "line", "partner-1", "partner-2"}));
  EXPECT_EQ(addresses, (std::vector<std::string>{"+14155550100", "+14155550101", "+14155550102", "+14155550200",
                                                 "00000000-0000-4000-8000-0000000000ff",
                                                 "00000000-0000-4000-8000-000000000100", "acme-business-chat",
                                                 "1234567", "partner-endpoint-1", "partner-endpoint-2"}));
  EXPECT_EQ(scenario.org.channels[2].declared_id, "sms-us");
  EXPECT_EQ(scenario.org.channels[2].source_path, "org.channels[0]");
  EXPECT_EQ(scenario.org.channels[2].business_hours, "us-east");
}

// Decimal addresses widen when the count carries past their last digit.
TEST(ScenarioLoader, NumbersDecimalAddressesAcrossACarry) {
  const Result<Scenario> loaded = load_text(scenario_with(
      R"({"queues": [{"id": "q"}], "channels": [{"id": "c", "type": "messenger", "address": "98", "count": 3,
           "routing": {"queue": "q"}, "fallback_queue": "q"}]})",
      "{}"));
  ASSERT_TRUE(loaded.is_ok()) << loaded.status().message();
  EXPECT_EQ(loaded.value().org.channels[2].address, "100");
}

// Every key's path is listed in document order, map keys chosen by the file included.
TEST(ScenarioLoader, ListsThePathOfEveryKeyInDocumentOrder) {
  const Result<Scenario> loaded = load_text(R"({"msgsim": 1, "name": "x", "duration": "1h",
      "org": {"queues": [{"id": "q", "push_timeout": "30s"}]},
      "providers": {"whatsapp": {"faults": {"duplicate": 0.1}}},
      "customers": {}})");
  ASSERT_TRUE(loaded.is_ok()) << loaded.status().message();
  EXPECT_EQ(loaded.value().present_keys,
            (std::vector<std::string>{"msgsim", "name", "duration", "org", "org.queues", "org.queues[0].id",
                                      "org.queues[0].push_timeout", "providers", "providers.whatsapp",
                                      "providers.whatsapp.faults", "providers.whatsapp.faults.duplicate",
                                      "customers"}));
}

// A top-level "$schema" string, which points editors at the schema, is accepted and listed among the present keys.
TEST(ScenarioLoader, AcceptsASchemaReferenceAtTheTopLevelOnly) {
  const Result<Scenario> loaded = load_text(R"({"$schema": "../scenarios/scenario.schema.json", "msgsim": 1,
      "name": "x", "duration": "1h", "org": {}, "customers": {}})");
  ASSERT_TRUE(loaded.is_ok()) << loaded.status().message();
  EXPECT_EQ(loaded.value().present_keys.front(), "$schema");
  const Result<Scenario> numeric =
      load_text(R"({"$schema": 1, "msgsim": 1, "name": "x", "duration": "1h", "org": {}, "customers": {}})");
  ASSERT_FALSE(numeric.is_ok());
  EXPECT_EQ(numeric.status().message(),
            "x.json: at $schema: expected a string: the URI or path of a JSON Schema, such as "
            "\"scenario.schema.json\", got 1");
  const Result<Scenario> nested = load_text(scenario_with(R"({"$schema": "x"})", "{}"));
  ASSERT_FALSE(nested.is_ok());
  EXPECT_TRUE(contains(nested.status().message(), "x.json: at org: unknown key \"$schema\""))
      << nested.status().message();
}

// Population channel weights and intents keep the file's order.
TEST(ScenarioLoader, KeepsWeightsInFileOrder) {
  const Scenario scenario = load_good("every-key.json");
  const Population& walk_ins = scenario.customers.populations.at(0);
  ASSERT_EQ(walk_ins.channels.size(), 3u);
  EXPECT_EQ(walk_ins.channels[0].first, "sms-us-1");
  EXPECT_EQ(walk_ins.channels[2].first, "web-2");
  EXPECT_EQ(walk_ins.behavior.intents.at(1), (std::pair<std::string, double>("other", 0.7)));
}

// Script actions that only some channels support are refused on other channels.
TEST(ScenarioLoader, RejectsActionsOnChannelsThatCannotTakeThem) {
  const Result<Scenario> loaded = load_text(scenario_with(
      R"({"queues": [{"id": "q"}], "channels": [{"id": "c", "type": "sms", "address": "+1",
           "routing": {"queue": "q"}, "fallback_queue": "q"}]})",
      R"({"scripts": [{"id": "s", "steps": [{"block": {"channel": "c"}}]}]})"));
  ASSERT_FALSE(loaded.is_ok());
  EXPECT_EQ(loaded.status().message(),
            "x.json: at customers.scripts[0].steps[0].block.channel: expected a channel of type line for block, "
            "got \"c\" of type sms");
}

// A file on disk gets its name and the SHA-256 of its bytes.
TEST(ScenarioLoader, RecordsTheFileAndItsSha256) {
  const std::string path = testing::TempDir() + "/sha_scenario.json";
  std::ofstream(path, std::ios::binary) << R"({"msgsim": 1, "name": "x", "duration": "1h", "org": {}, "customers": {}})";
  const Result<Scenario> loaded = load_scenario_file(path);
  ASSERT_TRUE(loaded.is_ok()) << loaded.status().message();
  EXPECT_EQ(loaded.value().file, path);
  EXPECT_EQ(loaded.value().sha256, "2e54e07f21d2c97fb33f274f585f649b96f727702a0df360067be31cc9075b1f");
}

// A missing file is an input error that names the file.
TEST(ScenarioLoader, NamesAMissingFile) {
  const Result<Scenario> loaded = load_scenario_file("/nonexistent/scenario.json");
  ASSERT_FALSE(loaded.is_ok());
  EXPECT_EQ(loaded.status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(loaded.status().message(), "/nonexistent/scenario.json: cannot open the file: No such file or directory");
}

// ---- Robustness ----------------------------------------------------------------------

void collect_pointers(const nlohmann::ordered_json& value, const std::string& pointer, std::vector<std::string>& out) {
  out.push_back(pointer);
  if (value.is_object()) {
    for (const auto& [key, child] : value.items()) collect_pointers(child, pointer + "/" + key, out);
  } else if (value.is_array()) {
    for (std::size_t i = 0; i < value.size(); ++i) collect_pointers(value[i], pointer + "/" + std::to_string(i), out);
  }
}

// Whatever value replaces any value of a valid file, the loader answers with a located message.
TEST(ScenarioLoader, NeverThrowsWhenAnyValueIsReplaced) {
  const nlohmann::ordered_json every_key = nlohmann::ordered_json::parse(read_text(kFixtures + "/good/every-key.json"));
  std::vector<std::string> pointers;
  collect_pointers(every_key, "", pointers);
  std::string deep = "1";
  for (int i = 0; i < 100; ++i) deep = "[" + deep + "]";
  const std::vector<nlohmann::ordered_json> replacements = {
      nullptr, true, -1, 0, 1e308, 18446744073709551615u, -9223372036854775807 - 1, "", "x", "1 hour", "exp(-1s)",
      nlohmann::ordered_json::array(), nlohmann::ordered_json::object(), {{"x", 1}}, {1, 2},
      nlohmann::ordered_json::parse(deep)};
  const std::regex located("^x\\.json(:[0-9]+:[0-9]+: malformed JSON: |: at ).+$");
  int rejected = 0;
  for (std::size_t p = 1; p < pointers.size(); ++p) {
    for (const nlohmann::ordered_json& replacement : replacements) {
      nlohmann::ordered_json mutated = every_key;
      mutated[nlohmann::ordered_json::json_pointer(pointers[p])] = replacement;
      const Result<Scenario> loaded = load_text(mutated.dump());
      if (loaded.is_ok()) continue;
      ++rejected;
      EXPECT_EQ(loaded.status().code(), StatusCode::kInvalidInput) << pointers[p] << ": " << loaded.status().message();
      EXPECT_TRUE(std::regex_match(loaded.status().message(), located)) << loaded.status().message();
    }
  }
  EXPECT_GT(rejected, 1000);
}

// Every proper prefix of a valid file is malformed JSON with a line and column.
TEST(ScenarioLoader, ReportsEveryTruncationAsMalformedJson) {
  const std::string text = read_text(kFixtures + "/good/every-key.json");
  const std::size_t end = text.rfind('}');
  const std::regex malformed("^x\\.json:[0-9]+:[0-9]+: malformed JSON: .+$");
  for (std::size_t size = 0; size < end; size += 7) {
    const Result<Scenario> loaded = load_text(text.substr(0, size));
    ASSERT_FALSE(loaded.is_ok()) << size;
    EXPECT_TRUE(std::regex_match(loaded.status().message(), malformed)) << loaded.status().message();
  }
}

// Nesting deeper than 64 levels is refused before it can exhaust the stack.
TEST(ScenarioLoader, RejectsDeepNesting) {
  const std::string text = std::string(100000, '[') + std::string(100000, ']');
  const Result<Scenario> loaded = load_text(text);
  ASSERT_FALSE(loaded.is_ok());
  EXPECT_TRUE(contains(loaded.status().message(), "expected at most 64 levels of nesting")) << loaded.status().message();
}

}  // namespace
}  // namespace msgsim::harness
