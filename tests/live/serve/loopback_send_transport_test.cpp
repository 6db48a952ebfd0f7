// The stack's calls to the providers' send APIs over real loopback HTTP
// (LoopbackSends: a provider API server on its own thread, the stack's
// transport on the simulation thread): the answers are byte for byte those
// of the in-process gateway, for every channel type and for refusals; a
// server that never answers makes a call fail within its timeout; a
// connection the server closed while idle is reopened.
#include "sim/live/serve/loopback_send_transport.h"

#include <gtest/gtest.h>

#include <chrono>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "sim/harness/scenario_loader.h"
#include "sim/harness/support_check.h"
#include "sim/harness/world.h"
#include "sim/live/serve/loopback_sends.h"

namespace msgsim::live {
namespace {

using Clock = std::chrono::steady_clock;

struct Crossing {
  std::string channel;
  stack::HttpRequest request;
  stack::HttpResponse response;
};

// Forwards every call to `inner` and records what crossed.
class RecordingTransport final : public stack::WireTransport {
 public:
  RecordingTransport(std::unique_ptr<stack::WireTransport> owned, stack::WireTransport& inner, std::string channel,
                     std::vector<Crossing>& log)
      : owned_(std::move(owned)), inner_(inner), channel_(std::move(channel)), log_(log) {}

  stack::HttpResponse exchange(const stack::HttpRequest& request) override {
    stack::HttpResponse response = inner_.exchange(request);
    log_.push_back(Crossing{channel_, request, response});
    return response;
  }

