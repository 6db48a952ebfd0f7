// report.html's "Sampled conversations" section: each conversation of the
// report's `transcripts` (sim/harness/transcripts.h) shown whole, side by
// side as the customer's device saw it and as the agent console shows it.
// Everything shown comes from the report object, so the page holds exactly
// what report.json holds, masked or not. Internal to reports/; pure
// functions, any thread may call them.
#pragma once

#include "reports/html_page.h"

namespace msgsim::reports::html {

// Nothing when the report has no `transcripts` array.
void transcripts_section(const PageContext& context, Page& page);

}  // namespace msgsim::reports::html
