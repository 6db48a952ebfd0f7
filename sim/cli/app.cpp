#include "sim/cli/app.h"

#include <CLI/CLI.hpp>
#include <exception>
#include <iostream>

#include "sim/cli/commands.h"
#include "sim/cli/qa_commands.h"
#include "sim/cli/number_options.h"
#include "sim/cli/serve_command.h"
#include "sim/cli/tool_commands.h"

namespace msgsim::cli {

namespace {

int dispatch(int argc, char** argv) {
  CLI::App app{"msgsim: simulation and test harness for messaging deployments", "msgsim"};
  app.set_version_flag("--version", std::string("msgsim ") + MSGSIM_VERSION);
  app.require_subcommand(1);

  RunCommandOptions run;
  CLI::App* run_cmd = app.add_subcommand("run", "Run scenarios and write their reports");
  run_cmd->add_option("scenario", run.scenarios, "Scenario files")->required()->check(CLI::ExistingFile);
  add_seed_option(*run_cmd, run.seed);
  run_cmd->add_option("--replications", run.replications, "Independent runs (overrides the scenario's)")
      ->transform(decimal_whole_number("100000").description(""))
      ->check(CLI::Range(1, 100000));
  run_cmd->add_option("--out", run.out_dir, "Output folder (default: msgsim-out/NAME)");
  run_cmd->add_flag("--quiet,-q", run.quiet, "Print only problems and the verdict");
  run_cmd->add_option("--format", run.formats, "Reports to write, comma-separated: json,junit,html,md,csv,trace (json always)");
  run_cmd->add_flag("--show-pii", run.show_pii, "Write phone numbers, e-mail addresses and message texts unmasked");
  CLI::Option* live_flag =
      run_cmd->add_flag("--live", run.live, "Pace the run against the wall clock (one replication; adds host.live)")
          ->excludes("--replications");
  run_cmd->add_option("--speed", run.speed, "Live mode: simulated seconds per wall second (default 60)")
      ->check(finite_number(0.001, 1e6))
      ->needs(live_flag);

  std::vector<std::string> to_validate;
  CLI::App* validate_cmd = app.add_subcommand("validate", "Check scenario files against the format");
  validate_cmd->add_option("scenario", to_validate, "Scenario files")->required();
  bool strict = false;
  validate_cmd->add_flag("--strict", strict, "Treat the deployment lint's warnings as errors (exit 2)");

  ListCommandOptions list;
  CLI::App* list_cmd = add_list_command(app, list);
  CompareCommandOptions compare;
  CLI::App* compare_cmd = add_compare_command(app, compare);

  SmsInfoCommandOptions sms_info;
  CLI::App* sms_info_cmd = add_sms_info_command(app, sms_info);
  SignCommandOptions sign;
  CLI::App* sign_cmd = add_sign_command(app, sign);
  ServeCommandOptions serve;
  CLI::App* serve_cmd = add_serve_command(app, serve);

  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& success) {
    return app.exit(success);  // --help, --version
  } catch (const CLI::ParseError& error) {
    std::cerr << "msgsim: " << error.what() << "\n(see msgsim --help)\n";
    return kExitInvalidInput;
  }
  if (run_cmd->parsed()) return run_command(run);
  if (sms_info_cmd->parsed()) return sms_info_command(sms_info);
  if (sign_cmd->parsed()) return sign_command(sign);
  if (serve_cmd->parsed()) return serve_command(serve);
  if (list_cmd->parsed()) return list_command(list);
  if (compare_cmd->parsed()) return compare_command(compare);
  return validate_command(to_validate, strict);
}

}  // namespace

int run_app(int argc, char** argv) {
  try {
    return dispatch(argc, argv);
  } catch (const std::exception& error) {
    std::cerr << "msgsim: internal error: " << error.what() << '\n';
    return kExitInternal;
  } catch (...) {
    std::cerr << "msgsim: internal error\n";
    return kExitInternal;
  }
}

}  // namespace msgsim::cli
