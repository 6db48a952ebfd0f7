#include "reports/markdown_report.h"

#include <charconv>
#include <cmath>

#include "sim/harness/expectations.h"

namespace msgsim::reports {

namespace {

using Json = nlohmann::ordered_json;

const Json kMissing;  // null: what absent metrics read as

const Json& at(const Json& root, const std::string& path) {
  const Json* node = harness::find_metric(root, path);
  return node == nullptr ? kMissing : *node;
}

std::string fixed(double value, int digits) {
  char buffer[64];  // to_chars ignores the locale, so '.' is always the separator
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed, digits);
  return std::string(buffer, result.ptr);
}

// Counts print as integers, other numbers with 6 significant digits.
std::string number(const Json& value) {
  if (value.is_number_integer()) return value.dump();
  if (!value.is_number()) return "n/a";
  const double x = value.get<double>();
  if (std::abs(x) < 1e15 && x == std::floor(x)) return fixed(x, 0);
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, x, std::chars_format::general, 6);
  return std::string(buffer, result.ptr);
}

std::string decimals(const Json& value, int digits) {
  return value.is_number() ? fixed(value.get<double>(), digits) : "n/a";
}

std::string text_or(const Json& value, const std::string& fallback) {
  return value.is_string() ? value.get<std::string>() : fallback;
}

void row(std::string& out, std::initializer_list<std::string> cells) {
  out += '|';
  for (const std::string& cell : cells) out += " " + cell + " |";
  out += '\n';
}

void append_header(std::string& out, const Json& report) {
  const bool passed = text_or(at(report, "outcome"), "fail") == "pass";
  std::size_t held = 0;
  for (const Json& expectation : report.value("expectations", Json::array())) {
    held += expectation.value("passed", false) ? 1 : 0;
  }
  const std::string name = text_or(at(report, "scenario.name"), "?");
  out += "## msgsim " + markdown_cell(name) + ": " + (passed ? "PASS" : "FAIL") + "\n\n";
  out += std::string("**Verdict: ") + (passed ? "PASS" : "FAIL") + "**, " + std::to_string(held) + " of " +
         std::to_string(report.value("expectations", Json::array()).size()) + " expectations hold.\n\n";
  out += "| Run | |\n|---|---|\n";
  row(out, {"Scenario", markdown_code(name) + " (" + markdown_code(text_or(at(report, "scenario.file"), "")) + ")"});
  row(out, {"Seed", number(at(report, "seed"))});
  row(out, {"Replications", number(at(report, "replications"))});
  const Json& end_s = at(report, "sim.end_s");
  const std::string hours = end_s.is_number() ? fixed(end_s.get<double>() / 3600.0, 1) : "n/a";
  row(out, {"Simulated", hours + " h, " + number(at(report, "sim.events")) + " events"});
  row(out, {"Replay", markdown_code(text_or(at(report, "replay"), ""))});
  out += '\n';
}

void append_key_metrics(std::string& out, const Json& metrics) {
  const auto m = [&metrics](const std::string& path) { return number(at(metrics, path)); };
  out += "### Key metrics\n\n| Metric | Value |\n|---|---:|\n";
  row(out, {"Customers arrived / served / abandoned",
            m("customers.arrived") + " / " + m("customers.served") + " / " + m("customers.abandoned")});
  row(out, {"Sessions created / open at end", m("sessions.created") + " / " + m("sessions.open_at_end")});
  row(out, {"Messages inbound / outbound", m("messages.inbound") + " / " + m("messages.outbound")});
  row(out, {"Messages delivered / failed", m("messages.delivered") + " / " + m("messages.failed")});
  row(out, {"Messages lost", m("messages.lost")});
  row(out, {"Transcript duplicates", m("messages.transcript_duplicates")});
  if (!at(metrics, "messages.duplicates_absorbed").is_null()) {
    row(out, {"Provider duplicates absorbed", m("messages.duplicates_absorbed")});
  }
  if (!at(metrics, "messages.status_downgrades").is_null()) {
    row(out, {"Delivery statuses behind the provider's", m("messages.status_downgrades")});
  }
  const Json& latency = at(metrics, "routing.latency_s");
  row(out, {"Routing latency mean / p50 / p95 / p99 (s)",
            decimals(at(latency, "mean"), 2) + " / " + decimals(at(latency, "p50"), 2) + " / " +
                decimals(at(latency, "p95"), 2) + " / " + decimals(at(latency, "p99"), 2)});
  row(out, {"Wait probability", decimals(at(metrics, "routing.wait_probability"), 4)});
  row(out, {"Agent utilization", decimals(at(metrics, "agents.utilization"), 4)});
  out += '\n';
}

