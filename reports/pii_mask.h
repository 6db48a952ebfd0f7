// Masking of personal data in the free text of written reports. Scenario
// texts, consent evidence and script step details can carry what customers
// wrote: phone numbers, e-mail addresses and whole messages. Reports are CI
// artifacts shared widely, so they show these masked unless the user asks
// for them (`msgsim run --show-pii`). Masking is a pure function of the text,
// so report.json stays byte-identical for the same seed, and it only touches
// free-text fields: metrics, ids and numbers are never changed.
// Pure functions; any thread may call them.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace msgsim::reports {

// `text` with personal data masked:
//  - a double-quoted message text becomes its length only, "text (24 chars)"
//    (counted in UTF-8 code points; a "text " already before the quote is
//    not repeated);
//  - an e-mail address keeps its first character and its domain:
//    "alice@example.com" -> "a***@example.com";
//  - a phone number (7 or more digits, possibly with '+', '(', ')', '-' and
//    spaces between them) keeps its last 4 digits: "+1 (555) 010-0123" ->
//    "+*******0123", one '*' per hidden digit.
// Idempotent: masking masked text changes nothing.
std::string mask_pii(std::string_view text);

// Masks, in place, every free-text field of a report built by build_report:
// violations[].evidence[], scripts[].steps[].detail, expectations[].detail and
// the message texts of transcripts[].customer_view[] and agent_view[]. In a
// transcript the text is the message itself, so only the phone numbers,
// e-mail addresses and quoted parts within it are masked.
void mask_report_pii(nlohmann::ordered_json& report);

}  // namespace msgsim::reports
