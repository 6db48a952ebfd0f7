// `msgsim serve SCENARIO`: a live test session (sim/live/serve/serve_session.h).
// Prints the console's URL and each channel's webhook URL and signing secret,
// serves until the scenario's end or SIGINT / SIGTERM, then writes
// report.json into --out (default ./msgsim-serve-out/). Exit 0 once the
// session ended cleanly and its report is written (the report's `outcome`
// says whether the expectations held); 2 on bad input (scenario, arguments,
// an address it cannot listen on, an output folder it cannot write).
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <optional>
#include <string>

namespace msgsim::cli {

struct ServeCommandOptions {
  std::string scenario;
  int port = 8080;  // 0 = ephemeral
  std::string bind = "127.0.0.1";
  double speed = 1.0;
  std::optional<std::uint64_t> seed;
  std::string out_dir = "msgsim-serve-out";
  // The agent group whose first agent the browser plays; default: the
  // scenario's first group; "none" = every agent simulated.
  std::optional<std::string> agent_seat;
  bool show_pii = false;
};

CLI::App* add_serve_command(CLI::App& app, ServeCommandOptions& options);
int serve_command(const ServeCommandOptions& options);

}  // namespace msgsim::cli
