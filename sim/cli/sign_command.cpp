#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "sim/cli/app.h"
#include "sim/cli/tool_commands.h"
#include "sim/stack/channels/signatures.h"

namespace msgsim::cli {

namespace {

using runtime::Result;
using runtime::Status;
using runtime::StatusCode;

Status invalid(const std::string& message) { return Status(StatusCode::kInvalidInput, message); }

Result<stack::FormParams> parse_params(const std::vector<std::string>& params) {
  stack::FormParams parsed;
  for (const std::string& param : params) {
    const std::size_t equals = param.find('=');
    if (equals == std::string::npos || equals == 0) {
      return invalid("--param expects NAME=VALUE, got '" + param + "'");
    }
    parsed.emplace_back(param.substr(0, equals), param.substr(equals + 1));
  }
  return parsed;
}

// The raw bytes, unchanged: Meta and LINE sign exactly what is on the wire.
Result<std::string> read_body(const std::optional<std::string>& body_file) {
  if (!body_file) return std::string(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  std::ifstream in(*body_file, std::ios::binary);
  if (!in) return invalid("cannot read body file '" + *body_file + "'");
  std::ostringstream content;
  content << in.rdbuf();
  if (in.bad()) return invalid("cannot read body file '" + *body_file + "'");
  return content.str();
}

Result<std::string> sign_twilio(const SignCommandOptions& options) {
  if (!options.url || options.url->empty()) return invalid("twilio signs the full webhook URL: give --url");
  if (options.body_file) return invalid("twilio signs --param pairs, not a body file");
  Result<stack::FormParams> params = parse_params(options.params);
  if (!params.is_ok()) return params.status();
  return stack::twilio_signature(options.secret, *options.url, params.value());
}

Result<std::string> sign_body(stack::WebhookSigner signer, const SignCommandOptions& options) {
  if (options.url || !options.params.empty()) return invalid("--url and --param apply to twilio only");
  Result<std::string> body = read_body(options.body_file);
  if (!body.is_ok()) return body.status();
  if (signer == stack::WebhookSigner::kMeta) return stack::meta_signature(options.secret, body.value());
  return stack::line_signature(options.secret, body.value());
}

Result<std::string> signature_for(const SignCommandOptions& options) {
  Result<stack::WebhookSigner> signer = stack::webhook_signer_from_name(options.provider);
  if (!signer.is_ok()) return signer.status();
  if (options.secret.empty()) return invalid("--secret must not be empty");
  if (signer.value() == stack::WebhookSigner::kTwilio) return sign_twilio(options);
  return sign_body(signer.value(), options);
}

}  // namespace

CLI::App* add_sign_command(CLI::App& app, SignCommandOptions& options) {
  CLI::App* command = app.add_subcommand("sign", "Print the signature header value a provider's webhook would carry");
  command->add_option("provider", options.provider, "twilio|sms, whatsapp|meta|messenger or line")->required();
  command->add_option("body_file", options.body_file, "Raw body to sign (meta, line; default: stdin)");
  command->add_option("--secret", options.secret, "Auth token (twilio), app secret (meta) or channel secret (line)")
      ->required();
  command->add_option("--url", options.url, "Full webhook URL (twilio)");
  // One NAME=VALUE per --param, so a trailing BODY_FILE is never taken for one.
  command->add_option("--param", options.params, "POST parameter NAME=VALUE, decoded (twilio; repeatable)")
      ->allow_extra_args(false);
  return command;
}

int sign_command(const SignCommandOptions& options) {
  Result<std::string> signature = signature_for(options);
  if (!signature.is_ok()) {
    std::cerr << "msgsim sign: " << signature.status().message() << '\n';
    return kExitInvalidInput;
  }
  std::cout << signature.value() << '\n';
  return kExitPass;
}

}  // namespace msgsim::cli
