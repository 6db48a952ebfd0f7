// The human summary `msgsim run` prints after each scenario.
#pragma once

#include <ostream>
#include <string>

#include <nlohmann/json.hpp>

namespace msgsim::cli {

void print_run_summary(std::ostream& out, const nlohmann::ordered_json& report, const std::string& report_path);

}  // namespace msgsim::cli
