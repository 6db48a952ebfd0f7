// ServeSession's wiring: binding the servers, building the world with its
// loopback transports, the testers and the browser seat, the session's own
// observers and views, and the HTTP routes. See serve_session.h.
#include "sim/harness/deployment.h"
#include "sim/live/prometheus_text.h"
#include "sim/live/serve/console_assets.h"
#include "sim/live/serve/serve_metrics.h"
#include "sim/live/serve/serve_session_parts.h"
#include "sim/live/serve/supervisor_view.h"
#include "sim/stack/wire/webhook_limits.h"

namespace msgsim::live {

using runtime::Status;

namespace {

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

}  // namespace

HttpServerOptions server_options(const ServeOptions& options) {
  HttpServerOptions server;
  server.bind_address = options.bind_address;
  server.port = options.port;
  // Nothing the session serves takes more than a webhook: larger bodies are
  // refused with 413 before any handler runs.
  server.body_limit_bytes = stack::kMaxWebhookBytes;
  return server;
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
  world_options.wire.partner_call_transport = [&p](stack::ChannelId channel, stack::WireTransport&) {
    return p.deliveries->make_partner(channel);
  };
  world_options.wire.partner_event_transport = [&p](stack::ChannelId channel, std::string_view name,
                                                    stack::WireTransport& partner_api) {
    return p.sends->make_partner(channel, name, partner_api);
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
  // A partner's consent call (PATCH /webhooks/<id>/consent).
  p.server.add_prefix_route("PATCH", std::string(kWebhookPrefix), webhooks);
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

}  // namespace msgsim::live
