// Inbound load on a live `msgsim serve` session: 2 or 4 client threads, each
// with its own keep-alive HttpClient, post correctly signed Twilio SMS
// webhooks to `POST /webhooks/sms-us` of a session on 127.0.0.1 (ephemeral
// port). Every webhook has a distinct MessageSid and a distinct From number,
// so each one opens a new messaging session and asks for a routing decision;
// the scenario has no simulated customers, so the load is the benchmark's own,
// and 100 agents of capacity 1000 so every request is offered at once.
//
// Counters:
//   webhooks_per_s      webhooks answered per wall second (all must be 200;
//                       any other answer or a transport error fails the run)
//   route_p50_ms/p99_ms wall-clock latency from the server taking each
//                       message in to its routing decision, read from the
//                       session's own probe (msgsim_live_routing_latency_seconds
//                       on GET /metrics; a fresh session per run, so only
//                       these webhooks are in it)
//   rtt_p50_ms/p99_ms   the client's HTTP round trip per webhook
//
// Targets on the 2-core machine: >= 20,000 inbound messages/s sustained,
// p99 < 5 ms (message in -> routing decision).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "sim/harness/scenario_loader.h"
#include "sim/harness/support_check.h"
#include "sim/live/http_client.h"
#include "sim/live/serve/serve_session.h"
#include "sim/stack/channels/signatures.h"
#include "sim/stack/wire/form_encoding.h"

namespace {

using msgsim::live::ChannelWebhook;
using msgsim::live::HttpClient;
using msgsim::live::HttpClientOptions;
using msgsim::live::ServeSession;

// One SMS channel into one queue served by 100,000 units of capacity: no
// webhook of a run ever waits for an agent, so the latency is the stack's.
constexpr const char* kScenario = R"({
  "msgsim": 1,
  "name": "live-webhook-load",
  "description": "Inbound SMS load on a live session: one SMS channel, one queue, ample agents, no simulated customers.",
  "seed": 7,
  "duration": "2h",
  "drain": "1m",
  "org": {
    "queues": [{"id": "support", "priority": 1, "model": "most_available"}],
    "channels": [
      {"id": "sms-us", "type": "sms", "address": "+14155550100",
       "routing": {"queue": "support"}, "fallback_queue": "support"}
    ],
    "agents": [
      {"id": "desk", "count": 100, "queues": ["support"], "capacity": 1000, "permission_sets": ["MessagingUser"]}
    ]
  },
  "providers": {"*": {"latency": "50ms", "receipt_latency": "100ms"}},
  "customers": {"populations": []}
})";

constexpr const char* kChannel = "sms-us";

// A serve session on its own io_context thread, stopped as SIGINT would.
class RunningSession {
 public:
  bool open(std::string& error) {
    auto loaded = msgsim::harness::load_scenario_text(kScenario, "live_webhook_load_bench");
    if (!loaded.is_ok()) {
      error = loaded.status().message();
      return false;
    }
    scenario_ = std::make_unique<msgsim::harness::Scenario>(loaded.take());
    const msgsim::runtime::Status supported = msgsim::harness::check_supported(*scenario_);
    if (!supported.is_ok()) {
      error = supported.message();
      return false;
    }
    msgsim::live::ServeOptions options;
    options.bind_address = "127.0.0.1";
    options.port = 0;
    auto opened = ServeSession::open(io_, *scenario_, options);
    if (!opened.is_ok()) {
      error = opened.status().message();
      return false;
    }
    session_ = opened.take();
    for (const ChannelWebhook& hook : session_->webhooks()) {
      if (hook.channel == kChannel) hook_ = hook;
    }
    if (hook_.channel.empty()) {
      error = "the session serves no webhook for channel sms-us";
      return false;
    }
    port_ = session_->port();
    session_->start([] {});
    thread_ = std::thread([this] { io_.run(); });
    return true;
  }

  ~RunningSession() {
    if (!thread_.joinable()) return;
    boost::asio::post(io_, [this] { session_->request_stop(); });
    thread_.join();
  }

  const ChannelWebhook& hook() const { return hook_; }
  std::uint16_t port() const { return port_; }

 private:
  boost::asio::io_context io_;
  std::unique_ptr<msgsim::harness::Scenario> scenario_;
  std::unique_ptr<ServeSession> session_;
  ChannelWebhook hook_;
  std::uint16_t port_ = 0;
  std::thread thread_;
};

// A Twilio inbound-SMS webhook as Twilio posts it: form parameters signed
// with the channel's auth token over its webhook URL. `n` makes the
// MessageSid ("SM" + 32 hex) and the From number unique.
msgsim::stack::HttpRequest sms_webhook(const ChannelWebhook& hook, std::uint64_t n) {
  char sid[40];
  std::snprintf(sid, sizeof sid, "SM%016" PRIx64 "%016" PRIx64, std::uint64_t{0x5eed}, n);
  char from[24];
  std::snprintf(from, sizeof from, "+1646%07" PRIu64, n % 10'000'000);
  const msgsim::stack::FormParams params = {
      {"AccountSid", hook.account_id}, {"Body", "Order 1234 is late"}, {"From", from},
      {"MessageSid", sid},             {"NumMedia", "0"},            {"NumSegments", "1"},
      {"To", hook.business_address}};
  msgsim::stack::HttpRequest request;
  request.target = std::string("/webhooks/") + kChannel;
  for (const auto& [name, value] : params) msgsim::stack::append_form_field(request.body, name, value);
  request.set_header("Content-Type", "application/x-www-form-urlencoded");
  request.set_header(hook.signature_header, msgsim::stack::twilio_signature(hook.secret, hook.url, params));
  return request;
}

