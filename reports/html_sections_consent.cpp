// report.html's consent and identity-merge sections. Everything shown comes
// from the report object (never from Metrics::consent's own list), so the
// page shows exactly what report.json holds, masked or not.
#include <string>
#include <vector>

#include "reports/html_page.h"
#include "reports/html_report.h"

namespace msgsim::reports::html {

namespace {

// The report's spelling of ConsentSummary's kinds, in its order.
const std::vector<std::string> kViolationKinds = {"after_opt_out",         "without_required_opt_in",
                                                  "outside_window",        "unsolicited",
                                                  "opt_out_not_confirmed", "confirmation_repeated"};
const std::vector<std::string> kFalseMergeCauses = {"shared_phone", "recycled_phone", "typed_identifier",
                                                    "agent_link", "other"};

std::string words(const std::string& key) {
  std::string out = key;
  for (char& c : out) c = c == '_' ? ' ' : c;
  return out;
}

// Rates always with 4 decimals: "1.0000" reads as a rate, "1" as a count.
std::string rate(const Json& value) { return value.is_number() ? fixed(value.get<double>(), 4) : "n/a"; }

void card(Page& page, const std::string& label, const std::string& value, bool bad) {
  page.body += "<div class=\"card" + std::string(bad ? " bad" : "") + "\"><div class=\"value\">" + value +
               "</div><div class=\"label\">" + html_escape(label) + "</div></div>\n";
}

void consent_cards(const Json& consent, Page& page) {
  const Json& latency = at(consent, "opt_out_latency_s");
  const bool below_one = at(consent, "compliance_rate").is_number() && at(consent, "compliance_rate").get<double>() < 1;
  page.body += "<div class=\"cards\">\n";
  card(page, "outbound checked", shown(at(consent, "outbound_checked")), false);
  card(page, "violations", shown(at(consent, "violations")), is_positive(at(consent, "violations")));
  card(page, "compliance rate", rate(at(consent, "compliance_rate")), below_one);
  card(page, "opt-outs", shown(at(consent, "opt_outs")), false);
  card(page, "opt-out confirmation latency mean / p95 / max (s)",
       shown(at(latency, "mean")) + " / " + shown(at(latency, "p95")) + " / " + shown(at(latency, "max")), false);
  card(page, "blocked by stack / provider",
       shown(at(consent, "blocked_by_stack")) + " / " + shown(at(consent, "blocked_by_provider")), false);
  for (const std::string& kind : kViolationKinds) {
    const Json& count = at(consent, "violations_by_kind." + kind);
    card(page, "violations: " + words(kind), shown(count), is_positive(count));
  }
  page.body += "</div>\n";
}

// One marker per listed violation at (t_s, row of its kind), a series per kind.
Json violation_timeline(const Json& violations) {
  Json series = Json::array();
  for (std::size_t k = 0; k < kViolationKinds.size(); ++k) {
    Json points = Json::array();
    for (const Json& violation : violations) {
      if (text_or(at(violation, "kind"), "") != kViolationKinds[k] || !at(violation, "t_s").is_number()) continue;
      points.push_back({at(violation, "t_s"), k});
    }
    if (!points.empty()) series.push_back({{"label", words(kViolationKinds[k])}, {"points", std::move(points)}});
  }
  Json labels = Json::array();
  for (const std::string& kind : kViolationKinds) labels.push_back(words(kind));
  return {{"type", "scatter"}, {"title", "Consent violations over time"}, {"x_type", "linear"},
          {"x_title", "simulated time (s)"}, {"y_title", "violation kind"}, {"y_labels", std::move(labels)},
          {"series", std::move(series)}};
}

void violations_table(const Json& violations, Page& page) {
  page.body += "<table class=\"violations\"><thead><tr><th>t (s)</th><th class=\"detail\">Kind</th>"
               "<th class=\"detail\">Channel</th><th class=\"detail\">Customer</th><th class=\"detail\">Evidence</th>"
               "</tr></thead><tbody>\n";
  for (const Json& violation : violations) {
    std::string evidence;
    for (const Json& line : at(violation, "evidence").is_array() ? at(violation, "evidence") : Json::array()) {
      evidence += "<div><code>" + html_escape(text_or(line, "")) + "</code></div>";
    }
    page.body += "<tr class=\"fail\"><td>" + shown(at(violation, "t_s"), 1) + "</td><td class=\"detail\">" +
                 html_escape(words(text_or(at(violation, "kind"), "?"))) + "</td><td class=\"detail\">" +
                 html_escape(text_or(at(violation, "channel"), "?")) + "</td><td class=\"detail\">" +
                 html_escape(text_or(at(violation, "customer"), "?")) + "</td><td class=\"detail\">" + evidence +
                 "</td></tr>\n";
  }
  page.body += "</tbody></table>\n";
}

}  // namespace

void consent_section(const PageContext& context, Page& page) {
  const Json& consent = at(context.report, "metrics.consent");
  if (!consent.is_object()) return;  // no channel had consent keywords in effect
  page.body += "<section id=\"consent\"><h2>Consent</h2>\n";
  consent_cards(consent, page);
  const Json& violations = at(context.report, "violations");
  if (!violations.is_array() || violations.empty()) {
    page.body += "<p class=\"note\">No consent violation: nothing to chart.</p></section>\n";
    return;
  }
  page.body += "<div class=\"charts wide\">\n";
  add_chart(page, "consent-violations", violation_timeline(violations));
  page.body += "</div>\n<p class=\"note\">Violations listed: " + std::to_string(violations.size()) + " of " +
               shown(at(consent, "violations")) +
               " (the first replication's, at most 100). Evidence: the boundary events that make each one.</p>\n";
  violations_table(violations, page);
  page.body += "</section>\n";
}

void merge_section(const PageContext& context, Page& page) {
  const Json& merge = at(context.report, "metrics.merge");
  if (!merge.is_object()) return;
  const auto below_one = [&merge](const char* key) {
    return at(merge, key).is_number() && at(merge, key).get<double>() < 1;
  };
  page.body += "<section id=\"merge\"><h2>Identity merge</h2>\n<div class=\"cards\">\n";
  card(page, "precision", rate(at(merge, "precision")), below_one("precision"));
  card(page, "recall", rate(at(merge, "recall")), false);
  card(page, "F1", rate(at(merge, "f1")), false);
  card(page, "false merges (privacy breaches)", shown(at(merge, "false_merges")),
       is_positive(at(merge, "false_merges")));
  card(page, "continuity rate", rate(at(merge, "continuity_rate")), false);
  card(page, "persons / messaging users", shown(at(merge, "persons")) + " / " + shown(at(merge, "messaging_users")),
       false);
  card(page, "pairs true / predicted / correct",
       shown(at(merge, "true_pairs")) + " / " + shown(at(merge, "predicted_pairs")) + " / " +
           shown(at(merge, "correct_pairs")),
       false);
  page.body += "</div>\n<table class=\"merge-causes\"><thead><tr><th>False merges by cause</th><th>Pairs</th></tr>"
               "</thead><tbody>\n";
  for (const std::string& cause : kFalseMergeCauses) {
    const Json& count = at(merge, "false_merges_by_cause." + cause);
    page.body += std::string(is_positive(count) ? "<tr class=\"fail\">" : "<tr>") + "<td>" + words(cause) +
                 "</td><td>" + shown(count) + "</td></tr>\n";
  }
  page.body += "</tbody></table></section>\n";
}

}  // namespace msgsim::reports::html
