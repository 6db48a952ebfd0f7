#include "sim/live/serve/serve_session.h"

#include <chrono>
#include <sstream>

#include "sim/live/serve/channel_webhooks.h"
#include "sim/live/serve/loopback_figures.h"
#include "sim/live/serve/serve_report.h"
#include "sim/live/serve/serve_session_parts.h"
#include "sim/live/serve/supervisor_view.h"

namespace msgsim::live {

using runtime::Status;
using runtime::StatusCode;

namespace {

constexpr auto kSupervisorInterval = std::chrono::seconds(1);
constexpr auto kDeliveryDrainMax = std::chrono::seconds(3);
constexpr auto kDrainPoll = std::chrono::milliseconds(10);

std::string format_speed(double speed) {
  std::ostringstream out;
  out << speed;
  return out.str();
}

}  // namespace

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
