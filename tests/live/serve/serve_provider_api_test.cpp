// A `msgsim serve` session's provider send APIs over loopback HTTP: the
// browser agent's reply leaves the stack as a real Twilio API call to the
// session's provider API server and reaches the fake customer; a tester can
// call the same API with their own request while the stack is idle, and a
// carrier refusal (21610 after STOP) comes back to them intact. /metrics,
// /api/report and the final report count what crossed.
#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

#include "sim/live/http_client.h"
#include "sim/stack/wire/form_encoding.h"
#include "sim/stack/wire/sms_wire_codec.h"
#include "tests/live/serving_session.h"

namespace msgsim::live {
namespace {

using nlohmann::json;
using testing::ServingSession;

constexpr const char* kScenario = "tests/live/fixtures/serve-desk.json";

class ServeProviderApi : public ::testing::Test {
 protected:
  void SetUp() override {
    ServeOptions options;
    options.speed = 20;
    options.agent_seat_group = "desk";
    ASSERT_TRUE(serving_.start(kScenario, options));
    client_ = std::make_unique<HttpClient>(serving_.client_options());
  }

  std::pair<int, json> call(const std::string& method, const std::string& target, const std::string& body = "") {
    stack::HttpRequest request;
    request.method = method;
    request.target = target;
    request.body = body;
    if (!body.empty()) request.set_header("Content-Type", "application/json");
    runtime::Result<stack::HttpResponse> answer = client_->send(request);
    EXPECT_TRUE(answer.is_ok()) << answer.status().message();
    if (!answer.is_ok()) return {0, nullptr};
    return {answer.value().status, json::parse(answer.value().body, nullptr, false)};
  }
  json post_ok(const std::string& target, const json& body, int expected) {
    auto [status, answer] = call("POST", target, body.dump());
    EXPECT_EQ(status, expected) << target << ": " << answer.dump();
    return answer;
  }
  // Polls GET `target` until `done` holds for its body (15 s at most).
  json wait_for(const std::string& target, const std::function<bool(const json&)>& done) {
    json body;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
    while (std::chrono::steady_clock::now() < deadline) {
      body = call("GET", target).second;
      if (done(body)) return body;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ADD_FAILURE() << "timed out waiting on " << target << ": " << body.dump();
    return body;
  }
  static bool received(const json& persona, const std::string& fragment) {
    for (const json& item : persona["items"]) {
      if (item["kind"] == "received" && item["text"].get<std::string>().find(fragment) != std::string::npos) return true;
    }
    return false;
  }
  // A persona on sms-us that has written once, so the stack knows it.
  json sms_persona_that_wrote(const std::string& text) {
    const json persona = post_ok("/api/personas", {{"channel", "sms-us"}}, 201);
    post_ok(persona_path(persona) + "/messages", {{"text", text}}, 202);
    return persona;
  }
  static std::string persona_path(const json& persona) {
    return "/api/personas/" + std::to_string(persona["id"].get<int>());
  }
  // The samples of /metrics, "name{labels}" -> value.
  std::map<std::string, double> scrape() {
    std::map<std::string, double> samples;
    runtime::Result<stack::HttpResponse> answer = client_->get("/metrics");
    EXPECT_TRUE(answer.is_ok());
    if (!answer.is_ok()) return samples;
    std::istringstream lines(answer.value().body);
    std::string line;
    while (std::getline(lines, line)) {
      const std::size_t space = line.rfind(' ');
      if (line.empty() || line[0] == '#' || space == std::string::npos) continue;
      samples[line.substr(0, space)] = std::stod(line.substr(space + 1));
    }
    return samples;
  }
  // A tester's own call to sms-us's Twilio Messages API, sent to `to`.
  stack::HttpResponse twilio_send(const std::string& to, const std::string& body) {
    ChannelWebhook hook;
    for (const ChannelWebhook& each : serving_.session().webhooks()) {
      if (each.channel == "sms-us") hook = each;
    }
    stack::HttpRequest request;
    request.target = "/providers/sms-us" + stack::twilio_messages_path(hook.account_id);
    request.set_header("Authorization", stack::twilio_basic_authorization(hook.account_id, hook.secret));
    request.set_header("Content-Type", "application/x-www-form-urlencoded");
    stack::append_form_field(request.body, "To", to);
    stack::append_form_field(request.body, "From", hook.business_address);
    stack::append_form_field(request.body, "Body", body);
    HttpClientOptions options;
    options.port = serving_.session().provider_api_port();
    HttpClient provider(options);
    runtime::Result<stack::HttpResponse> answer = provider.send(request);
    EXPECT_TRUE(answer.is_ok()) << answer.status().message();
    return answer.is_ok() ? answer.value() : stack::HttpResponse{0, "", ""};
  }

  ServingSession serving_;
  std::unique_ptr<HttpClient> client_;
};

// The browser seat's reply to an SMS persona is a Twilio API call over
// loopback HTTP, answered 2xx, and the persona receives it; /metrics, the
// supervisor view, the report so far and the final report count the
// stack's send calls.
TEST_F(ServeProviderApi, AgentRepliesReachTheCustomerOverHttp) {
  const std::string provider_api = serving_.session().provider_api_url();
  EXPECT_EQ(provider_api, "http://127.0.0.1:" + std::to_string(serving_.session().provider_api_port()) + "/providers/");
  post_ok("/api/seat/presence", {{"status", "online"}}, 200);
  const json persona = sms_persona_that_wrote("Where is my order?");
  const json seat = wait_for("/api/seat", [](const json& body) { return !body["offers"].empty(); });
  ASSERT_FALSE(seat["offers"].empty());
  const int work = seat["offers"][0]["work"].get<int>();
  const int session = seat["offers"][0]["session"].get<int>();
  post_ok("/api/seat/offers/" + std::to_string(work) + "/accept", json::object(), 200);
  post_ok("/api/seat/sessions/" + std::to_string(session) + "/messages", {{"text", "It ships today."}}, 202);
  wait_for(persona_path(persona), [](const json& body) { return received(body, "ships today"); });

  std::map<std::string, double> samples = scrape();
  EXPECT_GE(samples[R"(msgsim_send_calls_total{channel="sms-us",answer="2xx"})"], 1);
  EXPECT_EQ(samples[R"(msgsim_send_calls_total{channel="sms-us",answer="failed"})"], 0);
  EXPECT_GE(samples["msgsim_send_call_round_trip_seconds_count"], 1);
  EXPECT_EQ(samples.count(R"(msgsim_outside_send_calls_total{channel="sms-us",answer="2xx"})"), 1u);

  const json supervisor = call("GET", "/api/supervisor").second;
  bool shown = false;
  for (const json& channel : supervisor["channels"]) {
    if (channel["id"] != "sms-us") continue;
    shown = true;
    EXPECT_GE(channel["send_calls_ok"].get<int>(), 1) << channel.dump();
    EXPECT_EQ(channel["send_calls_failed"].get<int>(), 0) << channel.dump();
    EXPECT_TRUE(channel.contains("send_calls_refused") && channel.contains("send_calls_pending")) << channel.dump();
  }
  EXPECT_TRUE(shown) << supervisor.dump();

  const json so_far = call("GET", "/api/report").second;
  const json& loopback = so_far["host"]["loopback"];
  EXPECT_EQ(loopback["provider_api"], provider_api);
  EXPECT_GE(loopback["channels"]["sms-us"]["send_calls"]["2xx"].get<int>(), 1) << loopback.dump();
  EXPECT_GE(loopback["channels"]["sms-us"]["webhook_deliveries"]["2xx"].get<int>(), 1) << loopback.dump();

  serving_.stop();
  const harness::RunOutcome outcome = serving_.session().finish();
  const nlohmann::ordered_json report = serving_.session().report(outcome);
  const auto& final_sends = report["host"]["loopback"]["channels"]["sms-us"]["send_calls"];
  EXPECT_GE(final_sends["2xx"].get<int>(), 1) << report["host"].dump();
  EXPECT_EQ(final_sends["failed"].get<int>(), 0);
  EXPECT_GE(report["host"]["loopback"]["send_round_trip_us"]["count"].get<int>(), 1);
  EXPECT_GT(report["host"]["loopback"]["send_round_trip_us"]["p50"].get<double>(), 0);
}

// A tester calls the Twilio API of sms-us directly while the stack is idle:
// the fake carrier takes it and the persona receives the text. After the
// persona texts STOP the carrier refuses the next call with 21610, and the
// tester reads Twilio's own 400 answer.
TEST_F(ServeProviderApi, AnOutsideCallIsAnsweredAndACarrierRefusalComesBackIntact) {
  const json persona = sms_persona_that_wrote("Hi there");
  const std::string address = persona["address"].get<std::string>();
  wait_for("/api/supervisor", [](const json& body) {
    for (const json& channel : body["channels"]) {
      if (channel["id"] == "sms-us" && channel["inbound"].get<int>() >= 1) return true;
    }
    return false;
  });

  const stack::HttpResponse accepted = twilio_send(address, "Sent with my own request");
  EXPECT_EQ(accepted.status, 201) << accepted.body;
  const json sent = json::parse(accepted.body, nullptr, false);
  ASSERT_TRUE(sent.is_object()) << accepted.body;
  EXPECT_EQ(sent["sid"].get<std::string>().rfind("SM", 0), 0u) << accepted.body;
  wait_for(persona_path(persona), [](const json& body) { return received(body, "my own request"); });

  post_ok(persona_path(persona) + "/messages", {{"text", "STOP"}}, 202);
  wait_for(persona_path(persona), [](const json& body) { return received(body, "unsubscribed"); });
  const stack::HttpResponse refused = twilio_send(address, "One more?");
  EXPECT_EQ(refused.status, 400) << refused.body;
  const json error = json::parse(refused.body, nullptr, false);
  ASSERT_TRUE(error.is_object()) << refused.body;
  EXPECT_EQ(error["code"], 21610) << refused.body;
  EXPECT_EQ(error["status"], 400);

  std::map<std::string, double> samples = scrape();
  EXPECT_EQ(samples[R"(msgsim_outside_send_calls_total{channel="sms-us",answer="2xx"})"], 1);
  EXPECT_EQ(samples[R"(msgsim_outside_send_calls_total{channel="sms-us",answer="4xx"})"], 1);
}

}  // namespace
}  // namespace msgsim::live
