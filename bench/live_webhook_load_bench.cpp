// Inbound load on a live `msgsim serve` session: a load client on its own
// thread (an asynchronous Asio client, like wrk) keeps `connections`
// keep-alive connections to `POST /webhooks/sms-us` of a session on
// 127.0.0.1 busy with correctly signed Twilio SMS webhooks, one request in
// flight per connection. Every webhook has a distinct MessageSid and a
// distinct From number, so each one opens a new messaging session and asks
// for a routing decision. The requests are built and signed before the
// clock starts, so the client's own cost is only its socket work. The
// scenario has no simulated customers, so the load is the benchmark's own,
// and 200 agents of capacity 1000 so that every request is offered at once.
//
// Two desks:
//   inbound        the agents accept at once and answer an hour later: what
//                  crosses is the inbound path alone (webhook in, signature,
//                  decode, messaging user, session, routing decision).
//   conversation   the agents answer at once: each webhook also makes a
//                  Twilio send-API call over loopback and the fake carrier's
//                  status webhooks (sent, delivered) back, all on the same
//                  event loop.
//
// Counters:
//   webhooks_per_s      webhooks answered per wall second (all must be 200;
//                       any other answer or a transport error fails the run)
//   route_p50_ms/p99_ms wall-clock latency from the server taking each
//                       message in to its routing decision, read from the
//                       session's own probe (msgsim_live_routing_latency_seconds
//                       on GET /metrics; a fresh session per run)
//   rtt_p50_ms/p99_ms   the client's HTTP round trip per webhook
//   send_calls          the stack's send-API calls answered 2xx (conversation)
//   replies_per_s       conversation: send calls answered per wall second,
//                       from the first webhook until every reply's answer
//
// Targets on the 2-core machine: >= 20,000 inbound messages/s sustained,
// p99 < 5 ms (message in -> routing decision).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "sim/harness/scenario_loader.h"
#include "sim/harness/support_check.h"
#include "sim/live/beast.h"
#include "sim/live/http_client.h"
#include "sim/live/http_server.h"
#include "sim/live/serve/serve_session.h"
#include "sim/stack/channels/signatures.h"
#include "sim/stack/wire/form_encoding.h"

namespace {

using Clock = std::chrono::steady_clock;
using msgsim::live::ChannelWebhook;
using msgsim::live::HttpClient;
using msgsim::live::HttpClientOptions;
using msgsim::live::ServeSession;

constexpr const char* kChannel = "sms-us";
constexpr std::uint64_t kWebhooksPerRun = 60'000;

// One SMS channel into one queue served by 200,000 units of capacity: no
// webhook of a run ever waits for an agent, so the latency is the stack's.
std::string scenario_text(const std::string& reply_delay) {
  return R"({
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
      {"id": "desk", "count": 200, "queues": ["support"], "capacity": 1000, "permission_sets": ["MessagingUser"],
       "behavior": {"accept_delay": "0s", "reply_delay": ")" +
         reply_delay + R"(", "handle_time": "2h"}}
    ]
  },
  "providers": {"*": {"latency": "50ms", "receipt_latency": "100ms"}},
  "customers": {"populations": []}
})";
}

