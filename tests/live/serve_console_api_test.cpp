// The browser console's JSON API of a `msgsim serve` session, driven over
// HTTP as the page drives it: a tester chats as an SMS customer with the
// browser's agent seat, consent and channel rules apply, the conversation
// shows the person's history across channels, and bad input gets a 400
// naming the field.
#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

#include "sim/live/http_client.h"
#include "tests/live/serving_session.h"

namespace msgsim::live {
namespace {

using nlohmann::json;
using testing::ServingSession;

constexpr const char* kScenario = "tests/live/fixtures/serve-desk.json";

class ServeConsoleApi : public ::testing::Test {
 protected:
  void SetUp() override {
    ServeOptions options;
    options.speed = 20;
    options.agent_seat_group = "desk";
    ASSERT_TRUE(serving_.start(kScenario, options));
    client_ = std::make_unique<HttpClient>(serving_.client_options());
  }

  // The answer's status and JSON body (null when the body is not JSON).
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
  // Polls GET `target` until `done` holds for its body (10 s at most).
  json wait_for(const std::string& target, const std::function<bool(const json&)>& done) {
    json body;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
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
  // The seat's first offer: {work, session}; none when no offer came.
  std::optional<std::pair<std::uint32_t, std::uint32_t>> next_offer() {
    const json seat = wait_for("/api/seat", [](const json& body) { return !body["offers"].empty(); });
    if (seat["offers"].empty()) return std::nullopt;
    return std::pair{seat["offers"][0]["work"].get<std::uint32_t>(), seat["offers"][0]["session"].get<std::uint32_t>()};
  }

  ServingSession serving_;
  std::unique_ptr<HttpClient> client_;
};

// An SMS persona writes; the browser seat (online) is offered the session,
// accepts and replies; the persona receives the reply. After the persona
// texts STOP and gets the one confirmation, the seat's next message is
// refused by consent (409), kept on the conversation, and never reaches the
// customer.
TEST_F(ServeConsoleApi, SmsChatWithTheSeatAndStopRefusesTheNextReply) {
  post_ok("/api/seat/presence", {{"status", "online"}}, 200);
  const json persona = post_ok("/api/personas", {{"channel", "sms-us"}}, 201);
  const std::string path = "/api/personas/" + std::to_string(persona["id"].get<int>());
  EXPECT_EQ(persona["type"], "sms");
  EXPECT_EQ(persona["address"].get<std::string>().rfind("+1", 0), 0u) << persona.dump();
  post_ok(path + "/messages", {{"text", "Hi, my order is late"}}, 202);

  const auto offer = next_offer();
  ASSERT_TRUE(offer.has_value());
  const auto [work, session] = *offer;
  post_ok("/api/seat/offers/" + std::to_string(work) + "/accept", json::object(), 200);
  const std::string conversation = "/api/seat/sessions/" + std::to_string(session);
  const json view = call("GET", conversation).second;
  ASSERT_FALSE(view["entries"].empty()) << view.dump();
  EXPECT_EQ(view["entries"][0]["text"], "Hi, my order is late");
  EXPECT_EQ(view["entries"][0]["direction"], "customer");

  post_ok(conversation + "/messages", {{"text", "Sorry! Looking into it now."}}, 202);
  wait_for(path, [](const json& body) { return received(body, "Looking into it"); });

  post_ok(path + "/messages", {{"text", "STOP"}}, 202);
  wait_for(path, [](const json& body) { return received(body, "unsubscribed"); });

  const json refused = post_ok(conversation + "/messages", {{"text", "Are you still there?"}}, 409);
  EXPECT_EQ(refused["refused"], true);
  EXPECT_FALSE(refused["error"].get<std::string>().empty());
  const json after = call("GET", conversation).second;
  ASSERT_EQ(after["refusals"].size(), 1u) << after.dump();
  EXPECT_EQ(after["refusals"][0]["text"], "Are you still there?");

  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  EXPECT_FALSE(received(call("GET", path).second, "still there"));
  const json supervisor = call("GET", "/api/supervisor").second;
  EXPECT_EQ(supervisor["consent"]["opt_outs"], 1);
  EXPECT_EQ(supervisor["consent"]["refused_consent"], 1);
}

// The same person on SMS and then on WhatsApp (one phone): the stack links
// them, and the conversation of the WhatsApp session shows the SMS session
// as history.
TEST_F(ServeConsoleApi, ConversationShowsTheContactsHistoryAcrossChannels) {
  post_ok("/api/seat/presence", {{"status", "online"}}, 200);
  const json sms = post_ok("/api/personas", {{"channel", "sms-us"}}, 201);
  post_ok("/api/personas/" + std::to_string(sms["id"].get<int>()) + "/messages", {{"text", "First on SMS"}}, 202);
  const auto sms_offer = next_offer();
  ASSERT_TRUE(sms_offer.has_value());
  const auto [sms_work, sms_session] = *sms_offer;
  post_ok("/api/seat/offers/" + std::to_string(sms_work) + "/accept", json::object(), 200);
  post_ok("/api/seat/sessions/" + std::to_string(sms_session) + "/end", json::object(), 200);

  const json whatsapp = post_ok("/api/personas", {{"channel", "wa-main"}, {"same_person_as", sms["id"]}}, 201);
  post_ok("/api/personas/" + std::to_string(whatsapp["id"].get<int>()) + "/messages", {{"text", "Now on WhatsApp"}},
          202);
  const auto wa_offer = next_offer();
  ASSERT_TRUE(wa_offer.has_value());
  const auto [wa_work, wa_session] = *wa_offer;
  post_ok("/api/seat/offers/" + std::to_string(wa_work) + "/accept", json::object(), 200);
  const json view = call("GET", "/api/seat/sessions/" + std::to_string(wa_session)).second;
  EXPECT_EQ(view["channel"], "wa-main");
  EXPECT_FALSE(view["contact"].is_null()) << view.dump();
  ASSERT_EQ(view["history"].size(), 1u) << view.dump();
  EXPECT_EQ(view["history"][0]["channel"], "sms-us");
  EXPECT_EQ(view["history"][0]["entries"][0]["text"], "First on SMS");

  // The same person cannot have two personas on one channel.
  auto [status, answer] =
      call("POST", "/api/personas", json{{"channel", "wa-main"}, {"same_person_as", sms["id"]}}.dump());
  EXPECT_EQ(status, 409) << answer.dump();
}

// Transfer hands the session back to a queue; the seat no longer holds it.
TEST_F(ServeConsoleApi, TransferAndMarkInactiveGoThroughTheConsole) {
  post_ok("/api/seat/presence", {{"status", "online"}}, 200);
  const json persona = post_ok("/api/personas", {{"channel", "sms-us"}}, 201);
  post_ok("/api/personas/" + std::to_string(persona["id"].get<int>()) + "/messages", {{"text", "Transfer me"}}, 202);
  const auto offer = next_offer();
  ASSERT_TRUE(offer.has_value());
  const auto [work, session] = *offer;
  post_ok("/api/seat/offers/" + std::to_string(work) + "/accept", json::object(), 200);
  const std::string base = "/api/seat/sessions/" + std::to_string(session);
  const json bad_queue = post_ok(base + "/transfer", {{"queue", "nowhere"}}, 400);
  EXPECT_NE(bad_queue["error"].get<std::string>().find("queue"), std::string::npos);
  const json seat = post_ok(base + "/transfer", {{"queue", "web"}}, 200);
  for (const json& held : seat["sessions"]) EXPECT_NE(held["session"], session);
  // Not the seat's any more: the console refuses to act on it.
  post_ok(base + "/inactive", json::object(), 409);
}

// Bad input is answered 400 with a message naming the field; unknown ids
// are 404; the page and its script are served at "/".
TEST_F(ServeConsoleApi, BadInputNamesTheFieldAndThePageIsServed) {
  auto expect_error = [this](const std::string& method, const std::string& target, const std::string& body,
                             int status, const std::string& names) {
    auto [got, answer] = call(method, target, body);
    EXPECT_EQ(got, status) << target << " " << body << ": " << answer.dump();
    ASSERT_TRUE(answer.is_object()) << target;
    EXPECT_NE(answer["error"].get<std::string>().find(names), std::string::npos) << answer.dump();
  };
  expect_error("POST", "/api/personas", "{}", 400, "'channel'");
  expect_error("POST", "/api/personas", R"({"channel": 5})", 400, "'channel'");
  expect_error("POST", "/api/personas", "not json", 400, "JSON");
  expect_error("POST", "/api/personas", R"({"channel": "fax"})", 400, "fax");
  expect_error("POST", "/api/personas", R"({"channel": "sms-us", "same_person_as": "x"})", 400, "same_person_as");
  expect_error("GET", "/api/personas/abc", "", 400, "persona");
  expect_error("GET", "/api/personas/999", "", 404, "999");
  expect_error("POST", "/api/seat/presence", R"({"status": "sleepy"})", 400, "'status'");
  expect_error("POST", "/api/seat/offers/77/accept", "", 404, "77");
  expect_error("GET", "/api/seat/sessions/5", "", 404, "5");
  const json persona = post_ok("/api/personas", {{"channel", "web-chat"}}, 201);
  expect_error("POST", "/api/personas/" + std::to_string(persona["id"].get<int>()) + "/messages", R"({"text": ""})",
               400, "'text'");

  runtime::Result<stack::HttpResponse> page = client_->get("/");
  ASSERT_TRUE(page.is_ok());
  EXPECT_EQ(page.value().status, 200);
  EXPECT_EQ(page.value().content_type, "text/html; charset=utf-8");
  EXPECT_NE(page.value().body.find("customer-view"), std::string::npos);
  runtime::Result<stack::HttpResponse> script = client_->get("/console.js");
  ASSERT_TRUE(script.is_ok());
  EXPECT_EQ(script.value().status, 200);
  EXPECT_NE(script.value().body.find("EventSource"), std::string::npos);
}

}  // namespace
}  // namespace msgsim::live