// The samples of a Prometheus text exposition, "name{labels}" -> value.
std::map<std::string, double> scrape(std::uint16_t port, std::string& error) {
  HttpClientOptions options;
  options.port = port;
  HttpClient client(options);
  auto answer = client.get("/metrics");
  std::map<std::string, double> samples;
  if (!answer.is_ok() || answer.value().status != 200) {
    error = answer.is_ok() ? "GET /metrics answered " + std::to_string(answer.value().status)
                           : answer.status().message();
    return samples;
  }
  std::istringstream lines(answer.value().body);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.empty() || line[0] == '#') continue;
    const std::size_t space = line.rfind(' ');
    if (space == std::string::npos) continue;
    samples[line.substr(0, space)] = std::strtod(line.c_str() + space + 1, nullptr);
  }
  return samples;
}

double sample_or_zero(const std::map<std::string, double>& samples, const std::string& name) {
  const auto found = samples.find(name);
  return found == samples.end() ? 0.0 : found->second;
}

double quantile_ms(std::vector<double> values_ms, double q) {
  if (values_ms.empty()) return 0.0;
  std::sort(values_ms.begin(), values_ms.end());
  const auto rank = static_cast<std::size_t>(q * static_cast<double>(values_ms.size() - 1) + 0.5);
  return values_ms[rank];
}

// Shared by the threads of one run; written by thread 0 before the timed
// loop's start barrier and read after its stop barrier.
std::unique_ptr<RunningSession> g_session;
std::vector<double> g_rtt_ms;
std::atomic<std::uint64_t> g_next{0};
std::atomic<std::uint64_t> g_failures{0};
std::string g_first_failure;
std::atomic<bool> g_failure_noted{false};

void note_failure(std::string what) {
  g_failures.fetch_add(1);
  if (!g_failure_noted.exchange(true)) g_first_failure = std::move(what);
}

void BM_LiveSmsWebhooks(benchmark::State& state) {
  if (state.thread_index() == 0) {
    g_session = std::make_unique<RunningSession>();
    std::string error;
    if (!g_session->open(error)) {
      state.SkipWithError(error.c_str());
      g_session.reset();
    }
    g_rtt_ms.assign(static_cast<std::size_t>(state.max_iterations) * static_cast<std::size_t>(state.threads()), 0.0);
    g_next = 0;
    g_failures = 0;
    g_failure_noted = false;
  }
  std::unique_ptr<HttpClient> client;
  for (auto _ : state) {
    if (!g_session) break;
    if (!client) {
      HttpClientOptions options;
      options.port = g_session->port();
      client = std::make_unique<HttpClient>(options);
    }
    const std::uint64_t n = g_next.fetch_add(1);
    const msgsim::stack::HttpRequest request = sms_webhook(g_session->hook(), n);
    const auto sent = std::chrono::steady_clock::now();
    auto answer = client->send(request);
    const auto answered = std::chrono::steady_clock::now();
    g_rtt_ms[n] = std::chrono::duration<double, std::milli>(answered - sent).count();
    if (!answer.is_ok()) {
      note_failure(answer.status().message());
    } else if (answer.value().status != 200) {
      note_failure("webhook answered " + std::to_string(answer.value().status) + ": " + answer.value().body);
    }
  }
  if (state.thread_index() != 0 || !g_session) return;

  const auto total = static_cast<double>(g_next.load());
  state.SetItemsProcessed(static_cast<std::int64_t>(g_next.load()));
  state.counters["webhooks_per_s"] = benchmark::Counter(total, benchmark::Counter::kIsRate);
  state.counters["rtt_p50_ms"] = quantile_ms(g_rtt_ms, 0.50);
  state.counters["rtt_p99_ms"] = quantile_ms(g_rtt_ms, 0.99);
  state.counters["errors"] = static_cast<double>(g_failures.load());

  // The routing decisions may land after the answers (a routing step is
  // scheduled on the pacer), so wait for the probe to have counted them all.
  const std::string count_name = "msgsim_live_routing_latency_seconds_count";
  std::map<std::string, double> samples;
  std::string error;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  do {
    samples = scrape(g_session->port(), error);
    if (!error.empty() || sample_or_zero(samples, count_name) >= total) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  } while (std::chrono::steady_clock::now() < deadline);
  const double inbound = sample_or_zero(samples, std::string("msgsim_inbound_messages_total{channel=\"") + kChannel + "\"}");
  const double decisions = sample_or_zero(samples, count_name);
  state.counters["inbound_landed"] = inbound;
  state.counters["routing_decisions"] = decisions;
  state.counters["route_p50_ms"] =
      sample_or_zero(samples, "msgsim_live_routing_latency_seconds{quantile=\"0.5\"}") * 1e3;
  state.counters["route_p99_ms"] =
      sample_or_zero(samples, "msgsim_live_routing_latency_seconds{quantile=\"0.99\"}") * 1e3;
  g_session.reset();

  if (g_failures.load() > 0) {
    const std::string message =
        std::to_string(g_failures.load()) + " webhooks failed; first: " + g_first_failure;
    state.SkipWithError(message.c_str());
  } else if (!error.empty()) {
    state.SkipWithError(("scraping /metrics: " + error).c_str());
  } else if (inbound != total || decisions != total) {
    const std::string message = "posted " + std::to_string(g_next.load()) + " webhooks but " +
                                std::to_string(static_cast<std::uint64_t>(inbound)) + " landed and " +
                                std::to_string(static_cast<std::uint64_t>(decisions)) + " were routed";
    state.SkipWithError(message.c_str());
  }
}

// A fixed count per thread keeps every run's total within the agents'
// capacity (100 x 1000), so no message ever waits for a free agent.
BENCHMARK(BM_LiveSmsWebhooks)->Threads(2)->Iterations(10'000)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LiveSmsWebhooks)->Threads(4)->Iterations(5'000)->UseRealTime()->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
