#include "sim/live/serve/serve_session.h"

#include <chrono>
#include <initializer_list>
#include <sstream>

#include "sim/harness/deployment.h"
#include "sim/harness/live_latency_probe.h"
#include "sim/harness/oracles/routing_oracle.h"
#include "sim/harness/world.h"
#include "sim/live/event_stream.h"
#include "sim/live/http_server.h"
#include "sim/live/prometheus_text.h"
#include "sim/live/serve/browser_seat.h"
#include "sim/live/serve/channel_webhooks.h"
#include "sim/live/serve/console_api.h"
#include "sim/live/serve/console_assets.h"
#include "sim/live/serve/conversation_view.h"
#include "sim/live/serve/live_sources.h"
#include "sim/live/serve/live_tally.h"
#include "sim/live/serve/loopback_figures.h"
#include "sim/live/serve/loopback_sends.h"
#include "sim/live/serve/loopback_webhooks.h"
#include "sim/live/serve/outside_messages.h"
#include "sim/live/serve/serve_metrics.h"
#include "sim/live/serve/serve_report.h"
#include "sim/live/serve/supervisor_view.h"
#include "sim/live/serve/tester_customers.h"
#include "sim/live/serve/webhook_route.h"
#include "sim/runtime/live_runtime.h"
#include "sim/runtime/random.h"
#include "sim/stack/wire/stack_wire_codec.h"