// Column names: the report's keys with spaces, in ConsentSummary's order.
constexpr const char* kViolationKinds[] = {"after_opt_out",  "without_required_opt_in", "outside_window",
                                           "unsolicited",    "opt_out_not_confirmed",   "confirmation_repeated"};
constexpr const char* kFalseMergeCauses[] = {"shared_phone", "recycled_phone", "typed_identifier", "agent_link",
                                             "other"};
// A pull-request comment stays short; report.html and report.json list them all.
constexpr std::size_t kViolationRowsMax = 20;

std::string words(std::string key) {
  for (char& c : key) c = c == '_' ? ' ' : c;
  return key;
}

// A one-row table whose columns are `keys` under `object`.
void append_counts_table(std::string& out, const Json& object, const auto& keys) {
  std::string header = "|";
  std::string rule = "|";
  std::string values = "|";
  for (const char* key : keys) {
    header += " " + words(key) + " |";
    rule += "---:|";
    values += " " + number(at(object, key)) + " |";
  }
  out += header + "\n" + rule + "\n" + values + "\n\n";
}

void append_violations(std::string& out, const Json& violations) {
  if (!violations.is_array() || violations.empty()) return;
  out += "| t (s) | Kind | Channel | Customer | Evidence |\n|---:|---|---|---|---|\n";
  for (std::size_t i = 0; i < violations.size() && i < kViolationRowsMax; ++i) {
    const Json& violation = violations[i];
    std::string evidence;
    for (const Json& line : violation.value("evidence", Json::array())) {
      evidence += (evidence.empty() ? "" : "; ") + text_or(line, "");
    }
    row(out, {decimals(at(violation, "t_s"), 1), words(text_or(at(violation, "kind"), "?")),
              markdown_cell(text_or(at(violation, "channel"), "?")),
              markdown_cell(text_or(at(violation, "customer"), "?")), markdown_code(evidence)});
  }
  if (violations.size() > kViolationRowsMax) {
    out += "\n" + std::to_string(violations.size() - kViolationRowsMax) + " more in report.json.\n";
  }
  out += '\n';
}

void append_consent(std::string& out, const Json& report) {
  const Json& consent = at(report, "metrics.consent");
  if (consent.is_null()) return;
  out += "### Consent\n\n| Outbound checked | Violations | Compliance rate | Blocked by stack | Blocked by provider "
         "| Opt-outs |\n|---:|---:|---:|---:|---:|---:|\n";
  row(out, {number(at(consent, "outbound_checked")), number(at(consent, "violations")),
            decimals(at(consent, "compliance_rate"), 4), number(at(consent, "blocked_by_stack")),
            number(at(consent, "blocked_by_provider")), number(at(consent, "opt_outs"))});
  const Json& latency = at(consent, "opt_out_latency_s");
  out += "\n| Opt-out confirmation latency (s) | Count | Mean | p50 | p95 | Max |\n|---|---:|---:|---:|---:|---:|\n";
  row(out, {"", number(at(latency, "count")), decimals(at(latency, "mean"), 2), decimals(at(latency, "p50"), 2),
            decimals(at(latency, "p95"), 2), decimals(at(latency, "max"), 2)});
  out += "\nViolations by kind:\n\n";
  append_counts_table(out, at(consent, "violations_by_kind"), kViolationKinds);
  append_violations(out, at(report, "violations"));
}