 private:
  std::unique_ptr<stack::WireTransport> owned_;
  stack::WireTransport& inner_;
  std::string channel_;
  std::vector<Crossing>& log_;
};

harness::Scenario load(const std::string& file) {
  runtime::Result<harness::Scenario> loaded = harness::load_scenario_file(std::string(MSGSIM_SOURCE_DIR) + "/" + file);
  EXPECT_TRUE(loaded.is_ok()) << loaded.status().message();
  harness::Scenario scenario = loaded.take();
  EXPECT_TRUE(harness::check_supported(scenario).is_ok());
  return scenario;
}

// What crossed a world's send APIs, and its transports by channel name.
struct Recorder {
  std::vector<Crossing> log;
  std::map<std::string, stack::WireTransport*> transports;
};

// A world with every channel on the wire whose send-API calls are recorded:
// in process, or over loopback HTTP through `sends`.
std::unique_ptr<harness::World> recorded_world(const harness::Scenario& scenario, std::uint64_t seed,
                                               Recorder& recorder, LoopbackSends* sends) {
  harness::WorldOptions options;
  options.every_channel_on_wire = true;
  options.wire.send_transport = [&recorder, sends](stack::ChannelId id, std::string_view name,
                                                   stack::WireTransport& send_api) {
    std::unique_ptr<stack::WireTransport> loopback = sends != nullptr ? sends->make(id, name, send_api) : nullptr;
    stack::WireTransport& inner = loopback ? *loopback : send_api;
    auto recording = std::make_unique<RecordingTransport>(std::move(loopback), inner, std::string(name), recorder.log);
    recorder.transports[std::string(name)] = recording.get();
    return std::unique_ptr<stack::WireTransport>(std::move(recording));
  };
  return std::make_unique<harness::World>(scenario, seed, std::move(options));
}

void expect_same_crossings(const std::vector<Crossing>& in_process, const std::vector<Crossing>& loopback) {
  ASSERT_EQ(in_process.size(), loopback.size());
  for (std::size_t i = 0; i < in_process.size(); ++i) {
    const Crossing& a = in_process[i];
    const Crossing& b = loopback[i];
    ASSERT_EQ(a.channel, b.channel) << "call " << i;
    ASSERT_EQ(a.request.target, b.request.target) << "call " << i;
    ASSERT_EQ(a.request.body, b.request.body) << "call " << i;
    ASSERT_EQ(a.response.status, b.response.status) << "call " << i << " to " << a.request.target;
    ASSERT_EQ(a.response.content_type, b.response.content_type) << "call " << i << " to " << a.request.target;
    ASSERT_EQ(a.response.body, b.response.body) << "call " << i << " to " << a.request.target;
  }
}

double microseconds(double nanoseconds) { return nanoseconds / 1e3; }

// Every channel type's send calls (Twilio, Graph API for WhatsApp and
// Messenger, LINE reply and push, Apple, web, in-app, BYOC) cross the
// loopback server and come back exactly as the gateway answers in process,
// so the run's outcome is the in-process one too.
TEST(LoopbackSendTransport, EveryChannelTypeIsAnsweredAsTheInProcessGatewayAnswers) {
  const harness::Scenario scenario = load("scenarios/all-channels.json");
  Recorder in_process_recorder;
  std::unique_ptr<harness::World> in_process = recorded_world(scenario, 11, in_process_recorder, nullptr);
  const harness::Metrics expected = in_process->run();

  boost::asio::io_context simulation;  // no outside calls: nothing is posted
  LoopbackSends sends(simulation, {});
  ASSERT_TRUE(sends.start().is_ok());
  Recorder loopback_recorder;
  std::unique_ptr<harness::World> loopback = recorded_world(scenario, 11, loopback_recorder, &sends);
  const harness::Metrics got = loopback->run();
  const std::vector<Crossing>& loopback_log = loopback_recorder.log;

  expect_same_crossings(in_process_recorder.log, loopback_log);
  EXPECT_EQ(got.messages.to_json(), expected.messages.to_json());
  EXPECT_EQ(got.routing.to_json(), expected.routing.to_json());
  ASSERT_TRUE(got.wire.has_value());
  EXPECT_EQ(got.wire->send_calls, loopback_log.size());

  std::uint64_t calls = 0;
  std::uint64_t answered = 0;
  std::uint64_t failed = 0;
  std::map<std::string, std::uint64_t> by_channel;
  for (const Crossing& crossing : loopback_log) ++by_channel[crossing.channel];
  stack::ChannelRegistry& channels = loopback->stack().channels();
  for (std::uint32_t i = 0; i < channels.size(); ++i) {
    const SendCallCounts& counts = sends.counts(stack::ChannelId(i));
    EXPECT_EQ(counts.calls, by_channel[channels.settings(stack::ChannelId(i)).id]) << channels.settings(stack::ChannelId(i)).id;
    calls += counts.calls;
    answered += counts.answered_2xx + counts.answered_4xx + counts.answered_5xx;
    failed += counts.failed;
  }
  EXPECT_EQ(by_channel.size(), channels.size()) << "every channel type sent at least once";
  EXPECT_EQ(calls, loopback_log.size());
  EXPECT_EQ(answered, calls);
  EXPECT_EQ(failed, 0u);
  const harness::Histogram round_trip = sends.round_trip();
  EXPECT_EQ(round_trip.count(), calls);
  std::cout << "[ figures  ] send-API round trip over loopback HTTP: " << round_trip.count() << " calls, p50 "
            << microseconds(round_trip.quantile_ns(0.5)) << " us, p99 " << microseconds(round_trip.quantile_ns(0.99))
            << " us, max " << microseconds(static_cast<double>(round_trip.max_ns())) << " us\n";
}

// The address of the first messaging user of channel 0.
std::string first_customer_address(harness::World& world) {
  const stack::MessagingUser& user = world.stack().users().get(stack::MessagingUserId(0));
  return world.wire_boundaries()->endpoint(user.channel)->address_of(user.handle);
}

// After the customer texted STOP (and got the one confirmation), a send to
// them is refused by the fake carrier with Twilio's 21610 and HTTP 400; that
// answer comes back over loopback exactly as the gateway gives it.
TEST(LoopbackSendTransport, ARefusalComesBackIntact) {
  const harness::Scenario scenario = load("scenarios/consent-stop.json");
  Recorder in_process_recorder;
  std::unique_ptr<harness::World> in_process = recorded_world(scenario, 3, in_process_recorder, nullptr);
  (void)in_process->run();
  boost::asio::io_context simulation;
  LoopbackSends sends(simulation, {});
  ASSERT_TRUE(sends.start().is_ok());
  Recorder loopback_recorder;
  std::unique_ptr<harness::World> loopback = recorded_world(scenario, 3, loopback_recorder, &sends);
  (void)loopback->run();
  const std::uint64_t refused_before = sends.counts(stack::ChannelId(0)).answered_4xx;

  stack::WireEndpoint& endpoint = *loopback->wire_boundaries()->endpoint(stack::ChannelId(0));
  stack::WireSend send;
  send.to_address = first_customer_address(*loopback);
  send.text = "Are you still there?";
  const stack::HttpRequest request = endpoint.codec().encode_send(send, endpoint.credentials());
  const stack::HttpResponse expected = in_process->wire_boundaries()->gateway(stack::ChannelId(0))->exchange(request);
  const stack::HttpResponse got = loopback_recorder.transports.at("sms-us")->exchange(request);
  EXPECT_EQ(expected.status, 400);
  EXPECT_NE(expected.body.find("21610"), std::string::npos) << expected.body;
  EXPECT_EQ(got.status, expected.status);
  EXPECT_EQ(got.content_type, expected.content_type);
  EXPECT_EQ(got.body, expected.body);
  EXPECT_EQ(sends.counts(stack::ChannelId(0)).answered_4xx, refused_before + 1);
}

// A stand-in send API: answers 200 with what it was given.
class EchoApi final : public stack::WireTransport {
 public:
  stack::HttpResponse exchange(const stack::HttpRequest& request) override {
    ++calls;
    return stack::HttpResponse{200, "text/plain", request.target + " " + request.body};
  }
  int calls = 0;
};

stack::HttpRequest echo_request(std::string body) {
  stack::HttpRequest request;
  request.target = "/v2/bot/message/push";
  request.set_header("Content-Type", "application/json");
  request.body = std::move(body);
  return request;
}

// A server that accepts the connection and never answers: the call fails
// with a 503 naming the cause once its timeout has passed, and not long
// after; the next call does the same on a new connection.
TEST(LoopbackSendTransport, NoAnswerFailsAfterTheTimeoutInsteadOfHanging) {
  boost::asio::io_context io;
  boost::asio::ip::tcp::acceptor silent(io, {boost::asio::ip::address_v4::loopback(), 0});
  ProviderCallHandOff hand_off([] {});
  ProviderCallRunner runner;
  SendCallCounts counts;
  LoopbackSendOptions options;
  options.port = silent.local_endpoint().port();
  options.channel = "line-jp";
  options.timeout = std::chrono::milliseconds(200);
  LoopbackSendTransport transport(hand_off, runner, options, counts);
  for (int call = 0; call < 2; ++call) {
    const auto started = Clock::now();
    const stack::HttpResponse answer = transport.exchange(echo_request("{}"));
    const auto waited = Clock::now() - started;
    EXPECT_EQ(answer.status, 503);
    EXPECT_NE(answer.body.find("no answer within 200 ms"), std::string::npos) << answer.body;
    EXPECT_GE(waited, std::chrono::milliseconds(200));
    EXPECT_LT(waited, std::chrono::seconds(2));
  }
  EXPECT_EQ(counts.calls, 2u);
  EXPECT_EQ(counts.failed, 2u);
  EXPECT_EQ(counts.round_trip.count(), 0u);
}

// Once the transport is closed every call fails at once: a stopping session
// never waits on its provider server.
TEST(LoopbackSendTransport, AfterCloseCallsFailAtOnce) {
  boost::asio::io_context simulation;
  LoopbackSends sends(simulation, {});
  ASSERT_TRUE(sends.start().is_ok());
  EchoApi api;
  std::unique_ptr<stack::WireTransport> transport = sends.make(stack::ChannelId(0), "line-jp", api);
  EXPECT_EQ(transport->exchange(echo_request("{\"n\":1}")).status, 200);
  sends.close();
  const auto started = Clock::now();
  const stack::HttpResponse answer = transport->exchange(echo_request("{\"n\":2}"));
  EXPECT_EQ(answer.status, 503);
  EXPECT_NE(answer.body.find("closed"), std::string::npos) << answer.body;
  EXPECT_LT(Clock::now() - started, std::chrono::milliseconds(500));
  EXPECT_EQ(api.calls, 1);
  EXPECT_EQ(sends.counts(stack::ChannelId(0)).failed, 1u);
}

// The server closes a connection left idle past its read timeout; the next
// call notices and reopens it, and the provider sees each call once, with
// its own path (the /providers/<channel> base removed).
TEST(LoopbackSendTransport, AConnectionClosedWhileIdleIsReopened) {
  boost::asio::io_context simulation;
  LoopbackSendsOptions options;
  options.server.read_timeout = std::chrono::milliseconds(100);
  LoopbackSends sends(simulation, {}, options);
  ASSERT_TRUE(sends.start().is_ok());
  EchoApi api;
  std::unique_ptr<stack::WireTransport> transport = sends.make(stack::ChannelId(0), "line-jp", api);
  const stack::HttpResponse first = transport->exchange(echo_request("first"));
  EXPECT_EQ(first.status, 200);
  EXPECT_EQ(first.body, "/v2/bot/message/push first");
  std::this_thread::sleep_for(std::chrono::milliseconds(400));
  const stack::HttpResponse second = transport->exchange(echo_request("second"));
  EXPECT_EQ(second.status, 200);
  EXPECT_EQ(second.body, "/v2/bot/message/push second");
  EXPECT_EQ(api.calls, 2);
  const SendCallCounts& counts = sends.counts(stack::ChannelId(0));
  EXPECT_EQ(counts.answered_2xx, 2u);
  EXPECT_EQ(counts.failed, 0u);
}

}  // namespace
}  // namespace msgsim::live
