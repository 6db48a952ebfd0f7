// The HTTP endpoints of a `msgsim serve` session on an ephemeral loopback
// port, driven by the synchronous HttpClient from the test thread as an
// external tester or a scraper would: signed webhooks, forged, malformed,
// oversized and repeated ones, /metrics and /api/report.
#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <optional>
#include <regex>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "sim/harness/world.h"
#include "sim/live/http_client.h"
#include "sim/stack/channels/signatures.h"
#include "sim/stack/wire/form_encoding.h"
#include "sim/stack/wire/stack_wire_codec.h"
#include "tests/live/serving_session.h"

namespace msgsim::live {
namespace {

using testing::ServingSession;

constexpr const char* kScenario = "tests/live/fixtures/serve-desk.json";
constexpr const char* kTesterPhone = "+14155550199";

ChannelWebhook sms_webhook(ServeSession& session) {
  for (const ChannelWebhook& hook : session.webhooks()) {
    if (hook.channel == "sms-us") return hook;
  }
  ADD_FAILURE() << "no sms-us webhook";
  return {};
}

// A tester's own Twilio webhook: an SMS from `from` saying `body`, signed
// with the channel's auth token over its webhook URL.
stack::HttpRequest twilio_webhook(const ChannelWebhook& hook, const std::string& sid, const std::string& from,
                                  const std::string& body) {
  const stack::FormParams params = {{"AccountSid", hook.account_id}, {"Body", body},          {"From", from},
                                    {"MessageSid", sid},             {"NumMedia", "0"},       {"NumSegments", "1"},
                                    {"To", hook.business_address}};
  stack::HttpRequest request;
  request.target = "/webhooks/sms-us";
  for (const auto& [name, value] : params) stack::append_form_field(request.body, name, value);
  request.set_header("Content-Type", "application/x-www-form-urlencoded");
  request.set_header("X-Twilio-Signature", stack::twilio_signature(hook.secret, hook.url, params));
  return request;
}

std::string sid(char fill) { return "SM" + std::string(32, fill); }

// Transcript entries that hold `text`, counted on the session's thread.
std::size_t entries_with_text(ServingSession& serving, const std::string& text) {
  return serving.on_io([&serving, &text] {
    stack::Sessions& sessions = serving.session().world().stack().sessions();
    std::size_t found = 0;
    for (std::uint32_t e = 0; e < sessions.entry_count(); ++e) {
      if (sessions.text(stack::EntryId(e)) == text) ++found;
    }
    return found;
  });
}

std::size_t messaging_users(ServingSession& serving) {
  return serving.on_io([&serving] { return serving.session().world().stack().users().size(); });
}

stack::HttpResponse must_send(HttpClient& client, const stack::HttpRequest& request) {
  runtime::Result<stack::HttpResponse> answer = client.send(request);
  EXPECT_TRUE(answer.is_ok()) << answer.status().message();
  return answer.is_ok() ? answer.value() : stack::HttpResponse{0, "", ""};
}

// The samples of a Prometheus text exposition, "name{labels}" -> value;
// fails the test on any line that is not valid exposition syntax or a
// sample of a family never declared with # TYPE.
std::map<std::string, double> parse_prometheus(const std::string& text) {
  static const std::regex kHelp(R"(^# HELP [a-zA-Z_:][a-zA-Z0-9_:]* .*$)");
  static const std::regex kType(R"(^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|summary|histogram|untyped)$)");
  static const std::regex kSample(
      R"(^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{([a-zA-Z_][a-zA-Z0-9_]*="([^"\\]|\\.)*",?)*\})? ([^ ]+)$)");
  std::map<std::string, double> samples;
  std::vector<std::string> families;
  std::istringstream lines(text);
  std::string line;
  std::smatch match;
  while (std::getline(lines, line)) {
    if (line.empty()) continue;
    if (std::regex_match(line, kHelp)) continue;
    if (std::regex_match(line, match, kType)) {
      families.push_back(match[1]);
      continue;
    }
    if (!std::regex_match(line, match, kSample)) {
      ADD_FAILURE() << "not Prometheus text: " << line;
      continue;
    }
    const std::string name = match[1];
    bool declared = false;
    for (const std::string& family : families) {
      for (const char* suffix : {"", "_sum", "_count", "_bucket"}) declared = declared || name == family + suffix;
    }
    EXPECT_TRUE(declared) << "sample of an undeclared family: " << line;
    const std::string value = match[match.size() - 1];
    double parsed = 0;
    if (value == "+Inf" || value == "-Inf" || value == "NaN") {
      parsed = value == "-Inf" ? -1.0 / 0.0 : 1.0 / 0.0;
    } else {
      std::size_t used = 0;
      parsed = std::stod(value, &used);
      EXPECT_EQ(used, value.size()) << "bad sample value: " << line;
    }
    samples[name + match[2].str()] = parsed;
  }
  return samples;
}

std::map<std::string, double> scrape(HttpClient& client) {
  runtime::Result<stack::HttpResponse> metrics = client.get("/metrics");
  EXPECT_TRUE(metrics.is_ok());
  if (!metrics.is_ok()) return {};
  EXPECT_EQ(metrics.value().status, 200);
  EXPECT_EQ(metrics.value().content_type, "text/plain; version=0.0.4; charset=utf-8");
  return parse_prometheus(metrics.value().body);
}

class ServeEndpoints : public ::testing::Test {
 protected:
  void SetUp() override {
    ServeOptions options;
    options.speed = 60;
    options.agent_seat_group = "desk";
    ASSERT_TRUE(serving_.start(kScenario, options));
  }