void append_merge(std::string& out, const Json& metrics) {
  const Json& merge = at(metrics, "merge");
  if (merge.is_null()) return;
  out += "### Identity merge\n\n| Precision | Recall | F1 | False merges | Continuity rate |\n"
         "|---:|---:|---:|---:|---:|\n";
  row(out, {decimals(at(merge, "precision"), 4), decimals(at(merge, "recall"), 4), decimals(at(merge, "f1"), 4),
            number(at(merge, "false_merges")), decimals(at(merge, "continuity_rate"), 4)});
  out += "\nFalse merges by cause:\n\n";
  append_counts_table(out, at(merge, "false_merges_by_cause"), kFalseMergeCauses);
}

void append_expectations(std::string& out, const Json& report) {
  out += "### Expectations\n\n";
  const Json expectations = report.value("expectations", Json::array());
  if (expectations.empty()) {
    out += "The scenario sets no expectations.\n\n";
    return;
  }
  out += "| Metric | Op | Threshold | Actual | Result |\n|---|---|---:|---:|---|\n";
  for (const Json& expectation : expectations) {
    const bool passed = expectation.value("passed", false);
    row(out, {markdown_code(text_or(at(expectation, "metric"), "?")), markdown_cell(text_or(at(expectation, "op"), "?")),
              number(at(expectation, "threshold")), number(at(expectation, "actual")), passed ? "pass" : "**FAIL**"});
  }
  out += '\n';
}

// One latency table over a breakdown object such as routing.by_channel.
void append_latency_table(std::string& out, const std::string& title, const std::string& key_name,
                          const Json& breakdown) {
  if (!breakdown.is_object() || breakdown.empty()) return;
  out += "### " + title + "\n\n| " + key_name +
         " | Requests | Accepted | Mean | p50 | p90 | p95 | p99 | Max |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|\n";
  for (const auto& [name, entry] : breakdown.items()) {
    const Json& latency = at(entry, "latency_s");
    row(out, {markdown_cell(name), number(at(entry, "requests")), number(at(latency, "count")),
              decimals(at(latency, "mean"), 2), decimals(at(latency, "p50"), 2), decimals(at(latency, "p90"), 2),
              decimals(at(latency, "p95"), 2), decimals(at(latency, "p99"), 2), decimals(at(latency, "max"), 2)});
  }
  out += '\n';
}

}  // namespace

std::string markdown_cell(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c == '|') {
      out += "\\|";
    } else if (c == '\n' || c == '\r') {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

std::string markdown_code(std::string_view text) {
  std::size_t longest = 0;
  std::size_t run = 0;
  for (const char c : text) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  const std::string fence(longest + 1, '`');
  // A space pads content that starts or ends with a backtick (CommonMark strips one).
  const bool pad = !text.empty() && (text.front() == '`' || text.back() == '`');
  const std::string inner = pad ? " " + std::string(text) + " " : std::string(text);
  return fence + markdown_cell(inner) + fence;
}

std::string render_markdown_summary(const nlohmann::ordered_json& report) {
  std::string out;
  const Json& metrics = at(report, "metrics");
  append_header(out, report);
  append_key_metrics(out, metrics);
  append_consent(out, report);
  append_merge(out, metrics);
  append_expectations(out, report);
  append_latency_table(out, "Routing latency by channel (s)", "Channel", at(metrics, "routing.by_channel"));
  append_latency_table(out, "Routing latency by queue (s)", "Queue", at(metrics, "routing.by_queue"));
  out += "_Written by msgsim " + text_or(at(report, "tool.version"), "?") + " from report.json._\n";
  return out;
}

}  // namespace msgsim::reports