namespace msgsim::live {

using runtime::Status;
using runtime::StatusCode;

namespace {

constexpr auto kSupervisorInterval = std::chrono::seconds(1);
constexpr auto kDeliveryDrainMax = std::chrono::seconds(3);
constexpr auto kDrainPoll = std::chrono::milliseconds(10);

HttpServerOptions server_options(const ServeOptions& options) {
  HttpServerOptions server;
  server.bind_address = options.bind_address;
  server.port = options.port;
  // Nothing the session serves takes more than a webhook: larger bodies are
  // refused with 413 before any handler runs.
  server.body_limit_bytes = stack::kMaxWebhookBytes;
  return server;
}

// An IP literal as a URL's host: IPv6 in brackets.
std::string url_host(const std::string& address) {
  return address.find(':') != std::string::npos ? "[" + address + "]" : address;
}

// Where the fakes connect: the bound address, or loopback when it is a wildcard.
boost::asio::ip::address loopback_target(const std::string& bind_address) {
  const boost::asio::ip::address bound = boost::asio::ip::make_address(bind_address);
  if (!bound.is_unspecified()) return bound;
  if (bound.is_v6()) return boost::asio::ip::address_v6::loopback();
  return boost::asio::ip::address_v4::loopback();
}

// The shift of the agent group the seat belongs to (none when it has none).
std::vector<fakes::ShiftChange> seat_shift(const harness::Scenario& scenario, const std::string& group) {
  for (const harness::AgentGroup& agents : scenario.org.agents) {
    if (agents.id == group) return harness::shift_changes(agents);
  }
  return {};
}

std::string format_speed(double speed) {
  std::ostringstream out;
  out << speed;
  return out.str();
}

}  // namespace

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

std::string seat_agent_of(const harness::Scenario& scenario, const std::string& group) {
  for (const harness::AgentGroup& agents : scenario.org.agents) {
    if (agents.id == group) return agents.count == 1 ? agents.id : agents.id + "-1";
  }
  return {};
}

ServeSession::ServeSession(boost::asio::io_context& io, const harness::Scenario& scenario, ServeOptions options)
    : parts_(std::make_unique<SessionParts>(io, scenario, std::move(options))) {}

ServeSession::~ServeSession() {
  SessionParts& p = *parts_;
  p.supervisor_timer.cancel();
  p.drain_timer.cancel();
  p.server.stop();
  if (p.deliveries) p.deliveries->close();
  if (p.sends) p.sends->close();
}

runtime::Result<std::unique_ptr<ServeSession>> ServeSession::open(boost::asio::io_context& io,
                                                                  const harness::Scenario& scenario,
                                                                  ServeOptions options) {
  std::string seat_agent;
  if (!options.agent_seat_group.empty()) {
    seat_agent = seat_agent_of(scenario, options.agent_seat_group);
    if (seat_agent.empty()) {
      std::string groups;
      for (const harness::AgentGroup& group : scenario.org.agents) groups += (groups.empty() ? "" : ", ") + group.id;
      return Status(StatusCode::kInvalidInput, "--agent-seat: the scenario has no agent group \"" +
                                                   options.agent_seat_group + "\" (its groups: " + groups + ")");
    }
  }
  boost::system::error_code error;
  boost::asio::ip::make_address(options.bind_address, error);
  if (error) {
    return Status(StatusCode::kInvalidInput,
                  "--bind: \"" + options.bind_address + "\" is not an IPv4 or IPv6 address");
  }
  std::unique_ptr<ServeSession> session(new ServeSession(io, scenario, std::move(options)));
  Status bound = session->bind();
  if (!bound.is_ok()) return bound;
  session->build_world(seat_agent);
  session->add_routes();
  return session;
}

Status ServeSession::bind() {
  SessionParts& p = *parts_;
  Status started = p.server.start();
  if (!started.is_ok()) return started;
  const std::string host = url_host(p.options.bind_address) + ":" + std::to_string(p.server.port());
  p.base_url = "http://" + host;
  const boost::asio::ip::tcp::endpoint self(loopback_target(p.options.bind_address), p.server.port());
  p.deliveries = std::make_unique<LoopbackWebhooks>(p.io, self, host);
  // The providers' send APIs live on loopback whatever the bind address:
  // only the stack and testers on this machine call them.
  p.sends = std::make_unique<LoopbackSends>(p.io, [&p] { p.catch_up(); });
  return p.sends->start();
}

void ServeSession::build_world(const std::string& seat_agent) {
  SessionParts& p = *parts_;
  harness::WorldOptions world_options;
  world_options.every_channel_on_wire = true;
  world_options.wire.base_url = p.base_url;
  world_options.wire.webhook_transport = [&p](stack::ChannelId channel, stack::WireEndpoint&) {
    return p.deliveries->make(channel);
  };
  world_options.wire.send_transport = [&p](stack::ChannelId channel, std::string_view name,
                                           stack::WireTransport& send_api) {
    return p.sends->make(channel, name, send_api);
  };
  // Called only while the world runs, when the testers exist.
  world_options.wire.admit_outsider = [&p](stack::ChannelId channel, std::string_view address) {
    return p.testers->admit(channel, address);
  };
  world_options.unplayed_agent = seat_agent;
  p.world = std::make_unique<harness::World>(p.scenario, p.world_seed, std::move(world_options));
  add_testers(seat_agent);
  add_observers();
}

void ServeSession::add_testers(const std::string& seat_agent) {
  SessionParts& p = *parts_;
  stack::Stack& stack = p.world->stack();
  p.testers = std::make_unique<TesterCustomers>(
      p.world->runtime(), p.world->truth(), stack.channels(), p.world->providers(),
      [&p](const Persona& persona, const PersonaItem& item) {
        if (!p.watched()) return;
        p.publish("persona", {{"persona", persona.id},
                              {"kind", persona_item_kind_name(item.kind)},
                              {"at_s", item.at.to_seconds()},
                              {"text", item.text}});
      });
  p.world->devices().set_tester_device(p.testers.get());
  p.outside = std::make_unique<OutsideMessages>(*p.world, *p.testers);
  stack.tracer().subscribe(p.outside.get());
  if (seat_agent.empty()) return;
  p.seat = std::make_unique<BrowserSeat>(
      stack, stack.router().find_agent(seat_agent),
      [&p](std::string_view kind, const nlohmann::ordered_json& data) {
        if (!p.watched()) return;
        nlohmann::ordered_json event = data;
        event["kind"] = kind;
        p.publish("seat", event);
      },
      [&p](stack::MessagingUserId user) { return p.address_of(user); }, seat_shift(p.scenario, p.options.agent_seat_group));
}

// The session's own trace sinks, the pacer and the views built on them.
void ServeSession::add_observers() {
  SessionParts& p = *parts_;
  stack::Stack& stack = p.world->stack();
  p.conversations = std::make_unique<ConversationIndex>(stack);
  p.tally = std::make_unique<LiveTally>(
      stack, [&p](const ConsentEvent& event) {
        if (p.watched()) p.publish("consent", consent_event_json(p.world->stack(), event));
      });
  std::vector<std::string> channel_names;
  for (const harness::Channel& channel : p.scenario.org.channels) channel_names.push_back(channel.id);
  std::vector<std::string> queue_names;
  for (const harness::Queue& queue : p.scenario.org.queues) queue_names.push_back(queue.id);
  p.routing = std::make_unique<harness::RoutingOracle>(std::move(channel_names), std::move(queue_names));
  p.pacer = std::make_unique<runtime::LivePacer>(p.io, p.world->runtime(),
                                                 runtime::LivePacerOptions{.speed = p.options.speed});
  p.probe = std::make_unique<harness::LiveLatencyProbe>(*p.pacer);
  for (stack::TraceSink* sink : std::initializer_list<stack::TraceSink*>{p.conversations.get(), p.tally.get(),
                                                                        p.routing.get(), p.probe.get()}) {
    stack.tracer().subscribe(sink);
  }
  p.webhook_route =
      std::make_unique<WebhookRoute>(stack, *p.world->wire_boundaries(), [&p] { p.catch_up(); }, p.outside.get());
  p.sources = std::make_unique<LiveSources>(LiveSources{*p.world, *p.pacer, *p.tally, *p.webhook_route,
                                                        *p.deliveries, *p.routing, *p.probe, p.seat.get(),
                                                        *p.sends});
  p.api = std::make_unique<ConsoleApi>(ConsoleApiParts{
      *p.world, *p.testers, p.seat.get(), *p.conversations,
      [&p](stack::MessagingUserId user) { return p.address_of(user); }, [&p] { p.catch_up(); },
      [this] { return session_facts(); }, [&p] { return supervisor_json(*p.sources); }});
}

void ServeSession::add_routes() {
  SessionParts& p = *parts_;
  auto webhooks = [&p](const stack::HttpRequest& request) { return p.webhook_route->handle(request); };
  p.server.add_prefix_route("POST", std::string(kWebhookPrefix), webhooks);
  p.server.add_prefix_route("GET", std::string(kWebhookPrefix), webhooks);
  p.server.add_route("GET", "/metrics", [&p](const stack::HttpRequest&) {
    p.catch_up();
    return stack::HttpResponse{200, std::string(PrometheusText::kContentType), prometheus_metrics(*p.sources)};
  });
  p.server.add_route("GET", "/api/report", [this, &p](const stack::HttpRequest&) {
    p.catch_up();
    const nlohmann::ordered_json so_far = report(outcome_with(p.world->snapshot(), {}));
    return stack::HttpResponse{200, "application/json",
                               so_far.dump(2, ' ', false, nlohmann::json::error_handler_t::replace)};
  });
  p.server.add_event_stream("/api/events", p.events);
  p.api->add_routes(p.server);
  p.server.add_static_files("/", console_files());
}

void ServeSession::start(std::function<void()> on_stopped) {
  SessionParts& p = *parts_;
  p.on_stopped = std::move(on_stopped);
  const runtime::Time end = runtime::Time::at(p.scenario.duration + p.scenario.drain);
  p.pacer->start(end, [this] { request_stop(); });
  publish_supervisor();
}

void ServeSession::publish_supervisor() {
  SessionParts& p = *parts_;
  if (p.stopping) return;
  if (p.events->subscriber_count() > 0) {
    p.catch_up();
    p.publish("supervisor", supervisor_json(*p.sources));
  }
  p.supervisor_timer.expires_after(kSupervisorInterval);
  p.supervisor_timer.async_wait([this](const boost::system::error_code& error) {
    if (!error) publish_supervisor();
  });
}

void ServeSession::request_stop() {
  SessionParts& p = *parts_;
  if (p.stopping) return;
  p.stopping = true;
  p.pacer->stop();
  p.supervisor_timer.cancel();
  p.publish("session", {{"state", "ending"}, {"time_s", p.world->runtime().now().to_seconds()}});
  p.drain_deadline = std::chrono::steady_clock::now() + kDeliveryDrainMax;
  wait_for_deliveries();
}

// Webhooks already handed to the loopback transport still reach the stack,
// so a customer message the provider accepted is not lost by stopping; and
// the stack's send-API calls in flight get the provider's answer.
void ServeSession::wait_for_deliveries() {
  SessionParts& p = *parts_;
  const bool drained = p.deliveries->pending() == 0 && p.sends->pending() == 0;
  if (drained || std::chrono::steady_clock::now() >= p.drain_deadline) {
    shut_down();
    return;
  }
  p.drain_timer.expires_after(kDrainPoll);
  p.drain_timer.async_wait([this](const boost::system::error_code& error) {
    if (!error) wait_for_deliveries();
  });
}

void ServeSession::shut_down() {
  SessionParts& p = *parts_;
  p.deliveries->close();
  p.sends->close();
  p.server.stop();
  p.stopped = true;
  if (p.on_stopped) {
    std::function<void()> on_stopped = std::move(p.on_stopped);
    on_stopped();
  }
}

bool ServeSession::stopped() const { return parts_->stopped; }

harness::RunOutcome ServeSession::outcome_with(harness::Metrics metrics,
                                               std::vector<harness::ScriptResult> scripts) const {
  const SessionParts& p = *parts_;
  harness::RunOutcome outcome;
  outcome.seed = p.root_seed;
  outcome.replications = 1;
  outcome.merged = metrics;
  outcome.runs.push_back(harness::ReplicationRun{p.world_seed, std::move(metrics), std::move(scripts)});
  harness::LiveFigures live;
  live.speed = p.options.speed;
  live.wall_s = std::chrono::duration<double>(p.pacer->wall_elapsed()).count();
  live.lag_max_ms = std::chrono::duration<double, std::milli>(p.pacer->lag_max()).count();
  live.latency = p.probe->latency();
  live.added = p.probe->added();
  outcome.wall_s = live.wall_s;
  outcome.live = std::move(live);
  return outcome;
}

harness::RunOutcome ServeSession::finish() {
  SessionParts& p = *parts_;
  harness::Metrics metrics = p.world->finish_now();
  return outcome_with(std::move(metrics), p.world->script_results());
}

nlohmann::ordered_json ServeSession::report(const harness::RunOutcome& outcome, bool* passed) const {
  ServeReport built = build_serve_report(parts_->scenario, outcome, replay_command(), parts_->options.show_pii);
  if (passed != nullptr) *passed = built.passed;
  built.report["host"]["loopback"] = loopback_figures_json(*parts_->sources);
  return std::move(built.report);
}

nlohmann::ordered_json ServeSession::session_facts() const {
  const SessionParts& p = *parts_;
  return {{"scenario", p.scenario.name},
          {"seed", p.root_seed},
          {"speed", p.options.speed},
          {"time_s", p.world->runtime().now().to_seconds()},
          {"end_s", (p.scenario.duration + p.scenario.drain).to_seconds()},
          {"stopping", p.stopping},
          {"seat_agent", seat_agent()}};
}

std::uint16_t ServeSession::port() const { return parts_->server.port(); }
std::string ServeSession::base_url() const { return parts_->base_url; }
std::string ServeSession::provider_api_url() const { return parts_->sends->base_url(); }
std::uint16_t ServeSession::provider_api_port() const { return parts_->sends->port(); }
std::uint64_t ServeSession::seed() const { return parts_->root_seed; }
harness::World& ServeSession::world() { return *parts_->world; }

std::string ServeSession::seat_agent() const {
  const SessionParts& p = *parts_;
  return p.seat ? p.world->stack().router().agent(p.seat->agent()).id : std::string();
}

std::string ServeSession::replay_command() const {
  const SessionParts& p = *parts_;
  return "msgsim serve " + p.scenario.file + " --seed " + std::to_string(p.root_seed) + " --speed " +
         format_speed(p.options.speed);
}

std::vector<ChannelWebhook> ServeSession::webhooks() const { return channel_webhooks(*parts_->world); }

}  // namespace msgsim::live