  ServingSession serving_;
};

// A correctly signed webhook from a number nobody in the simulation uses is
// accepted (200), lands once in a transcript, and its sender becomes a
// persona of the testers' (so the oracles can judge them).
TEST_F(ServeEndpoints, SignedWebhookIsAcceptedAndLandsInATranscript) {
  HttpClient client(serving_.client_options());
  const ChannelWebhook hook = sms_webhook(serving_.session());
  const stack::HttpResponse answer = must_send(client, twilio_webhook(hook, sid('a'), kTesterPhone, "Order 1234 is late"));
  EXPECT_EQ(answer.status, 200) << answer.body;
  EXPECT_EQ(entries_with_text(serving_, "Order 1234 is late"), 1u);

  runtime::Result<stack::HttpResponse> state = client.get("/api/state");
  ASSERT_TRUE(state.is_ok());
  const nlohmann::json parsed = nlohmann::json::parse(state.value().body);
  bool admitted = false;
  for (const nlohmann::json& persona : parsed["personas"]) {
    admitted = admitted || (persona["outsider"] == true && persona["address"] == kTesterPhone);
  }
  EXPECT_TRUE(admitted) << parsed["personas"].dump();
}

// A webhook whose signature does not verify is refused with 401 and changes
// nothing: no transcript entry, no messaging user.
TEST_F(ServeEndpoints, ForgedSignatureIsRefusedWithoutSideEffects) {
  HttpClient client(serving_.client_options());
  const ChannelWebhook hook = sms_webhook(serving_.session());
  stack::HttpRequest forged = twilio_webhook(hook, sid('b'), kTesterPhone, "forged hello");
  forged.set_header("X-Twilio-Signature", stack::twilio_signature("not-the-token", hook.url, {}));
  const std::size_t users_before = messaging_users(serving_);
  const stack::HttpResponse answer = must_send(client, forged);
  EXPECT_EQ(answer.status, 401) << answer.body;
  EXPECT_EQ(entries_with_text(serving_, "forged hello"), 0u);
  // Simulated customers may write meanwhile, but none of them on SMS.
  const std::size_t sms_users = serving_.on_io([this] {
    stack::Stack& stack = serving_.session().world().stack();
    std::size_t count = 0;
    for (std::uint32_t u = 0; u < stack.users().size(); ++u) {
      if (stack.channels().settings(stack.users().get(stack::MessagingUserId(u)).channel).id == "sms-us") ++count;
    }
    return count;
  });
  EXPECT_EQ(sms_users, 0u);
  EXPECT_GE(messaging_users(serving_), users_before);
  const std::map<std::string, double> samples = scrape(client);
  EXPECT_EQ(samples.at(R"(msgsim_webhooks_total{channel="sms-us",answer="401"})"), 1);
}

// A correctly signed webhook that breaks the platform's format (a MessageSid
// Twilio never makes) is refused with 400.
TEST_F(ServeEndpoints, MalformedWebhookIsRefusedWith400) {
  HttpClient client(serving_.client_options());
  const ChannelWebhook hook = sms_webhook(serving_.session());
  const stack::HttpResponse answer = must_send(client, twilio_webhook(hook, "not-a-sid", kTesterPhone, "hello"));
  EXPECT_EQ(answer.status, 400) << answer.body;
  EXPECT_NE(answer.body.find("MessageSid"), std::string::npos) << answer.body;
  EXPECT_EQ(entries_with_text(serving_, "hello"), 0u);
}

// A body over the webhook limit is refused with 413 by the server before the
// stack sees it.
TEST_F(ServeEndpoints, OversizedWebhookIsRefusedWith413) {
  HttpClient client(serving_.client_options());
  const ChannelWebhook hook = sms_webhook(serving_.session());
  const std::string huge(stack::kMaxWebhookBytes + 1, 'x');
  const stack::HttpResponse answer = must_send(client, twilio_webhook(hook, sid('c'), kTesterPhone, huge));
  EXPECT_EQ(answer.status, 413);
  EXPECT_EQ(entries_with_text(serving_, huge), 0u);
}

// The same webhook delivered twice (a provider retry) is answered 200 both
// times and lands once.
TEST_F(ServeEndpoints, RepeatedWebhookIsAbsorbed) {
  HttpClient client(serving_.client_options());
  const ChannelWebhook hook = sms_webhook(serving_.session());
  const stack::HttpRequest request = twilio_webhook(hook, sid('d'), kTesterPhone, "only once please");
  EXPECT_EQ(must_send(client, request).status, 200);
  EXPECT_EQ(must_send(client, request).status, 200);
  EXPECT_EQ(entries_with_text(serving_, "only once please"), 1u);
  const std::map<std::string, double> samples = scrape(client);
  EXPECT_EQ(samples.at(R"(msgsim_duplicates_absorbed_total{channel="sms-us"})"), 1);
  EXPECT_EQ(samples.at(R"(msgsim_inbound_messages_total{channel="sms-us"})"), 1);
}

// Meta's verification handshake: the GET with the channel's verify token is
// answered with the challenge, a wrong token is refused.
TEST_F(ServeEndpoints, MetaHandshakeIsAnsweredOverHttp) {
  HttpClient client(serving_.client_options());
  ChannelWebhook whatsapp;
  for (const ChannelWebhook& hook : serving_.session().webhooks()) {
    if (hook.channel == "wa-main") whatsapp = hook;
  }
  ASSERT_FALSE(whatsapp.verify_token.empty());
  runtime::Result<stack::HttpResponse> answer =
      client.get("/webhooks/wa-main?hub.mode=subscribe&hub.verify_token=" + whatsapp.verify_token +
                 "&hub.challenge=1158201444");
  ASSERT_TRUE(answer.is_ok());
  EXPECT_EQ(answer.value().status, 200);
  EXPECT_EQ(answer.value().body, "1158201444");
  runtime::Result<stack::HttpResponse> wrong =
      client.get("/webhooks/wa-main?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1");
  ASSERT_TRUE(wrong.is_ok());
  EXPECT_GE(wrong.value().status, 400);
  runtime::Result<stack::HttpResponse> unknown = client.post("/webhooks/no-such-channel", "{}");
  ASSERT_TRUE(unknown.is_ok());
  EXPECT_EQ(unknown.value().status, 404);
}

// The fake providers' own webhooks travel over loopback HTTP: the simulated
// web visitors' messages are answered 2xx by the route and counted both by
// the route and by the deliveries, and /metrics is valid Prometheus text
// with the families a dashboard needs.
TEST_F(ServeEndpoints, FakeProvidersDeliverOverHttpAndMetricsParse) {
  HttpClient client(serving_.client_options());
  const std::string delivered = R"(msgsim_webhook_deliveries_total{channel="web-chat",answer="2xx"})";
  std::map<std::string, double> samples;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (std::chrono::steady_clock::now() < deadline) {
    samples = scrape(client);
    if (samples.count(delivered) != 0 && samples[delivered] >= 3) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ASSERT_GE(samples[delivered], 3) << "no deliveries over loopback HTTP within 30 s";
  EXPECT_GE(samples[R"(msgsim_webhooks_total{channel="web-chat",answer="2xx"})"], 3);
  EXPECT_GE(samples[R"(msgsim_inbound_messages_total{channel="web-chat"})"], 1);
  for (const char* family :
       {"msgsim_queue_backlog{queue=\"support\"}", "msgsim_agents_busy", "msgsim_agents_online",
        "msgsim_routing_latency_seconds{quantile=\"0.99\"}", "msgsim_routing_latency_seconds_count",
        "msgsim_live_routing_latency_seconds{quantile=\"0.5\"}", "msgsim_consent_opt_outs_total",
        "msgsim_consent_refusals_total", "msgsim_outbound_messages_total{channel=\"sms-us\"}",
        "msgsim_webhook_deliveries_pending{channel=\"web-chat\"}", "msgsim_simulated_time_seconds"}) {
    EXPECT_EQ(samples.count(family), 1u) << family;
  }
  EXPECT_EQ(samples[R"(msgsim_webhook_deliveries_total{channel="web-chat",answer="failed"})"], 0);
}

// /api/report is report.json as `msgsim run` writes it, with the metrics so
// far (the wire counts included: every channel is on the wire).
TEST_F(ServeEndpoints, ReportSoFarIsTheRunReport) {
  HttpClient client(serving_.client_options());
  const ChannelWebhook hook = sms_webhook(serving_.session());
  EXPECT_EQ(must_send(client, twilio_webhook(hook, sid('e'), kTesterPhone, "report me")).status, 200);
  runtime::Result<stack::HttpResponse> answer = client.get("/api/report");
  ASSERT_TRUE(answer.is_ok());
  EXPECT_EQ(answer.value().status, 200);
  EXPECT_EQ(answer.value().content_type, "application/json");
  const nlohmann::json report = nlohmann::json::parse(answer.value().body);
  EXPECT_EQ(report["format"], "msgsim-report/1");
  EXPECT_EQ(report["scenario"]["name"], "serve-desk");
  EXPECT_TRUE(report["metrics"].contains("messages"));
  EXPECT_TRUE(report["metrics"].contains("routing"));
  EXPECT_TRUE(report["metrics"].contains("consent"));
  EXPECT_GE(report["metrics"]["wire"]["webhooks"].get<double>(), 0);
  EXPECT_EQ(report["host"]["live"]["speed"], 60);
  EXPECT_EQ(report["replay"].get<std::string>().rfind("msgsim serve ", 0), 0u);
}

// Stopping (as on SIGINT) ends the run where the clock stands: the final
// report has the run's metrics and nothing is lost.
TEST_F(ServeEndpoints, StoppingEndsTheRunWithItsReport) {
  HttpClient client(serving_.client_options());
  const ChannelWebhook hook = sms_webhook(serving_.session());
  EXPECT_EQ(must_send(client, twilio_webhook(hook, sid('f'), kTesterPhone, "before the end")).status, 200);
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  serving_.stop();
  EXPECT_TRUE(serving_.session().stopped());
  const harness::RunOutcome outcome = serving_.session().finish();
  EXPECT_GT(outcome.merged.end_s, 0);
  EXPECT_LT(outcome.merged.end_s, (serving_.scenario().duration + serving_.scenario().drain).to_seconds());
  bool passed = false;
  const nlohmann::ordered_json report = serving_.session().report(outcome, &passed);
  EXPECT_EQ(report["metrics"]["messages"]["lost"], 0) << report["metrics"]["messages"].dump();
  EXPECT_EQ(report["metrics"]["consent"]["violations"], 0);
  EXPECT_TRUE(passed) << report["expectations"].dump();
}

}  // namespace
}  // namespace msgsim::live
