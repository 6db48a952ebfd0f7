#include "sim/cli/serve_command.h"

#include <csignal>
#include <filesystem>
#include <iostream>
#include <sstream>

#include "reports/json_report.h"
#include "sim/cli/app.h"
#include "sim/cli/number_options.h"
#include "sim/harness/scenario_loader.h"
#include "sim/harness/support_check.h"
#include "sim/live/serve/serve_session.h"

namespace msgsim::cli {

namespace {

// The seat's group: the one asked for, none, or the scenario's first.
std::string seat_group(const ServeCommandOptions& options, const harness::Scenario& scenario) {
  if (options.agent_seat) return *options.agent_seat == "none" ? std::string() : *options.agent_seat;
  return scenario.org.agents.empty() ? std::string() : scenario.org.agents.front().id;
}

void print_banner(const live::ServeSession& session, const harness::Scenario& scenario,
                  const ServeCommandOptions& options, const std::string& out_dir) {
  std::ostringstream out;
  out << "msgsim serve: " << scenario.name << " (seed " << session.seed() << ", speed " << options.speed
      << "x) listening on " << session.base_url() << "\n";
  out << "  console:  " << session.console_url() << "\n";
  out << "  metrics:  " << session.base_url() << "/metrics\n";
  out << "  report:   " << session.base_url() << "/api/report\n";
  out << "  provider send APIs: " << session.provider_api_url() << "<channel>/... (the stack calls them over HTTP)\n";
  const std::string seat = session.seat_agent();
  out << "  agent seat: " << (seat.empty() ? "none (every agent is simulated)" : seat + " (played from the console)")
      << "\n";
  out << "  webhooks (post your own, signed with `msgsim sign`):\n";
  for (const live::ChannelWebhook& hook : session.webhooks()) {
    out << "    " << hook.channel << " (" << hook.type << "): POST " << hook.url << "\n";
    out << "      secret " << hook.secret << "  header " << hook.signature_header << "  sign with: msgsim sign "
        << hook.sign_with << "\n";
    out << "      business address " << hook.business_address;
    if (!hook.account_id.empty()) out << "  AccountSid " << hook.account_id;
    if (!hook.verify_token.empty()) out << "  hub.verify_token " << hook.verify_token;
    out << "\n";
  }
  out << "  Ctrl-C ends the session and writes " << (std::filesystem::path(out_dir) / "report.json").string() << "\n";
  std::cout << out.str() << std::flush;
}

}  // namespace

CLI::App* add_serve_command(CLI::App& app, ServeCommandOptions& options) {
  CLI::App* command =
      app.add_subcommand("serve", "Run a scenario live with HTTP webhooks and a browser console for testers");
  command->add_option("scenario", options.scenario, "Scenario file")->required()->check(CLI::ExistingFile);
  command->add_option("--port", options.port, "Port to listen on (default 8080; 0 = any free port)")
      ->transform(decimal_whole_number("65535"));
  command->add_option("--bind", options.bind, "Address to listen on (default 127.0.0.1)");
  command->add_option("--speed", options.speed, "Simulated seconds per wall second (default 1)")
      ->check(finite_number(0.001, 1e6));
  add_seed_option(*command, options.seed);
  command->add_option("--out", options.out_dir, "Folder for report.json (default msgsim-serve-out)");
  command->add_option("--agent-seat", options.agent_seat,
                      "Agent group whose first agent the browser plays (default: the first group; none = no seat)");
  command->add_flag("--show-pii", options.show_pii, "Write phone numbers, e-mail addresses and message texts unmasked");
  return command;
}

int serve_command(const ServeCommandOptions& options) {
  runtime::Result<harness::Scenario> loaded = harness::load_scenario_file(options.scenario);
  if (!loaded.is_ok()) {
    std::cerr << loaded.status().message() << '\n';
    return kExitInvalidInput;
  }
  const harness::Scenario& scenario = loaded.value();
  runtime::Status supported = harness::check_supported(scenario);
  if (!supported.is_ok()) {
    std::cerr << supported.message() << '\n';
    return kExitInvalidInput;
  }
  // The output folder is checked before the session starts, not after an hour of testing.
  std::error_code folder_error;
  std::filesystem::create_directories(options.out_dir, folder_error);
  if (folder_error) {
    std::cerr << "msgsim: --out " << options.out_dir << ": cannot create the output folder: " << folder_error.message()
              << '\n';
    return kExitInvalidInput;
  }

  boost::asio::io_context io;
  live::ServeOptions serve;
  serve.bind_address = options.bind;
  serve.port = static_cast<std::uint16_t>(options.port);
  serve.speed = options.speed;
  serve.seed = options.seed;
  serve.agent_seat_group = seat_group(options, scenario);
  serve.show_pii = options.show_pii;
  runtime::Result<std::unique_ptr<live::ServeSession>> opened = live::ServeSession::open(io, scenario, serve);
  if (!opened.is_ok()) {
    std::cerr << "msgsim: " << opened.status().message() << '\n';
    return kExitInvalidInput;
  }
  live::ServeSession& session = *opened.value();
  print_banner(session, scenario, options, options.out_dir);

  boost::asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&session](const boost::system::error_code& error, int) {
    if (!error) session.request_stop();
  });
  session.start([&signals] { signals.cancel(); });
  io.run();

  const harness::RunOutcome outcome = session.finish();
  bool passed = false;
  const nlohmann::ordered_json report = session.report(outcome, &passed);
  runtime::Status written = reports::write_json_report(report, options.out_dir);
  if (!written.is_ok()) {
    std::cerr << "msgsim: " << written.message() << '\n';
    return kExitInvalidInput;
  }
  std::cout << "msgsim serve: stopped at simulated " << outcome.merged.end_s << " s; report "
            << (std::filesystem::path(options.out_dir) / "report.json").string() << " (outcome "
            << (passed ? "pass" : "fail") << ")\n";
  return kExitPass;
}

}  // namespace msgsim::cli
