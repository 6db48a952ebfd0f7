// The msgsim command line (CLI11): `run`, `validate`, `--version`, `--help`.
// Exit codes: 0 all expectations hold; 1 some failed; 2 invalid input
// (scenario or command line); 3 internal error.
#pragma once

namespace msgsim::cli {

constexpr int kExitPass = 0;
constexpr int kExitFail = 1;
constexpr int kExitInvalidInput = 2;
constexpr int kExitInternal = 3;

int run_app(int argc, char** argv);

}  // namespace msgsim::cli
