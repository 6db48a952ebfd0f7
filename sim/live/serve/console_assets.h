// The browser console's page, styles and script (sim/live/console/), compiled
// into the binary at build time (sim/live/console/embed.cmake) and served
// under "/". Safe to call from any thread.
#pragma once

#include "sim/live/static_files.h"

namespace msgsim::live {

// The embedded files, keyed by name ("index.html", "console.js", ...).
StaticFiles console_files();

}  // namespace msgsim::live