// A serve session on its own io_context thread, stopped as SIGINT would.
class RunningSession {
 public:
  bool open(const std::string& text, std::string& error) {
    auto loaded = msgsim::harness::load_scenario_text(text, "live_webhook_load_bench");
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

// A Twilio inbound-SMS webhook as Twilio posts it, as bytes on the wire:
// form parameters signed with the channel's auth token over its webhook URL.
// `n` makes the MessageSid ("SM" + 32 hex) and the From number unique.
std::string sms_webhook_bytes(const ChannelWebhook& hook, std::uint16_t port, std::uint64_t n) {
  char sid[40];
  std::snprintf(sid, sizeof sid, "SM%016" PRIx64 "%016" PRIx64, std::uint64_t{0x5eed}, n);
  char from[24];
  std::snprintf(from, sizeof from, "+1646%07" PRIu64, n % 10'000'000);
  const msgsim::stack::FormParams params = {
      {"AccountSid", hook.account_id}, {"Body", "Order 1234 is late"}, {"From", from},
      {"MessageSid", sid},             {"NumMedia", "0"},            {"NumSegments", "1"},
      {"To", hook.business_address}};
  std::string body;
  for (const auto& [name, value] : params) msgsim::stack::append_form_field(body, name, value);
  std::string bytes = std::string("POST /webhooks/") + kChannel + " HTTP/1.1\r\nHost: 127.0.0.1:" +
                      std::to_string(port) + "\r\nContent-Type: application/x-www-form-urlencoded\r\n";
  bytes += hook.signature_header + ": " + msgsim::stack::twilio_signature(hook.secret, hook.url, params) + "\r\n";
  bytes += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  return bytes;
}

// The load client: `connections` keep-alive connections on one thread, each
// writing the next prepared request as soon as its previous answer is read.
class LoadClient {
 public:
  LoadClient(std::uint16_t port, const std::vector<std::string>& requests, int connections)
      : requests_(requests), rtt_ms_(requests.size(), 0.0) {
    const boost::asio::ip::tcp::endpoint server(boost::asio::ip::make_address("127.0.0.1"), port);
    for (int i = 0; i < connections; ++i) lines_.push_back(std::make_unique<Line>(io_, server));
  }

  // Sends every request; returns the wall time it took.
  Clock::duration run() {
    const auto started = Clock::now();
    for (auto& line : lines_) {
      line->stream.async_connect(line->server, [this, raw = line.get()](const boost::beast::error_code& error) {
        if (error) return fail(raw, "connect: " + error.message());
        raw->stream.socket().set_option(boost::asio::ip::tcp::no_delay(true));
        next(raw);
      });
    }
    io_.run();
    return Clock::now() - started;
  }

  std::uint64_t answered() const { return answered_; }
  const std::string& first_failure() const { return first_failure_; }
  std::uint64_t failures() const { return failures_; }
  const std::vector<double>& rtt_ms() const { return rtt_ms_; }

 private:
  struct Line {
    Line(boost::asio::io_context& io, boost::asio::ip::tcp::endpoint to) : server(to), stream(io) {}
    boost::asio::ip::tcp::endpoint server;
    boost::beast::tcp_stream stream;
    boost::beast::flat_buffer buffer;
    std::optional<boost::beast::http::response_parser<boost::beast::http::string_body>> parser;
    std::size_t current = 0;
    Clock::time_point sent;
  };

  void next(Line* line) {
    if (next_ >= requests_.size()) {
      boost::beast::error_code ignored;
      line->stream.socket().shutdown(boost::asio::ip::tcp::socket::shutdown_both, ignored);
      return;
    }
    line->current = next_++;
    line->sent = Clock::now();
    boost::asio::async_write(line->stream, boost::asio::buffer(requests_[line->current]),
                             [this, line](const boost::beast::error_code& error, std::size_t) {
                               if (error) return fail(line, "write: " + error.message());
                               line->parser.emplace();
                               boost::beast::http::async_read(
                                   line->stream, line->buffer, *line->parser,
                                   [this, line](const boost::beast::error_code& read_error, std::size_t) {
                                     if (read_error) return fail(line, "read: " + read_error.message());
                                     on_answer(line);
                                   });
                             });
  }

  void on_answer(Line* line) {
    rtt_ms_[line->current] = std::chrono::duration<double, std::milli>(Clock::now() - line->sent).count();
    const unsigned status = line->parser->get().result_int();
    if (status != 200) {
      ++failures_;
      if (first_failure_.empty()) {
        first_failure_ = "webhook answered " + std::to_string(status) + ": " + line->parser->get().body();
      }
    } else {
      ++answered_;
    }
    next(line);
  }

  void fail(Line* line, const std::string& what) {
    ++failures_;
    if (first_failure_.empty()) first_failure_ = what;
    boost::beast::error_code ignored;
    line->stream.socket().close(ignored);
  }

  boost::asio::io_context io_;
  const std::vector<std::string>& requests_;
  std::vector<std::unique_ptr<Line>> lines_;
  std::vector<double> rtt_ms_;
  std::size_t next_ = 0;
  std::uint64_t answered_ = 0;
  std::uint64_t failures_ = 0;
  std::string first_failure_;
};

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

// Waits until the session's samples have counted `total` of `name` (they
// may land after the webhooks' answers), then returns them.
std::map<std::string, double> settled_samples(std::uint16_t port, const std::string& name, double total,
                                              std::string& error) {
  std::map<std::string, double> samples;
  const auto deadline = Clock::now() + std::chrono::seconds(60);
  do {
    samples = scrape(port, error);
    if (!error.empty() || sample_or_zero(samples, name) >= total) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  } while (Clock::now() < deadline);
  return samples;
}

// Args: connections, agents reply at once (1) or an hour later (0).
void BM_LiveSmsWebhooks(benchmark::State& state) {
  const int connections = static_cast<int>(state.range(0));
  const bool conversation = state.range(1) != 0;
  for (auto _ : state) {
    RunningSession session;
    std::string error;
    if (!session.open(scenario_text(conversation ? "0s" : "1h"), error)) {
      state.SkipWithError(error.c_str());
      return;
    }
    std::vector<std::string> requests;
    requests.reserve(kWebhooksPerRun);
    for (std::uint64_t n = 0; n < kWebhooksPerRun; ++n) requests.push_back(sms_webhook_bytes(session.hook(), session.port(), n));

    LoadClient client(session.port(), requests, connections);
    const auto started = Clock::now();
    const Clock::duration took = client.run();
    const double seconds = std::chrono::duration<double>(took).count();
    state.SetIterationTime(seconds);

    const double total = static_cast<double>(kWebhooksPerRun);
    const std::string channel_label = std::string("{channel=\"") + kChannel + "\"";
    const std::string replies = "msgsim_send_calls_total" + channel_label + ",answer=\"2xx\"}";
    std::map<std::string, double> samples =
        settled_samples(session.port(), "msgsim_live_routing_latency_seconds_count", total, error);
    if (conversation && error.empty()) {
      // Every reply answered by the provider: until then the desk is behind.
      samples = settled_samples(session.port(), replies, total, error);
      const double replied_s = std::chrono::duration<double>(Clock::now() - started).count();
      state.counters["replies_per_s"] = sample_or_zero(samples, replies) / replied_s;
    }
    const double inbound = sample_or_zero(samples, "msgsim_inbound_messages_total" + channel_label + "}");
    const double decisions = sample_or_zero(samples, "msgsim_live_routing_latency_seconds_count");
    state.counters["webhooks_per_s"] = static_cast<double>(client.answered()) / seconds;
    state.counters["rtt_p50_ms"] = quantile_ms(client.rtt_ms(), 0.50);
    state.counters["rtt_p99_ms"] = quantile_ms(client.rtt_ms(), 0.99);
    state.counters["route_p50_ms"] =
        sample_or_zero(samples, "msgsim_live_routing_latency_seconds{quantile=\"0.5\"}") * 1e3;
    state.counters["route_p99_ms"] =
        sample_or_zero(samples, "msgsim_live_routing_latency_seconds{quantile=\"0.99\"}") * 1e3;
    state.counters["send_calls"] = sample_or_zero(samples, replies);
    state.counters["errors"] = static_cast<double>(client.failures());
    state.SetItemsProcessed(static_cast<std::int64_t>(client.answered()));

    if (client.failures() > 0) {
      const std::string message =
          std::to_string(client.failures()) + " webhooks failed; first: " + client.first_failure();
      state.SkipWithError(message.c_str());
    } else if (!error.empty()) {
      state.SkipWithError(("scraping /metrics: " + error).c_str());
    } else if (inbound != total || decisions != total) {
      const std::string message = "posted " + std::to_string(kWebhooksPerRun) + " webhooks but " +
                                  std::to_string(static_cast<std::uint64_t>(inbound)) + " landed and " +
                                  std::to_string(static_cast<std::uint64_t>(decisions)) + " were routed";
      state.SkipWithError(message.c_str());
    }
  }
}

// The floor under the figures above: the same load client against an
// HttpServer on its own thread whose route answers 200 at once, so only the
// HTTP/1.1 server, its socket work and the client's remain.
void BM_HttpServerFloor(benchmark::State& state) {
  const int connections = static_cast<int>(state.range(0));
  for (auto _ : state) {
    boost::asio::io_context io;
    msgsim::live::HttpServerOptions options;
    options.port = 0;
    msgsim::live::HttpServer server(io, options);
    server.add_prefix_route("POST", "/webhooks/", [](const msgsim::stack::HttpRequest&) {
      return msgsim::stack::HttpResponse{200, "application/json", "{}"};
    });
    if (!server.start().is_ok()) {
      state.SkipWithError("cannot listen");
      return;
    }
    auto guard = boost::asio::make_work_guard(io);
    std::thread serving([&io] { io.run(); });
    ChannelWebhook hook;
    hook.account_id = "AC00000000000000000000000000000000";
    hook.business_address = "+14155550100";
    hook.secret = "secret";
    hook.signature_header = "X-Twilio-Signature";
    hook.url = "http://127.0.0.1:" + std::to_string(server.port()) + "/webhooks/sms-us";
    std::vector<std::string> requests;
    requests.reserve(kWebhooksPerRun);
    for (std::uint64_t n = 0; n < kWebhooksPerRun; ++n) requests.push_back(sms_webhook_bytes(hook, server.port(), n));
    LoadClient client(server.port(), requests, connections);
    const double seconds = std::chrono::duration<double>(client.run()).count();
    state.SetIterationTime(seconds);
    state.counters["requests_per_s"] = static_cast<double>(client.answered()) / seconds;
    state.counters["rtt_p99_ms"] = quantile_ms(client.rtt_ms(), 0.99);
    boost::asio::post(io, [&server] { server.stop(); });
    guard.reset();
    serving.join();
    if (client.failures() > 0) state.SkipWithError(client.first_failure().c_str());
  }
}

BENCHMARK(BM_HttpServerFloor)->ArgNames({"connections"})->Arg(16)->Arg(64)->Iterations(1)->UseManualTime()->Unit(
    benchmark::kMillisecond);

BENCHMARK(BM_LiveSmsWebhooks)
    ->ArgNames({"connections", "conversation"})
    ->Args({16, 0})
    ->Args({64, 0})
    ->Args({16, 1})
    ->Iterations(1)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
