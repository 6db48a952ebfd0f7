// The parts of one `msgsim serve` session (serve_session.h), shared by the
// files that implement it: serve_session.cpp (opening, life cycle, report)
// and serve_session_wiring.cpp (the world, testers, observers and routes).
// Internal to sim/live/serve. Single-threaded: the io_context's thread.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "sim/harness/live_latency_probe.h"
#include "sim/harness/oracles/routing_oracle.h"
#include "sim/harness/world.h"
#include "sim/live/event_stream.h"
#include "sim/live/http_server.h"
#include "sim/live/serve/browser_seat.h"
#include "sim/live/serve/console_api.h"
#include "sim/live/serve/conversation_view.h"
#include "sim/live/serve/live_sources.h"
#include "sim/live/serve/live_tally.h"
#include "sim/live/serve/loopback_sends.h"
#include "sim/live/serve/loopback_webhooks.h"
#include "sim/live/serve/outside_messages.h"
#include "sim/live/serve/serve_session.h"
#include "sim/live/serve/tester_customers.h"
#include "sim/live/serve/webhook_route.h"
#include "sim/runtime/live_runtime.h"
#include "sim/runtime/random.h"

namespace msgsim::live {

// The session's HTTP server: nothing it serves takes more than a webhook.
HttpServerOptions server_options(const ServeOptions& options);

struct SessionParts {
  SessionParts(boost::asio::io_context& context, const harness::Scenario& loaded, ServeOptions chosen)
      : io(context),
        scenario(loaded),
        options(std::move(chosen)),
        root_seed(options.seed.value_or(loaded.seed)),
        world_seed(runtime::replication_seed(root_seed, 0)),
        server(context, server_options(options)),
        supervisor_timer(context),
        drain_timer(context) {}

  void catch_up() const {
    if (pacer) pacer->catch_up();
  }
  void publish(std::string_view event, const nlohmann::ordered_json& data) const {
    events->publish(event, data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  }
  // True iff a page listens to the event stream: live updates nobody reads
  // are not built (under load, one per message).
  bool watched() const { return events->subscriber_count() > 0; }
  std::string address_of(stack::MessagingUserId user) const {
    const stack::MessagingUser& found = world->stack().users().get(user);
    const stack::WireEndpoint* endpoint = world->wire_boundaries()->endpoint(found.channel);
    return endpoint != nullptr ? endpoint->address_of(found.handle) : std::string();
  }

  boost::asio::io_context& io;
  const harness::Scenario& scenario;
  ServeOptions options;
  std::uint64_t root_seed;
  std::uint64_t world_seed;
  // Declared in dependency order: destroyed in reverse, the users of the
  // world before the world, the world before what it was given.
  HttpServer server;
  std::string base_url;
  std::shared_ptr<EventStream> events = std::make_shared<EventStream>();
  std::unique_ptr<LoopbackWebhooks> deliveries;
  std::unique_ptr<LoopbackSends> sends;
  std::unique_ptr<TesterCustomers> testers;
  std::unique_ptr<OutsideMessages> outside;
  std::unique_ptr<ConversationIndex> conversations;
  std::unique_ptr<LiveTally> tally;
  std::unique_ptr<harness::RoutingOracle> routing;
  std::unique_ptr<BrowserSeat> seat;
  std::unique_ptr<harness::World> world;
  std::unique_ptr<runtime::LivePacer> pacer;
  std::unique_ptr<harness::LiveLatencyProbe> probe;
  std::unique_ptr<WebhookRoute> webhook_route;
  std::unique_ptr<LiveSources> sources;
  std::unique_ptr<ConsoleApi> api;
  boost::asio::steady_timer supervisor_timer;
  boost::asio::steady_timer drain_timer;
  std::chrono::steady_clock::time_point drain_deadline;
  std::function<void()> on_stopped;
  bool stopping = false;
  bool stopped = false;
};

}  // namespace msgsim::live
