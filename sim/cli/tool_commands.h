// Two small tools QA uses beside `run`: `sms-info` (how a body is encoded and
// segmented) and `sign` (the signature header a provider's webhook carries).
// Each add_* registers its subcommand on the app and binds its options; the
// matching *_command runs it once parsed, prints its result to stdout and
// problems to stderr, and returns the exit code (kExitInvalidInput on bad input).
#pragma once

#include <CLI/CLI.hpp>
#include <optional>
#include <string>
#include <vector>

namespace msgsim::cli {

struct SmsInfoCommandOptions {
  std::string text;
};

// `msgsim sms-info TEXT` -> {"encoding": "GSM-7", "segments": 1, "units": 5}
CLI::App* add_sms_info_command(CLI::App& app, SmsInfoCommandOptions& options);
int sms_info_command(const SmsInfoCommandOptions& options);

struct SignCommandOptions {
  std::string provider;                  // twilio|sms, whatsapp|meta|messenger, line
  std::string secret;                    // auth token, app secret or channel secret
  std::optional<std::string> url;        // twilio only: the full webhook URL
  std::vector<std::string> params;       // twilio only: NAME=VALUE, decoded values
  std::optional<std::string> body_file;  // meta / line: the raw body (stdin when absent)
};

// `msgsim sign PROVIDER --secret S [--url U] [--param k=v]... [BODY_FILE]`
CLI::App* add_sign_command(CLI::App& app, SignCommandOptions& options);
int sign_command(const SignCommandOptions& options);

}  // namespace msgsim::cli
