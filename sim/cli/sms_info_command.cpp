#include <iostream>

#include "sim/cli/app.h"
#include "sim/cli/tool_commands.h"
#include "sim/stack/channels/sms_encoding.h"

namespace msgsim::cli {

CLI::App* add_sms_info_command(CLI::App& app, SmsInfoCommandOptions& options) {
  CLI::App* command = app.add_subcommand("sms-info", "Print how an SMS body is encoded and segmented (one-line JSON)");
  command->add_option("text", options.text, "The message body (UTF-8)")->required();
  return command;
}

int sms_info_command(const SmsInfoCommandOptions& options) {
  runtime::Result<stack::SmsEncodingInfo> info = stack::sms_encoding_info(options.text);
  if (!info.is_ok()) {
    std::cerr << "msgsim sms-info: " << info.status().message() << '\n';
    return kExitInvalidInput;
  }
  // Written by hand: the key order and spacing are part of what QA scripts read.
  std::cout << "{\"encoding\": \"" << stack::sms_encoding_name(info.value().encoding)
            << "\", \"segments\": " << info.value().segments << ", \"units\": " << info.value().units << "}\n";
  return kExitPass;
}

}  // namespace msgsim::cli
