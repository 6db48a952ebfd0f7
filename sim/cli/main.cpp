// The msgsim command. Everything lives in msgsim_cli so tests can call it.
#include "sim/cli/app.h"

int main(int argc, char** argv) { return msgsim::cli::run_app(argc, argv); }
