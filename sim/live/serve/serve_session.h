// One `msgsim serve` session: a scenario's world run live (a LivePacer at
// `speed` against the wall clock) behind an HTTP server on one io_context,
// while testers use the browser console.
//
//   - Every channel is on the wire: the fake providers post signed webhooks
//     over loopback HTTP (LoopbackWebhooks) to `POST /webhooks/<channel id>`,
//     which testers can call too; the stack calls the providers' send APIs
//     over loopback HTTP too (LoopbackSends), on a second server with its
//     own thread at `POST /providers/<channel id>/...` (provider_api_url()),
//     which testers can call as well.
//   - Testers chat as customers (TesterCustomers), work one agent seat
//     (BrowserSeat) and watch the supervisor view; GET /metrics (Prometheus),
//     GET /api/report (the report so far), GET /api/events (server-sent
//     events), the console's JSON API and its page under "/".
//
// Life cycle, all on the io_context's thread: open() binds the server and
// builds the world (nothing runs yet); start() starts pacing; the session
// stops when the scenario's end is reached or request_stop() is called (e.g.
// on SIGINT): pacing stops, the webhooks still in flight are delivered (at
// most 3 s), then the servers close (the provider API server's thread is
// joined), `on_stopped` runs and the io_context runs out of work. finish() then ends the world's run where its clock
// stands and returns the outcome for report.json.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/harness/runner.h"
#include "sim/harness/scenario.h"
#include "sim/live/serve/channel_webhooks.h"
#include "sim/runtime/asio.h"
#include "sim/runtime/status.h"

namespace msgsim::harness {
class World;
}  // namespace msgsim::harness

namespace msgsim::live {

struct ServeOptions {
  std::string bind_address = "127.0.0.1";  // an IPv4 or IPv6 literal
  std::uint16_t port = 8080;                // 0 = an ephemeral port
  double speed = 1.0;                       // simulated seconds per wall second; finite, > 0
  std::optional<std::uint64_t> seed;        // overrides the scenario's
  // The agent group whose first agent the browser plays; "" = no seat.
  std::string agent_seat_group;
  bool show_pii = false;  // reports keep personal data unmasked
};


struct SessionParts;

class ServeSession {
 public:
  // Binds the servers and builds the world. kUnavailable when it cannot
  // listen; kInvalidInput for an agent seat group the scenario lacks.
  // REQUIRES: `scenario` passed the support check and outlives the session;
  // options.speed is finite and > 0. `io` is not running yet.
  static runtime::Result<std::unique_ptr<ServeSession>> open(boost::asio::io_context& io,
                                                             const harness::Scenario& scenario, ServeOptions options);
  ~ServeSession();
  ServeSession(const ServeSession&) = delete;
  ServeSession& operator=(const ServeSession&) = delete;

  // Starts pacing the world. `on_stopped` runs once on the io thread when the
  // session has stopped and closed its server.
  void start(std::function<void()> on_stopped);
  // Stops the session (see above). Idempotent; on the io thread.
  void request_stop();
  bool stopped() const;

  // Ends the world's run where its clock stands: the outcome for the final
  // report. REQUIRES: stopped(), and the io_context no longer runs.
  harness::RunOutcome finish();
  // report.json for `outcome`, built as `msgsim run` builds it.
  nlohmann::ordered_json report(const harness::RunOutcome& outcome, bool* passed = nullptr) const;

  std::uint16_t port() const;
  std::string base_url() const;
  std::string console_url() const { return base_url() + "/"; }
  // The providers' send APIs: "http://127.0.0.1:<port>/providers/".
  std::string provider_api_url() const;
  std::uint16_t provider_api_port() const;
  std::vector<ChannelWebhook> webhooks() const;
  // The seat's agent id ("" without a seat).
  std::string seat_agent() const;
  std::uint64_t seed() const;
  std::string replay_command() const;
  // The world the session runs, for tests and tools: on the io thread only.
  harness::World& world();

 private:
  ServeSession(boost::asio::io_context& io, const harness::Scenario& scenario, ServeOptions options);
  runtime::Status bind();
  void build_world(const std::string& seat_agent);
  void add_testers(const std::string& seat_agent);
  void add_observers();
  void add_routes();
  harness::RunOutcome outcome_with(harness::Metrics metrics, std::vector<harness::ScriptResult> scripts) const;
  nlohmann::ordered_json session_facts() const;
  void publish_supervisor();
  void wait_for_deliveries();
  void shut_down();

  std::unique_ptr<SessionParts> parts_;
};

// The agent id a seat takes in `group` (its first agent), or "" when the
// scenario has no such group.
std::string seat_agent_of(const harness::Scenario& scenario, const std::string& group);

}  // namespace msgsim::live
